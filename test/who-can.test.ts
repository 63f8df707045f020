// `palisade who-can` through the CLI, on fixtures and on the Argo CD install bundle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { CORPUS, runCli, tempDir, writeTree } from './support/cli.js';

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules:
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: ServiceAccount, name: ci, namespace: build}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: Group, name: ops}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: mystery, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: custom-not-here}
subjects:
- {kind: User, name: eve}
`;

describe('palisade who-can', () => {
  const dir = writeTree(tempDir(), { 'rbac.yaml': RBAC });

  it('answers which subjects may do a verb, through which binding and role', () => {
    const r = runCli(['who-can', 'list', 'secrets', '-n', 'shop', dir, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const who = out.answers.map((a: any) => `${a.subject.kind}:${a.subject.namespace ?? ''}/${a.subject.name} via ${a.binding.name}`).sort();
    assert.deepEqual(who, ['Group:/ops via ops', 'ServiceAccount:build/ci via reader']);
    const ci = out.answers.find((a: any) => a.subject.name === 'ci');
    assert.equal(ci.rule.location, `${path.join(dir, 'rbac.yaml')}:5`);
    assert.deepEqual(out.unresolvedBindings.map((b: any) => b.name), ['mystery']);
  });

  it('scopes RoleBindings to their namespace', () => {
    const r = runCli(['who-can', 'list', 'secrets', '-n', 'prod', dir, '--format', 'json']);
    assert.deepEqual(JSON.parse(r.stdout).answers.map((a: any) => a.subject.name), ['ops']);
  });

  it('lists what a subject may do, in pretty form', () => {
    const r = runCli(['who-can', '--subject', 'ServiceAccount:build/ci', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /What can ServiceAccount build\/ci do\?/);
    assert.match(r.stdout, /via RoleBinding shop\/reader → Role reader/);
    assert.match(r.stdout, /verbs \[get, list\] resources \[secrets\]/);
    assert.match(r.stdout, /Not resolved: 1 binding/);
  });

  it('refuses a malformed question with exit 2', () => {
    assert.equal(runCli(['who-can', 'get']).code, 2);
    assert.equal(runCli(['who-can', '--subject', 'Robot:x', dir]).code, 2);
  });

  it('finds the Argo CD application controller\'s cluster-wide wildcard on secrets', () => {
    const r = runCli(['who-can', 'get', 'secrets', path.join(CORPUS, 'argo-cd/install.yaml'), '--format', 'json']);
    const out = JSON.parse(r.stdout);
    const ctrl = out.answers.find((a: any) => a.subject.name === 'argocd-application-controller' && a.scope === 'cluster-wide');
    assert.ok(ctrl, 'argocd-application-controller can read secrets cluster-wide');
    assert.deepEqual(ctrl.rule.verbs, ['*']);
    assert.equal(ctrl.binding.kind, 'ClusterRoleBinding');
  });
});

describe('palisade who-can exec pods', () => {
  const EXEC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: shell, namespace: shop}
rules:
- {apiGroups: [""], resources: [pods/exec], verbs: [create, get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: peek, namespace: shop}
rules:
- {apiGroups: [""], resources: [pods, pods/exec, pods/log], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: shell, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: shell}
subjects: [{kind: User, name: alice}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: peek, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: peek}
subjects: [{kind: ServiceAccount, name: dashboard, namespace: shop}]
`;
  const dir = writeTree(tempDir(), { 'rbac.yaml': EXEC });

  it('lists who may create pods/exec, and who may get it (enough before 1.35), once each', () => {
    const r = runCli(['who-can', 'exec', 'pods', '-n', 'shop', dir, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const who = out.answers.map((a: any) => `${a.subject.name}:${a.note ?? ''}`);
    assert.equal(who.length, 2, who.join('\n'));
    assert.equal(who[0], 'alice:create pods/exec');
    assert.match(who[1], /^dashboard:get pods\/exec: get is enough to exec or attach through a WebSocket upgrade on API servers before 1\.35 \(kubernetes#78741/);
  });

  it('says so in pretty form; port-forward has no get path', () => {
    const r = runCli(['who-can', 'exec', 'pods', dir]);
    assert.match(r.stdout, /Who can exec pods \(in any namespace\)\?/);
    assert.match(r.stdout, /ServiceAccount shop\/dashboard[\s\S]*as get pods\/exec: get is enough/);
    const pf = runCli(['who-can', 'port-forward', 'pods', dir, '--format', 'json']);
    assert.deepEqual(JSON.parse(pf.stdout).answers, []);
  });
});
