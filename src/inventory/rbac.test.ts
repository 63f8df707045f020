import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inventoryFromYaml } from '../testing/inventory.js';
import { describeSubject, parseResource, ruleAllows } from './rbac.js';

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames: string[] = []) =>
  ({ verbs, apiGroups, resources, resourceNames });

describe('ruleAllows (the Kubernetes authorizer\'s matching)', () => {
  it('matches verbs, groups and resources exactly or by *', () => {
    assert.ok(ruleAllows(rule(['get'], [''], ['secrets']), { verb: 'get', group: '', resource: 'secrets' }));
    assert.ok(ruleAllows(rule(['*'], ['*'], ['*']), { verb: 'delete', group: 'apps', resource: 'deployments' }));
    assert.ok(!ruleAllows(rule(['get'], [''], ['secrets']), { verb: 'list', group: '', resource: 'secrets' }));
    assert.ok(!ruleAllows(rule(['get'], ['apps'], ['secrets']), { verb: 'get', group: '', resource: 'secrets' }));
  });
  it('treats subresources as Kubernetes does: * and */sub match, pods/* does not', () => {
    const exec = { verb: 'create', group: '', resource: 'pods', subresource: 'exec' };
    assert.ok(ruleAllows(rule(['create'], [''], ['*']), exec));
    assert.ok(ruleAllows(rule(['create'], [''], ['pods/exec']), exec));
    assert.ok(ruleAllows(rule(['create'], [''], ['*/exec']), exec));
    assert.ok(!ruleAllows(rule(['create'], [''], ['pods']), exec));
    assert.ok(!ruleAllows(rule(['create'], [''], ['pods/*']), exec));
    // only `*/` and exactly the subresource
    assert.ok(!ruleAllows(rule(['create'], [''], ['x/exec', '*/execs', '*/xec', '**/exec', '*exec']), exec));
    assert.ok(!ruleAllows(rule(['create'], [''], ['*/exec']), { verb: 'create', group: '', resource: 'pods' }));
    // `*` or the exact value in verbs and apiGroups, in any position
    assert.ok(ruleAllows(rule(['get', 'create'], ['apps', ''], ['pods/exec']), exec));
    assert.ok(ruleAllows(rule(['get', '*'], ['apps', '*'], ['pods/exec']), exec));
    assert.ok(!ruleAllows(rule(['get', 'creat'], [''], ['*']), exec));
    assert.ok(!ruleAllows(rule(['create'], ['apps', 'core'], ['*']), exec));
  });
  it('limits by resourceNames, which never allow create', () => {
    const named = rule(['get', 'create'], [''], ['secrets'], ['app-tls']);
    assert.ok(ruleAllows(named, { verb: 'get', group: '', resource: 'secrets' }));
    assert.ok(ruleAllows(named, { verb: 'get', group: '', resource: 'secrets', name: 'app-tls' }));
    assert.ok(!ruleAllows(named, { verb: 'get', group: '', resource: 'secrets', name: 'other' }));
    assert.ok(!ruleAllows(named, { verb: 'create', group: '', resource: 'secrets' }));
  });
  it('parses resource names the way kubectl auth can-i takes them', () => {
    assert.deepEqual(parseResource('secrets'), { resource: 'secrets', group: '' });
    assert.deepEqual(parseResource('deployments.apps'), { resource: 'deployments', group: 'apps' });
    assert.deepEqual(parseResource('pods/exec'), { resource: 'pods', group: '', subresource: 'exec' });
    assert.deepEqual(parseResource('widgets'), { resource: 'widgets', group: undefined });
  });
});

describe('Rbac', () => {
  const inv = inventoryFromYaml(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring-secrets
  labels: {rbac.example.com/aggregate-to-monitoring: "true"}
rules:
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: monitoring}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects:
- {kind: ServiceAccount, name: prometheus, namespace: monitoring}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: exec, namespace: dev}
rules:
- apiGroups: [""]
  resources: [pods/exec]
  verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: exec, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: exec}
subjects:
- {kind: ServiceAccount, name: ci, namespace: build}
- {kind: ServiceAccount, name: local}
- {kind: Group, name: developers, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: editors, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects:
- {kind: User, name: alice}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dangling, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: not-in-input}
subjects:
- {kind: User, name: bob}
`);
  const rbac = inv.rbac();

  it('resolves aggregated ClusterRoles through their parts\' labels', () => {
    const grants = rbac.whoCan({ verb: 'list', ...parseResource('secrets') });
    const sa = grants.find((g) => g.subject.kind === 'ServiceAccount' && g.subject.name === 'prometheus');
    assert.ok(sa);
    assert.equal(sa.binding.binding.name, 'monitoring');
    assert.equal(sa.rule.roleName, 'monitoring-secrets', 'the rule is quoted from the aggregated part');
    assert.equal(sa.binding.namespace, undefined, 'a ClusterRoleBinding applies everywhere');
  });

  it('keeps cross-namespace ServiceAccount subjects in their own namespace', () => {
    const grants = rbac.whoCan({ verb: 'create', ...parseResource('pods/exec'), namespace: 'dev' });
    assert.deepEqual(grants.map((g) => describeSubject(g.subject)).sort(),
      ['Group developers', 'ServiceAccount build/ci', 'ServiceAccount dev/local', 'User alice'].sort());
    assert.equal(rbac.whoCan({ verb: 'create', ...parseResource('pods/exec'), namespace: 'prod' }).length, 0);
  });

  it('knows the built-in user-facing roles and says so', () => {
    const alice = rbac.bindingsOf({ kind: 'User', name: 'alice' })[0];
    assert.equal(alice.builtInRole, true);
    assert.equal(alice.roleMissing, false);
    assert.ok(rbac.whoCan({ verb: 'get', ...parseResource('secrets'), namespace: 'dev' }).some((g) => g.subject.name === 'alice'));
    assert.ok(!rbac.whoCan({ verb: 'create', ...parseResource('roles'), namespace: 'dev' }).some((g) => g.subject.name === 'alice'), 'edit cannot write roles');
  });

  it('reports a binding whose role is missing from the input, and grants nothing for it', () => {
    const bob = rbac.bindingsOf({ kind: 'User', name: 'bob' })[0];
    assert.equal(bob.roleMissing, true);
    assert.deepEqual(bob.rules, []);
  });

  it('takes no Object.prototype member for a built-in role: a ClusterRole named constructor is missing', () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      const inv = inventoryFromYaml(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${JSON.stringify(name)}}
subjects: [{kind: User, name: carol}]
`);
      const [carol] = inv.rbac().bindingsOf({ kind: 'User', name: 'carol' });
      assert.equal(carol.builtInRole, false, name);
      assert.equal(carol.roleMissing, true, name);
      assert.deepEqual(carol.rules, [], name);
    }
  });

  it('lists every subject once', () => {
    assert.equal(rbac.subjects().length, 6);
  });
});
