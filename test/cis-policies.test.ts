// The CIS Kubernetes Benchmark's automated policy recommendations (5.1.1–5.1.6) through
// `palisade scan DIR --framework cis`: each fails on a manifest set that breaks it and passes on one
// that follows it. The node recommendations are in test/cli-node-cis.test.ts.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { runCli, tempDir, writeTree } from './support/cli.js';

const BINDING = (kind: string, name: string, role: string, subject: string, ns = 'shop') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}${kind === 'RoleBinding' ? `, namespace: ${ns}` : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${role.startsWith('cluster') ? 'ClusterRole' : 'Role'}, name: ${role}}
subjects:
- ${subject}
`;
const DEPLOYMENT = (spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
${spec}      containers:
      - name: web
        image: nginx:1.27
`;

const FAILING = {
  'crb.yaml': BINDING('ClusterRoleBinding', 'alice-admin', 'cluster-admin', '{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}'),
  'role.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: shop}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [get, list]}
- {apiGroups: [""], resources: [pods], verbs: [create]}
- {apiGroups: [apps], resources: ["*"], verbs: [get]}
`,
  'rb.yaml': BINDING('RoleBinding', 'deployer', 'deployer', '{kind: ServiceAccount, name: default, namespace: shop}'),
  'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}\n',
  'deploy.yaml': DEPLOYMENT(''),
};

const PASSING = {
  'role.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules:
- {apiGroups: [""], resources: [configmaps], verbs: [get, list]}
`,
  'rb.yaml': BINDING('RoleBinding', 'reader', 'reader', '{kind: ServiceAccount, name: web, namespace: shop}'),
  'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}\nautomountServiceAccountToken: false\n---\n'
    + 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n',
  'deploy.yaml': DEPLOYMENT('      serviceAccountName: web\n      automountServiceAccountToken: false\n'),
};

const reports: Record<string, ScanReport> = {};
const status = (r: ScanReport, id: string) => r.frameworks[0]!.sections.flatMap((s) => s.items ?? []).find((i) => i.id === id)?.status;

before(() => {
  const tmp = tempDir('palisade-cis-policies-');
  for (const [name, files] of Object.entries({ failing: FAILING, passing: PASSING })) {
    const dir = writeTree(path.join(tmp, name), files);
    const out = runCli(['scan', dir, '--framework', 'cis', '--format', 'json'], { cwd: tmp });
    assert.equal(out.code, 0, out.stderr);
    reports[name] = JSON.parse(out.stdout) as ScanReport;
  }
});

describe('scan --framework cis: policy recommendations on manifests', () => {
  for (const id of ['5.1.1', '5.1.2', '5.1.3', '5.1.4', '5.1.5', '5.1.6']) {
    it(`${id}: failed on the failing manifests, passed on the passing ones`, () => {
      assert.equal(status(reports.failing!, id), 'failed');
      assert.equal(status(reports.passing!, id), 'passed');
    });
  }

  it('5.1.5 fails on the default ServiceAccount\'s token alone, with no binding to it', () => {
    const only = runCli(['scan', '-', '--framework', 'cis', '--format', 'json'], { input: FAILING['sa.yaml'] });
    const r = JSON.parse(only.stdout) as ScanReport;
    assert.equal(status(r, '5.1.5'), 'failed');
    assert.ok(r.findings.some((f) => f.controlId === 'default-service-account-automount' && f.status === 'failed'));
  });

  it('a manifest scan skips the node recommendations and lists the manual ones', () => {
    assert.equal(status(reports.passing!, '1.2.2'), 'skipped');
    assert.equal(status(reports.passing!, '5.2.2'), 'manual');
  });
});
