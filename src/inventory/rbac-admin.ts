// Cluster-admin in all but name: rules that allow every verb on every resource of the core API
// group or of every group, whatever the role is called. Matching is the RBAC authorizer's
// (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows, and the rbac/v1 helpers
// VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches): a rule allows a request when
// its verbs hold `*` or the verb, its apiGroups `*` or the group, its resources `*` (which also
// matches every subresource) or the resource, and its resourceNames are empty or hold the name.
// The authorizer allows a request when any rule does, so the verbs of several rules add up.
//
// Which verbs make "every verb": `*`, which also matches escalate, bind and impersonate (and every
// verb an API may add); or all eight standard verbs listed one by one (get, list, watch, create,
// update, patch, delete, deletecollection). Without escalate/bind/impersonate those still reach
// every Secret and ServiceAccount token (create serviceaccounts/token), create pods on any node and,
// over every group, rewrite RBAC objects: full control of the cluster, one step away.
import type { RbacRule } from './rbac.js';

export const STANDARD_VERBS: readonly string[] = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

export interface AdminEquivalence {
  /** The rules that together allow every verb on every resource (the fewest, in role order). */
  rules: RbacRule[];
  /** `*` among their verbs (escalate, bind, impersonate included), or the standard verbs listed one by one. */
  verbs: 'all' | 'standard';
  /** Every API group (`*`), or the core group only (`""`). */
  groups: 'all' | 'core';
}

/** A rule that matches every resource (and subresource) of a group, for any object name. */
const everyResource = (r: RbacRule) => r.resourceNames.length === 0 && r.resources.includes('*');

function cover(rules: RbacRule[]): { rules: RbacRule[]; verbs: 'all' | 'standard' } | undefined {
  const star = rules.find((r) => r.verbs.includes('*'));
  if (star) return { rules: [star], verbs: 'all' };
  const needed = new Set(STANDARD_VERBS);
  const used: RbacRule[] = [];
  for (const r of rules) {
    if (!r.verbs.some((v) => needed.has(v))) continue;
    used.push(r);
    for (const v of r.verbs) needed.delete(v);
    if (needed.size === 0) return { rules: used, verbs: 'standard' };
  }
  return undefined;
}

/** Whether a role's effective rules (aggregated parts included) make it cluster-admin in all but name. */
export function adminEquivalence(rules: readonly RbacRule[]): AdminEquivalence | undefined {
  const wide = rules.filter(everyResource);
  const all = cover(wide.filter((r) => r.apiGroups.includes('*')));
  if (all) return { ...all, groups: 'all' };
  const core = cover(wide.filter((r) => r.apiGroups.includes('*') || r.apiGroups.includes('')));
  if (core) return { ...core, groups: 'core' };
  return undefined;
}
