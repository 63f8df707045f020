// The names users of kubectl, Trivy and Kubescape already know, through the CLI: -n/--namespace,
// --severity (Trivy's display filter, which --fail-on follows), --kube-context, --framework nsa,
// Kubescape control names, and "did you mean" for unknown flags, controls and frameworks.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { runCli, tempDir, writeTree, type CliResult } from './support/cli.js';
import { writeKubeconfig } from './support/cluster-tls.js';
import { assertSchemaValid } from './support/schema.js';
import { frameworkNames } from '../src/frameworks/index.js';

const POD = (name: string, ns: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}}
spec:
  hostNetwork: true
  containers:
  - name: app
    image: nginx:latest
    securityContext: {privileged: true}
`;

function json(out: CliResult, code = 0): ScanReport {
  assert.equal(out.code, code, `exit ${out.code}\nstderr: ${out.stderr}`);
  return JSON.parse(out.stdout) as ScanReport;
}
const failedPods = (r: ScanReport) => [...new Set(r.findings.filter((f) => f.controlId === 'privileged-container').map((f) => f.resourceId))].sort();
const ids = (r: ScanReport) => r.controls.map((c) => c.id).sort();

let dir: string;
before(() => {
  dir = writeTree(tempDir(), { 'shop.yaml': POD('a', 'shop'), 'billing.yaml': POD('b', 'billing'), 'ops.yaml': POD('c', 'ops') });
});
const scan = (...args: string[]) => runCli(['scan', dir, '--format', 'json', ...args]);

describe('-n/--namespace', () => {
  it('-n and --namespace select namespaces, repeated or comma-separated; --include-namespaces is the same flag', () => {
    const want = ['/v1/ops/Pod/c', '/v1/shop/Pod/a'];
    assert.deepEqual(failedPods(json(scan('-n', 'shop', '-n', 'ops'))), want);
    assert.deepEqual(failedPods(json(scan('--namespace', 'shop,ops'))), want);
    assert.deepEqual(failedPods(json(scan('--include-namespaces', 'shop,ops'))), want);
    assert.deepEqual(failedPods(json(scan('-n', 'shop', '--include-namespaces', 'ops'))), want, 'both flags add up');
  });

  it('--exclude-namespaces beside it, and -n overriding the config\'s includeNamespaces', () => {
    assert.deepEqual(failedPods(json(scan('-n', 'shop,billing', '--exclude-namespaces', 'billing'))), ['/v1/shop/Pod/a']);
    const config = path.join(writeTree(tempDir(), { 'c.yaml': 'includeNamespaces: [billing]\n' }), 'c.yaml');
    assert.deepEqual(failedPods(json(scan('--config', config))), ['/v1/billing/Pod/b']);
    assert.deepEqual(failedPods(json(scan('--config', config, '-n', 'ops'))), ['/v1/ops/Pod/c']);
  });
});

describe('--severity: show only these severities (Trivy\'s meaning)', () => {
  let all: ScanReport;
  before(() => {
    all = json(scan());
  });

  it('controls and findings of other severities leave every output; the report says what it shows', () => {
    const r = json(scan('--severity', 'critical,HIGH'));
    assert.ok(r.controls.length > 0 && r.controls.every((c) => c.severity === 'high' || c.severity === 'critical'));
    assert.ok(r.findings.length > 0 && r.findings.every((f) => f.severity === 'high' || f.severity === 'critical'));
    assert.ok(r.controls.some((c) => c.id === 'privileged-container'));
    assert.ok(!r.controls.some((c) => c.id === 'image-not-pinned'), 'a low control is hidden');
    assert.deepEqual(r.filter, { severities: ['critical', 'high'] });
    assertSchemaValid(r, 'a report with --severity');
    assert.equal(all.filter, undefined);
    // repeated flags add up, in any order
    assert.deepEqual(json(scan('--severity', 'low', '--severity', 'high')).filter, { severities: ['high', 'low'] });
  });

  it('the summary, frameworks and scores still count every control: hiding findings does not raise compliance', () => {
    const r = json(scan('--severity', 'low'));
    assert.deepEqual(r.summary.failedBySeverity, all.summary.failedBySeverity);
    assert.equal(r.summary.compliance, all.summary.compliance);
    assert.equal(r.summary.risk, all.summary.risk);
    assert.deepEqual(r.frameworks, all.frameworks);
  });

  it('--fail-on counts only the findings shown, as Trivy\'s --exit-code does; --compliance-threshold the whole scan', () => {
    assert.equal(runCli(['scan', dir, '-q', '--fail-on', 'high']).code, 1);
    assert.equal(runCli(['scan', dir, '-q', '--fail-on', 'high', '--severity', 'high']).code, 1);
    const low = runCli(['scan', dir, '-q', '--fail-on', 'medium', '--severity', 'low']);
    assert.equal(low.code, 0, `only low findings are shown, so none is at medium or above: ${low.stderr}`);
    const threshold = runCli(['scan', dir, '-q', '--compliance-threshold', '99', '--severity', 'low']);
    assert.equal(threshold.code, 1);
    assert.match(threshold.stderr, /--compliance-threshold 99: nsa-cisa compliance is/);
  });

  it('every format renders the filtered report', () => {
    const out = path.join(tempDir(), 'out');
    const run = runCli(['scan', dir, '--severity', 'high', '--format', 'pretty,json,sarif,html,junit,prometheus,policyreport', '--output-dir', out]);
    assert.equal(run.code, 0, run.stderr);
    const sarif = JSON.parse(runCli(['scan', dir, '--severity', 'high', '--format', 'sarif']).stdout);
    const rules = sarif.runs[0].tool.driver.rules;
    assert.ok(rules.length > 0);
    for (const result of sarif.runs[0].results) assert.equal(rules[result.ruleIndex].id, result.ruleId);
    assert.ok(!sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'image-not-pinned'));
  });

  it('an unknown severity is exit 2 and no report', () => {
    const out = scan('--severity', 'high,severe');
    assert.equal(out.code, 2);
    assert.equal(out.stdout, '');
    assert.match(out.stderr, /--severity: unknown severity "severe" \(one of critical, high, medium, low\)/);
  });
});

describe('--kube-context', () => {
  const kubeconfig = () => writeKubeconfig(path.join(tempDir(), 'config'), [{ name: 'prod', server: 'https://127.0.0.1:1' }]);

  it('is --context, for scan and who-can: the kubeconfig is asked for that context', () => {
    const file = kubeconfig();
    for (const command of [['scan'], ['who-can', 'get', 'secrets']]) {
      const out = runCli([...command, '--cluster', '--kubeconfig', file, '--kube-context', 'staging'], { env: { KUBECONFIG: undefined } });
      assert.equal(out.code, 3, out.stderr);
      assert.match(out.stderr, /no context named "staging" in kubeconfig .* \(contexts: prod\)/);
    }
  });

  it('needs --cluster, and may not disagree with --context', () => {
    const none = runCli(['scan', dir, '--kube-context', 'prod']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--kube-context needs --cluster/);
    const both = runCli(['scan', '--cluster', '--context', 'a', '--kube-context', 'b']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--context and --kube-context name different contexts/);
  });
});

describe('Kubescape\'s names', () => {
  it('--framework nsa, NSA and nsa-cisa are the same framework', () => {
    const base = json(scan());
    for (const name of ['nsa', 'NSA', 'nsa-cisa', 'NSA-CISA']) {
      const r = json(scan('--framework', name));
      assert.equal(r.frameworks[0].id, 'nsa-cisa', name);
      assert.deepEqual(ids(r), ids(base), name);
    }
    const list = runCli(['list', 'controls', '--framework', 'NSA']);
    assert.equal(list.code, 0, list.stderr);
  });

  it('--controls takes Kubescape control names and titles in any case, beside ids and C-xxxx aliases', () => {
    assert.deepEqual(ids(json(scan('--controls', 'Privileged container'))), ['privileged-container']);
    assert.deepEqual(ids(json(scan('--controls', 'privileged CONTAINER,HostNetwork access'))), ['host-network', 'privileged-container']);
    assert.deepEqual(ids(json(scan('--controls', 'Linux hardening'))), ['mac-profile-weakened', 'seccomp-profile'], 'a name of a Kubescape control that two Palisade controls cover');
    assert.deepEqual(ids(json(scan('--controls', 'Image not pinned to a version or digest'))), ['image-not-pinned'], 'a Palisade title');
    const all = json(scan());
    assert.ok(!ids(json(scan('--exclude-controls', 'Privileged container'))).includes('privileged-container'));
    assert.equal(ids(json(scan('--exclude-controls', 'Privileged container'))).length, ids(all).length - 1);
  });

  it('explain and the config take them too', () => {
    const explain = runCli(['explain', 'privileged container']);
    assert.equal(explain.code, 0, explain.stderr);
    assert.ok(explain.stdout.startsWith('Privileged container (privileged-container)'));
    const config = path.join(writeTree(tempDir(), { 'c.yaml': 'disabledControls: [HostNetwork access]\nframework: NSA\n' }), 'c.yaml');
    assert.ok(!ids(json(scan('--config', config))).includes('host-network'));
  });
});

describe('did you mean', () => {
  it('an unknown flag: commander names the close one', () => {
    const out = runCli(['scan', dir, '--namspace', 'shop']);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /unknown option '--namspace'\n\(Did you mean --namespace\?\)/);
    const kube = runCli(['scan', '--kube-contxt', 'x']);
    assert.match(kube.stderr, /\(Did you mean --kube-context\?\)/);
  });

  it('an unknown control id or name: one suggestion when close, none when far or ambiguous', () => {
    const typo = scan('--controls', 'privileged-containr');
    assert.equal(typo.code, 2);
    assert.equal(typo.stderr, 'palisade: unknown control in --controls: "privileged-containr"; did you mean "privileged-container"? (see \'palisade list controls\')\n');
    assert.match(scan('--exclude-controls', 'Privileged containr').stderr, /did you mean "Privileged container"\?/);
    assert.match(scan('--controls', 'hostnetwork').stderr, /did you mean "host-network"\?/);
    assert.doesNotMatch(scan('--controls', 'no-such-thing').stderr, /did you mean/);
    assert.doesNotMatch(scan('--controls', 'C-0056').stderr, /did you mean/, 'C-0055 and C-0057 are as close');
    assert.match(runCli(['explain', 'privileged-containr']).stderr, /did you mean "privileged-container"\?/);
  });

  it('an unknown framework', () => {
    const out = scan('--framework', 'nsa-cis');
    assert.equal(out.code, 2);
    assert.equal(out.stderr, `palisade: unknown framework "nsa-cis"; did you mean "nsa-cisa"? (known: ${frameworkNames().join(', ')})\n`);
    assert.doesNotMatch(scan('--framework', 'cis-1.23').stderr, /did you mean/);
  });
});
