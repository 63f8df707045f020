// `palisade scan --node [--root DIR]` end to end, through the built CLI: fixture roots (a fake /proc
// and a node's files, modes set here) become node/<hostname>/<component> resources whose findings
// point at files under the root; gates, exceptions and every format work on them unchanged; the
// test machine itself (no Kubernetes) is a skipped, exit-0 scan; key material is never printed.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { KEY_CANARY } from '../src/testing/control-plane-fixtures.js';
import { EMPTY_ROOT, HARDENED_ROOT, INSECURE_ROOT, K3S_ROOT, KUBEADM_ROOT, TOKEN_CANARY, buildRoot, type RootSpec } from '../src/testing/node-roots.js';
import { runCli, tempDir, writeTree, type CliResult } from './support/cli.js';

const NODE_SECTIONS = ['control-plane', 'kubelet'];
const tmp = tempDir('palisade-cli-node-');
const roots: Record<string, string> = {};
const SPECS: Record<string, RootSpec> = { hardened: HARDENED_ROOT, kubeadm: KUBEADM_ROOT, insecure: INSECURE_ROOT, k3s: K3S_ROOT, empty: EMPTY_ROOT };

function json(out: CliResult, code = 0): ScanReport {
  assert.equal(out.code, code, `exit ${out.code}\nstderr: ${out.stderr}`);
  return JSON.parse(out.stdout) as ScanReport;
}

/** `scan --node --root <fixture> --format json`, run from an empty directory (no config file to pick up). */
function scanRoot(name: string, ...extra: string[]): CliResult {
  return runCli(['scan', '--node', '--root', roots[name], '--format', 'json', ...extra], { cwd: tmp });
}

const status = (r: ScanReport, id: string) => r.controls.find((c) => c.id === id)?.status;

function assertNoCanary(text: string, where: string): void {
  assert.ok(!text.includes(KEY_CANARY), `${where} contains key material`);
  assert.ok(!text.includes(TOKEN_CANARY) && !text.includes('token-canary'), `${where} contains the static token`);
}

before(() => {
  for (const [name, spec] of Object.entries(SPECS)) roots[name] = buildRoot(path.join(tmp, name), spec);
});

describe('scan --node --root: fixture roots through the CLI', () => {
  const expected: Array<[string, string, string[], Record<string, string>]> = [
    ['hardened', 'cp-hardened', ['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler', 'kubelet'], {
      'apiserver-anonymous-auth': 'passed', 'secrets-encryption-at-rest': 'passed', 'kubelet-read-only-port': 'passed', 'node-file-permissions': 'passed',
    }],
    ['kubeadm', 'cp-default', ['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler', 'kubelet'], {
      'apiserver-anonymous-auth': 'failed', 'audit-logging': 'failed', 'audit-policy-coverage': 'skipped', 'kubelet-anonymous-auth': 'passed',
      'kubelet-seccomp-default': 'failed', 'node-file-permissions': 'passed',
    }],
    ['insecure', 'cp-insecure', ['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler', 'kubelet'], {
      'kubelet-anonymous-auth': 'failed', 'kubelet-read-only-port': 'failed', 'apiserver-authorization': 'failed',
      'secrets-encryption-at-rest': 'failed', 'etcd-dedicated-ca': 'failed', 'node-file-permissions': 'failed', 'apiserver-insecure-port': 'passed',
    }],
    ['k3s', 'k3s-server', ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet'], {
      'secrets-encryption-at-rest': 'passed', 'audit-logging': 'passed', 'etcd-tls': 'skipped', 'node-file-permissions': 'failed',
    }],
  ];
  for (const [name, hostname, components, verdicts] of expected) {
    it(`${name} root: node/${hostname}/<component> resources, locations under the root, verdicts`, () => {
      const r = json(scanRoot(name));
      assert.deepEqual(r.targets, [{ type: 'node', paths: [roots[name]] }]);
      const ids = r.resources.filter((x) => x.kind === 'NodeComponent').map((x) => x.id).sort();
      assert.deepEqual(ids, components.map((c) => `node/${hostname}/${c}`).sort());
      for (const [id, want] of Object.entries(verdicts)) assert.equal(status(r, id), want, id);
      assert.deepEqual(r.errors, []);
      const locations = r.findings.flatMap((f) => f.paths.map((p) => p.location?.file)).filter((f): f is string => !!f);
      if (name !== 'hardened') assert.ok(locations.length > 0, 'failed findings have locations');
      for (const x of r.resources) locations.push(x.source.file!);
      for (const file of locations) {
        assert.ok(file.startsWith(`${roots[name]}/`), `${file} is under the root`);
        assert.ok(fs.existsSync(file), `${file} exists`);
      }
      for (const f of r.findings) assert.ok(f.resourceId.startsWith(`node/${hostname}/`), f.resourceId);
    });
  }

  it('the insecure root\'s findings name the cmdline and file that caused them', () => {
    const r = json(scanRoot('insecure'));
    const anon = r.findings.find((f) => f.controlId === 'kubelet-anonymous-auth' && f.status === 'failed')!;
    assert.equal(anon.resourceId, 'node/cp-insecure/kubelet');
    const perms = r.findings.filter((f) => f.controlId === 'node-file-permissions' && f.status === 'failed').flatMap((f) => f.paths);
    const key = perms.find((p) => /apiserver\.key/.test(p.message ?? ''));
    assert.ok(key, perms.map((p) => p.message).join('\n'));
    assert.equal(key.location?.file, path.join(roots.insecure, 'etc/kubernetes/pki/apiserver.key'));
    assert.match(key.message!, /has mode 0644/);
  });
});

describe('scan --node: gates and usage errors', () => {
  it('--fail-on high exits 1 on the insecure root and 0 on the hardened root', () => {
    const bad = scanRoot('insecure', '--fail-on', 'high');
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stderr, /gate tripped/);
    const good = scanRoot('hardened', '--fail-on', 'high');
    assert.equal(good.code, 0, good.stderr);
    assert.doesNotMatch(good.stderr, /gate tripped/);
  });

  it('--root without --node is a usage error (exit 2)', () => {
    const out = runCli(['scan', '--root', roots.hardened, 'examples/hardened']);
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, /--root needs --node/);
    assert.equal(out.stdout, '');
  });

  it('a --root that is not a directory is exit 2', () => {
    const file = path.join(roots.hardened, 'etc/hostname');
    for (const root of [file, path.join(tmp, 'does-not-exist')]) {
      const out = runCli(['scan', '--node', '--root', root, '--format', 'json'], { cwd: tmp });
      assert.equal(out.code, 2, `${root}: ${out.stderr}`);
      assert.match(out.stderr, /--root: not a directory/);
      assert.equal(out.stdout, '');
    }
  });
});

describe('scan --node on this machine (no Kubernetes)', () => {
  it('exits 0, says so on stderr and skips the node controls with that reason', () => {
    const out = runCli(['scan', '--node', '--format', 'json'], { cwd: tmp });
    const r = json(out);
    assert.match(out.stderr, /no Kubernetes components/);
    assert.deepEqual(r.targets, [{ type: 'node', paths: ['/'] }]);
    const nodeControls = r.controls.filter((c) => NODE_SECTIONS.includes(c.section));
    assert.ok(nodeControls.length >= 20, `${nodeControls.length} node controls`);
    for (const c of nodeControls) {
      assert.equal(c.status, 'skipped', c.id);
      assert.match(c.reason ?? '', /no Kubernetes components found on this host/, c.id);
    }
    assert.equal(r.summary.findings.failed, 0);
  });

  it('the same holds for an empty fixture root, with --fail-on', () => {
    const out = scanRoot('empty', '--fail-on', 'low');
    const r = json(out);
    assert.match(out.stderr, /no Kubernetes components found on this host: none of the 3 processes/);
    for (const c of r.controls.filter((x) => NODE_SECTIONS.includes(x.section))) assert.equal(c.status, 'skipped', c.id);
  });
});

describe('scan --node: exceptions, combined inputs, secrets', () => {
  it('an exceptions file matching kind NodeComponent and a name excepts a node finding', () => {
    const dir = writeTree(tempDir(), {
      'exceptions.yaml': `exceptions:
- controls: [kubelet-read-only-port]
  resources: [{kind: NodeComponent, name: kubelet}]
  reason: "read-only port is firewalled on this node"
`,
    });
    const r = json(scanRoot('insecure', '--exceptions', path.join(dir, 'exceptions.yaml')));
    const ro = r.findings.filter((f) => f.controlId === 'kubelet-read-only-port');
    assert.ok(ro.length > 0);
    for (const f of ro) {
      assert.equal(f.status, 'excepted', f.resourceId);
      assert.equal(f.resourceId, 'node/cp-insecure/kubelet');
    }
    assert.ok(r.summary.findings.excepted >= 1);
    // the other kubelet findings stay failed
    assert.equal(r.findings.find((f) => f.controlId === 'kubelet-anonymous-auth')?.status, 'failed');
  });

  it('--node --root X with a path scans both into one report', () => {
    const out = runCli(['scan', '--node', '--root', roots.insecure, 'examples/insecure', '--format', 'json']);
    const r = json(out);
    assert.deepEqual(r.targets.map((t) => t.type).sort(), ['files', 'node']);
    const node = r.resources.filter((x) => x.id.startsWith('node/cp-insecure/'));
    const files = r.resources.filter((x) => x.source.type === 'file');
    assert.ok(node.length >= 5, 'node resources');
    assert.ok(files.length > 0, 'manifest resources');
    assert.ok(r.findings.some((f) => f.resourceId.startsWith('node/') && f.status === 'failed'));
    assert.ok(r.findings.some((f) => !f.resourceId.startsWith('node/') && f.status === 'failed'));
    assert.equal(status(r, 'kubelet-anonymous-auth'), 'failed');
    assert.ok(r.controls.some((c) => c.section === 'pod-security' && c.status !== 'skipped'), 'manifest controls ran');
  });

  it('never prints key material or the token file, on stdout, stderr or in any report file', () => {
    for (const name of ['insecure', 'hardened', 'k3s']) {
      for (const extra of [[], ['--verbose']]) {
        const out = runCli(['scan', '--node', '--root', roots[name], '--format', 'pretty', ...extra], { cwd: tmp });
        assertNoCanary(out.stdout, `${name} pretty stdout`);
        assertNoCanary(out.stderr, `${name} stderr`);
      }
      const dir = path.join(tmp, `reports-${name}`);
      const out = runCli(['scan', '--node', '--root', roots[name], '--format', 'json,sarif,html,junit,prometheus,policyreport', '--output-dir', dir], { cwd: tmp });
      assert.equal(out.code, 0, out.stderr);
      assertNoCanary(out.stdout, `${name} stdout`);
      assertNoCanary(out.stderr, `${name} stderr`);
      const written = fs.readdirSync(dir);
      assert.equal(written.length, 6, written.join(', '));
      for (const f of written) assertNoCanary(fs.readFileSync(path.join(dir, f), 'utf8'), `${name} ${f}`);
    }
  });
});

describe('scan --node without paths: only the node sections', () => {
  const sections = (r: ScanReport) => [...new Set(r.controls.map((c) => c.section))].sort();

  it('runs only the control-plane and kubelet controls; compliance and coverage are the node\'s', () => {
    const r = json(scanRoot('insecure'));
    assert.deepEqual(sections(r), NODE_SECTIONS);
    assert.ok(!r.controls.some((c) => /no workloads in the input/.test(c.reason ?? '')), 'no manifest control skipped for want of workloads');
    const fw = r.frameworks[0];
    assert.deepEqual(fw.sections.map((s) => s.id), NODE_SECTIONS);
    assert.equal(fw.controls, r.controls.length);
    assert.equal(r.summary.controls.skipped, 0);
    assert.equal(r.summary.coverage, 100, 'every node control was evaluated on a control-plane node');
    assert.equal(fw.coverage, 100);
    const passed = r.controls.filter((c) => c.status === 'passed').length;
    assert.equal(r.summary.controls.passed + r.summary.controls.failed, r.controls.length);
    assert.ok(passed < 5 && r.summary.compliance < 20, `compliance ${r.summary.compliance}`);

    const hardened = json(scanRoot('hardened'));
    assert.deepEqual(sections(hardened), NODE_SECTIONS);
    assert.equal(hardened.summary.compliance, 100);
    assert.equal(hardened.summary.coverage, 100);
  });

  it('the pretty report lists only the node sections and no skipped manifest controls', () => {
    const out = runCli(['scan', '--node', '--root', roots.kubeadm, '--verbose'], { cwd: tmp });
    assert.equal(out.code, 0, out.stderr);
    assert.doesNotMatch(out.stdout, /no workloads in the input/);
    assert.doesNotMatch(out.stdout, /Pod security/i);
    assert.match(out.stdout, /Coverage \d+(\.\d+)?% \(\d+\/25 controls evaluated\)/);
  });

  it('on a host without Kubernetes: the node controls, all skipped, coverage 0', () => {
    const r = json(scanRoot('empty'));
    assert.deepEqual(sections(r), NODE_SECTIONS);
    assert.equal(r.summary.coverage, 0);
    assert.equal(r.summary.controls.skipped, r.controls.length);
  });

  it('gates on a node-only scan name the sections they judged', () => {
    const low = scanRoot('insecure', '--compliance-threshold', '90');
    assert.equal(low.code, 1);
    assert.match(low.stderr, /gate tripped: --compliance-threshold 90: nsa-cisa \(control-plane, kubelet\) compliance is [\d.]+%/);
    const empty = scanRoot('empty', '--min-coverage', '50');
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /gate tripped: --min-coverage 50: only 0% of nsa-cisa's controls \(control-plane, kubelet\) could be evaluated/);
    assert.equal(scanRoot('hardened', '--compliance-threshold', '100', '--min-coverage', '100').code, 0);
  });

  it('--exclude-controls still narrows a node-only scan', () => {
    const r = json(scanRoot('insecure', '--exclude-controls', 'kubelet-read-only-port'));
    assert.deepEqual(sections(r), NODE_SECTIONS);
    assert.ok(!r.controls.some((c) => c.id === 'kubelet-read-only-port'));
  });

  it('paths, --controls or --framework keep the full selection', () => {
    const withPaths = json(runCli(['scan', '--node', '--root', roots.insecure, 'examples/insecure', '--format', 'json']));
    assert.ok(sections(withPaths).includes('pod-security') && sections(withPaths).includes('kubelet'));

    const picked = json(scanRoot('insecure', '--controls', 'non-root-user,kubelet-anonymous-auth'));
    assert.deepEqual(picked.controls.map((c) => c.id).sort(), ['kubelet-anonymous-auth', 'non-root-user']);

    const framework = json(scanRoot('insecure', '--framework', 'nsa-cisa'));
    assert.ok(sections(framework).includes('pod-security'));
    assert.ok(framework.frameworks[0].controls > r25(framework));
  });

  it('a framework named in the config file also keeps the full selection', () => {
    const dir = writeTree(tempDir(), { '.palisade.yaml': 'framework: nsa-cisa\n' });
    const r = json(runCli(['scan', '--node', '--root', roots.insecure, '--format', 'json'], { cwd: dir }));
    assert.ok(sections(r).includes('pod-security'));
  });
});

/** The number of node-section controls in a report. */
function r25(r: ScanReport): number {
  return r.controls.filter((c) => NODE_SECTIONS.includes(c.section)).length;
}
