// Which controls and which namespaces a scan covers: --controls / --exclude-controls with Palisade
// ids and Kubescape aliases (any case), unknown names refused (exit 2, never an empty pass), and
// --include-namespaces / --exclude-namespaces.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import type { ScanReport } from '../src/model/types.js';
import { runCli, tempDir, writeTree, type CliResult } from './support/cli.js';

const PRIVILEGED = (name: string, ns?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {privileged: true}
`;

function json(out: CliResult): ScanReport {
  assert.equal(out.code, 0, `exit ${out.code}\nstderr: ${out.stderr}`);
  return JSON.parse(out.stdout) as ScanReport;
}

const ids = (r: ScanReport) => r.controls.map((c) => c.id).sort();

describe('control selection', () => {
  let dir: string;
  let all: ScanReport;
  const scan = (...args: string[]) => runCli(['scan', dir, '--format', 'json', ...args]);

  before(() => {
    dir = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED('web', 'shop') });
    all = json(scan());
  });

  it('runs the whole framework by default', () => {
    assert.equal(all.controls.length, all.frameworks[0].controls);
    assert.ok(ids(all).includes('privileged-container'));
  });

  it('--controls with a Palisade id runs only that control', () => {
    const r = json(scan('--controls', 'privileged-container'));
    assert.deepEqual(ids(r), ['privileged-container']);
    assert.deepEqual(r.findings.map((f) => f.controlId), ['privileged-container']);
    assert.equal(r.summary.controls.failed, 1);
  });

  it('--controls with a Kubescape alias, in any case, runs the control it names', () => {
    for (const name of ['C-0057', 'c-0057', 'Privileged-Container', 'PRIVILEGED-CONTAINER']) {
      assert.deepEqual(ids(json(scan('--controls', name))), ['privileged-container'], name);
    }
  });

  it('an alias shared by several controls selects all of them', () => {
    assert.deepEqual(ids(json(scan('--controls', 'C-0055'))), ['mac-profile-weakened', 'seccomp-profile']);
    assert.deepEqual(ids(json(scan('--controls', 'c-0054'))), ['default-deny-egress', 'default-deny-ingress']);
  });

  it('takes comma-separated lists and repeated flags, ids and aliases mixed, without duplicates', () => {
    const r = json(scan('--controls', 'C-0057, host-network', '--controls', 'privileged-container,C-0041'));
    assert.deepEqual(ids(r), ['host-network', 'privileged-container']);
  });

  it('--exclude-controls leaves out ids and aliases', () => {
    const r = json(scan('--exclude-controls', 'c-0057,C-0055'));
    assert.deepEqual(ids(r), ids(all).filter((id) => !['privileged-container', 'seccomp-profile', 'mac-profile-weakened'].includes(id)));
    assert.ok(!r.findings.some((f) => f.controlId === 'privileged-container'));
    assert.equal(r.frameworks[0].controls, all.frameworks[0].controls, 'the framework still counts every control');
  });

  it('--controls and --exclude-controls together: the exclusion wins', () => {
    const r = json(scan('--controls', 'C-0055,privileged-container', '--exclude-controls', 'mac-profile-weakened'));
    assert.deepEqual(ids(r), ['privileged-container', 'seccomp-profile']);
  });

  it('a gate on a narrowed selection judges only what was selected', () => {
    const out = runCli(['scan', dir, '--controls', 'host-network', '--fail-on', 'low', '--quiet']);
    assert.equal(out.code, 0, out.stderr);
    const tripped = runCli(['scan', dir, '--controls', 'C-0057', '--fail-on', 'high', '--quiet']);
    assert.equal(tripped.code, 1, tripped.stderr);
  });

  for (const flag of ['--controls', '--exclude-controls']) {
    it(`${flag} with an unknown id or alias is exit 2 naming it, and no report`, () => {
      for (const bad of ['privileged-containers', 'C-9999']) {
        const out = runCli(['scan', dir, flag, `host-network,${bad}`]);
        assert.equal(out.code, 2, `${flag} ${bad}: ${out.stderr}`);
        assert.equal(out.stdout, '');
        assert.ok(out.stderr.includes(`unknown control in ${flag}: "${bad}"`), out.stderr);
        assert.match(out.stderr, /palisade list controls/);
      }
    });
  }

  it('an unknown framework is exit 2', () => {
    const out = runCli(['scan', dir, '--framework', 'cis-1.23']);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /unknown framework "cis-1\.23" \(known: nsa-cisa/);
  });
});

describe('namespace selection', () => {
  let dir: string;
  const scan = (...args: string[]) => json(runCli(['scan', dir, '--format', 'json', ...args]));
  const names = (r: ScanReport) => r.resources.filter((x) => x.source.type !== 'derived').map((x) => `${x.kind}/${x.name}`).sort();
  const failedPods = (r: ScanReport) => r.findings.filter((f) => f.controlId === 'privileged-container').map((f) => f.resourceId).sort();

  before(() => {
    dir = writeTree(tempDir(), {
      'shop.yaml': `${PRIVILEGED('shop-pod', 'shop')}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n`,
      'billing.yaml': `${PRIVILEGED('billing-pod', 'billing')}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: billing}\n`,
      'ops.yaml': PRIVILEGED('ops-pod', 'ops'),
      'no-namespace.yaml': PRIVILEGED('unnamespaced-pod'),
      'cluster.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: [{apiGroups: [""], resources: [pods], verbs: [get]}]\n',
    });
  });

  it('without a selection, every namespace is scanned', () => {
    assert.deepEqual(failedPods(scan()), ['/v1//Pod/unnamespaced-pod', '/v1/billing/Pod/billing-pod', '/v1/ops/Pod/ops-pod', '/v1/shop/Pod/shop-pod']);
  });

  it('--include-namespaces keeps those namespaces (and their Namespace objects) and cluster-scoped resources', () => {
    const r = scan('--include-namespaces', 'shop,ops');
    assert.deepEqual(names(r), ['ClusterRole/reader', 'Namespace/shop', 'Pod/ops-pod', 'Pod/shop-pod']);
    assert.deepEqual(failedPods(r), ['/v1/ops/Pod/ops-pod', '/v1/shop/Pod/shop-pod']);
    const nsFindings = r.findings.filter((f) => f.controlId === 'default-deny-ingress').map((f) => f.resourceId).sort();
    assert.deepEqual(nsFindings, ['/v1//Namespace/ops', '/v1//Namespace/shop']);
  });

  it('a resource without a namespace is in "default" (its id keeps the declared, empty namespace)', () => {
    assert.deepEqual(failedPods(scan('--include-namespaces', 'default')), ['/v1//Pod/unnamespaced-pod']);
    assert.deepEqual(failedPods(scan('--exclude-namespaces', 'default')), ['/v1/billing/Pod/billing-pod', '/v1/ops/Pod/ops-pod', '/v1/shop/Pod/shop-pod']);
  });

  it('--exclude-namespaces leaves those out, repeated or comma-separated', () => {
    const r = scan('--exclude-namespaces', 'billing', '--exclude-namespaces', 'ops,default');
    assert.deepEqual(names(r), ['ClusterRole/reader', 'Namespace/shop', 'Pod/shop-pod']);
  });

  it('include and exclude together', () => {
    const r = scan('--include-namespaces', 'shop,billing', '--exclude-namespaces', 'billing');
    assert.deepEqual(failedPods(r), ['/v1/shop/Pod/shop-pod']);
  });
});
