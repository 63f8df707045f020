import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminEquivalence } from './rbac-admin.js';
import type { RbacRule } from './rbac.js';

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames: string[] = []): RbacRule =>
  ({ verbs, apiGroups, resources, resourceNames, nonResourceURLs: [], roleKind: 'ClusterRole', roleName: 'r', path: ['rules', 0] });

describe('cluster-admin in all but name (the authorizer\'s RuleAllows)', () => {
  it('* verbs on * resources of * groups, or of the core group', () => {
    assert.deepEqual(adminEquivalence([rule(['*'], ['*'], ['*'])])?.groups, 'all');
    assert.deepEqual(adminEquivalence([rule(['*'], [''], ['*'])])?.groups, 'core');
    assert.equal(adminEquivalence([rule(['*'], ['', 'apps'], ['*'])])?.verbs, 'all');
  });
  it('the eight standard verbs, in one rule or over several; a * rule is preferred as the reason', () => {
    const std = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
    assert.equal(adminEquivalence([rule(std, ['*'], ['*'])])?.verbs, 'standard');
    const split = adminEquivalence([rule(std.slice(0, 3), ['*'], ['*']), rule(['get'], ['*'], ['*']), rule(std.slice(3), ['*'], ['*'])]);
    assert.equal(split?.rules.length, 2, 'the rule adding nothing is left out');
    assert.equal(adminEquivalence([rule(std, [''], ['*']), rule(['*'], [''], ['*'])])?.verbs, 'all');
  });
  it('all groups are preferred to the core group; a core rule and an all-groups rule add up for the core group', () => {
    assert.equal(adminEquivalence([rule(['get', 'list', 'watch'], ['*'], ['*']), rule(['create', 'update', 'patch', 'delete', 'deletecollection'], [''], ['*'])])?.groups, 'core');
  });
  it('is not: a group other than core, named resources, resourceNames, missing verbs, escalate/bind/impersonate alone', () => {
    assert.equal(adminEquivalence([rule(['*'], ['apps'], ['*'])]), undefined);
    assert.equal(adminEquivalence([rule(['*'], ['*'], ['pods', 'secrets', 'pods/*'])]), undefined);
    assert.equal(adminEquivalence([rule(['*'], ['*'], ['*'], ['one'])]), undefined);
    assert.equal(adminEquivalence([rule(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], ['*'], ['*'])]), undefined);
    assert.equal(adminEquivalence([rule(['escalate', 'bind', 'impersonate'], ['*'], ['*'])]), undefined);
    assert.equal(adminEquivalence([]), undefined);
  });
});
