// The Pod Security Standards as frameworks: pss-baseline and pss-restricted scored in one run over
// examples/insecure, the version judged at (--pss-version, inputs.pssVersion, a cluster's version), and
// the namespace's own enforce label reported beside each.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { findFramework, frameworkControlIds } from '../src/frameworks/index.js';
import { scan } from '../src/engine/scan.js';
import { PSS_NEWEST_MINOR, parsePssVersion } from '../src/controls/templates/pss.js';
import { readText } from '../src/sources/files/index.js';
import type { DocumentSink } from '../src/sources/files/to-resources.js';
import { LineIndex } from '../src/sources/files/yaml-documents.js';
import { ROOT, runCli, tempDir, writeTree } from './support/cli.js';
import { assertSchemaValid } from './support/schema.js';

const INSECURE = path.join(ROOT, 'examples/insecure');

function json(args: string[]): { report: ScanReport; code: number; stderr: string } {
  const r = runCli(['scan', ...args, '--format', 'json']);
  return { report: JSON.parse(r.stdout || '{}') as ScanReport, code: r.code, stderr: r.stderr };
}

const itemStatus = (report: ScanReport, fw: string): Record<string, string> => Object.fromEntries(
  report.frameworks.find((f) => f.id === fw)!.sections.flatMap((s) => s.items ?? []).map((i) => [i.id, i.status]),
);

describe('pss frameworks data', () => {
  it('restricted is baseline without the three checks restricted ones override, plus the six restricted checks', () => {
    const baseline = findFramework('pss-baseline')!;
    const restricted = findFramework('PSS-Restricted')!;
    const ids = (fw: typeof baseline): string[] => fw.sections.flatMap((s) => (s.items ?? []).map((i) => i.id));
    assert.deepEqual(ids(baseline), ['hostProcess', 'hostNamespaces', 'privileged', 'capabilities_baseline', 'hostPathVolumes', 'hostPorts',
      'appArmorProfile', 'seLinuxOptions', 'procMount', 'seccompProfile_baseline', 'sysctls', 'hostProbesAndhostLifecycle']);
    assert.deepEqual(ids(restricted), ['hostProcess', 'hostNamespaces', 'privileged', 'hostPorts', 'appArmorProfile', 'seLinuxOptions', 'procMount',
      'sysctls', 'hostProbesAndhostLifecycle', 'restrictedVolumes', 'allowPrivilegeEscalation', 'runAsNonRoot', 'runAsUser',
      'seccompProfile_restricted', 'capabilities_restricted']);
    assert.equal(frameworkControlIds(baseline).length, 12);
    assert.equal(frameworkControlIds(restricted).length, 15);
    // the frameworks' version is the newest policy version the controls implement (the default of --pss-version)
    assert.equal(baseline.version, `1.${PSS_NEWEST_MINOR}`);
    assert.equal(restricted.version, `1.${PSS_NEWEST_MINOR}`);
  });

  it('reads policy versions as PSA writes them (v1.N, latest), a server\'s gitVersion too', () => {
    assert.deepEqual(['latest', 'v1.0', 'v1.34', '1.29', 'v1.31.4', 'v1.28.3-eks-4f4795d', 'v1.40'].map(parsePssVersion), ['latest', 0, 34, 29, 31, 28, 40]);
    for (const bad of ['', 'v2.1', 'v1', 'v1.x', 'v1.01', 'newest']) assert.equal(parsePssVersion(bad), undefined, bad);
  });
});

describe('scan --framework pss-baseline,pss-restricted', () => {
  it('scores both over examples/insecure, item by PSS check id, with the namespace note', () => {
    const { report, code } = json([INSECURE, '--framework', 'pss-baseline,pss-restricted']);
    assert.equal(code, 0);
    assertSchemaValid(report, 'pss frameworks report');
    assert.deepEqual(report.frameworks.map((f) => f.id), ['pss-baseline', 'pss-restricted']);
    const [baseline, restricted] = report.frameworks;
    assert.equal(baseline!.coverage, 100);
    assert.equal(restricted!.coverage, 100);
    assert.equal(report.summary.compliance, baseline!.compliance);
    assert.deepEqual(itemStatus(report, 'pss-baseline'), {
      hostProcess: 'passed', hostNamespaces: 'failed', privileged: 'failed', capabilities_baseline: 'failed', hostPathVolumes: 'failed',
      hostPorts: 'failed', appArmorProfile: 'passed', seLinuxOptions: 'passed', procMount: 'passed', seccompProfile_baseline: 'passed',
      sysctls: 'passed', hostProbesAndhostLifecycle: 'passed',
    });
    const r = itemStatus(report, 'pss-restricted');
    assert.deepEqual([r.restrictedVolumes, r.allowPrivilegeEscalation, r.runAsNonRoot, r.runAsUser, r.seccompProfile_restricted, r.capabilities_restricted],
      ['failed', 'failed', 'failed', 'passed', 'failed', 'failed']);
    // findings name the PSS check through their control's alias
    const control = report.controls.find((c) => c.id === 'pss-host-namespaces')!;
    assert.deepEqual(control.aliases, ['hostNamespaces']);
    assert.ok(report.findings.some((f) => f.controlId === 'pss-host-namespaces' && /\(hostNamespaces\)/.test(f.message)));
    for (const fw of [baseline!, restricted!]) {
      assert.deepEqual(fw.namespaces?.map((n) => [n.namespace, n.declared, n.enforce, n.workloads, n.rejected]), [['shop', true, undefined, 2, 2]]);
    }
    assert.match(restricted!.namespaces![0]!.note, /^namespace shop has no pod-security.kubernetes.io\/enforce label \(it enforces nothing\); 2 of 2 workloads would be rejected at restricted \(v1\.34\)$/);
  });

  it('reports the namespace\'s enforce label beside each level, and the pretty output prints it', () => {
    const dir = writeTree(tempDir(), {
      'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: v1.30\n',
      'ok.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: ok, namespace: shop}\nspec:\n  containers: [{name: a, image: nginx:1.27}]\n',
      'root.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: root, namespace: shop}\nspec:\n  securityContext: {runAsUser: 0}\n  containers: [{name: a, image: nginx:1.27}]\n',
      'host.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: host, namespace: other}\nspec:\n  hostPID: true\n  containers: [{name: a, image: nginx:1.27}]\n',
    });
    const { report } = json([dir, '--framework', 'pss-baseline,pss-restricted', '--no-config']);
    const [baseline, restricted] = report.frameworks;
    assert.deepEqual(baseline!.namespaces!.map((n) => n.note), [
      'namespace other (no Namespace object in the input: its pod-security.kubernetes.io/enforce label is unknown); 1 of 1 workload would be rejected at baseline (v1.34)',
      'namespace shop enforces baseline (v1.30); 0 of 2 workloads would be rejected at baseline (v1.34)',
    ]);
    assert.deepEqual(restricted!.namespaces!.map((n) => [n.namespace, n.enforce, n.enforceVersion, n.declared, n.rejected]),
      [['other', undefined, undefined, false, 1], ['shop', 'baseline', 'v1.30', true, 2]]);
    assert.equal(restricted!.namespaces![1]!.note, 'namespace shop enforces baseline (v1.30); 2 of 2 workloads would be rejected at restricted (v1.34)');
    const pretty = runCli(['scan', dir, '--framework', 'pss-baseline,pss-restricted', '--no-config', '--no-color']).stdout;
    assert.match(pretty, /namespace shop enforces baseline \(v1\.30\); 2 of 2 workloads would be rejected at restricted \(v1\.34\)/);
  });
});

describe('--pss-version', () => {
  const SYSCTL = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: app}\nspec:\n  securityContext:\n    sysctls: [{name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}]\n  containers:\n  - name: a\n    image: nginx:1.27\n    livenessProbe: {tcpSocket: {host: 10.0.0.1, port: 80}}\n';

  it('judges at the version given: what v1.34 allows v1.31 rejects, and a check v1.33 lacks is skipped', () => {
    const dir = writeTree(tempDir(), { 'p.yaml': SYSCTL });
    const at = (version?: string): ScanReport => json([dir, '--no-config', '--framework', 'pss-baseline', ...(version ? ['--pss-version', version] : [])]).report;
    const status = (r: ScanReport, id: string): string | undefined => r.controls.find((c) => c.id === id)?.status;
    const newest = at();
    assert.equal(status(newest, 'pss-sysctls'), 'passed');
    assert.equal(status(newest, 'pss-host-probes-lifecycle'), 'failed');
    assert.match(newest.frameworks[0]!.namespaces![0]!.note, /at baseline \(v1\.34\)$/);
    const old = at('v1.31');
    assert.equal(status(old, 'pss-sysctls'), 'failed');
    assert.equal(status(old, 'pss-host-probes-lifecycle'), 'skipped');
    assert.match(old.controls.find((c) => c.id === 'pss-host-probes-lifecycle')!.reason!, /before v1\.34 \(judging at v1\.31\)/);
    assert.equal(status(at('latest'), 'pss-sysctls'), 'passed');
  });

  it('takes inputs.pssVersion from the config, and the flag wins over it', () => {
    const dir = writeTree(tempDir(), { 'p.yaml': SYSCTL, '.palisade.yaml': 'inputs:\n  pssVersion: v1.31\n' });
    const fromConfig = json([dir, '--framework', 'pss-baseline']).report;
    assert.equal(fromConfig.controls.find((c) => c.id === 'pss-sysctls')?.status, 'failed');
    const flag = json([dir, '--framework', 'pss-baseline', '--pss-version', 'v1.32']).report;
    assert.equal(flag.controls.find((c) => c.id === 'pss-sysctls')?.status, 'passed');
  });

  it('refuses a version that is not one, from the flag (exit 2) and from the config', () => {
    const r = runCli(['scan', INSECURE, '--no-config', '--pss-version', '1.x']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--pss-version: expected a Pod Security Standards version such as v1\.34 or latest, got "1\.x"/);
    const dir = writeTree(tempDir(), { 'p.yaml': SYSCTL, '.palisade.yaml': 'inputs:\n  pssVersion: 2.0\n' });
    const c = runCli(['scan', dir, '--framework', 'pss-baseline']);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /pssVersion.*must be a Pod Security Standards version/);
  });

  it('a cluster scan judges at the API server\'s version unless one is given', () => {
    const sink: DocumentSink = { resources: [], ignored: [], errors: [], documents: 0 };
    readText(SYSCTL, [], { file: 'p.yaml', type: 'file', lines: new LineIndex(SYSCTL) }, sink);
    const input = { resources: sink.resources, documents: 1, ignored: [], errors: [], targets: [{ type: 'cluster' as const, version: 'v1.31.4' }] };
    const status = (r: ScanReport): string | undefined => r.controls.find((c) => c.id === 'pss-sysctls')?.status;
    assert.equal(status(scan(input, { framework: 'pss-baseline' })), 'failed');
    assert.equal(status(scan(input, { framework: 'pss-baseline', inputs: { pssVersion: 'v1.32' } })), 'passed');
    assert.equal(status(scan({ ...input, targets: [{ type: 'files' as const }] }, { framework: 'pss-baseline' })), 'passed');
  });
});
