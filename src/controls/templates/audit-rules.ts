// Helper, not a control: the audit Policy reader. Used by control-plane/audit-policy-coverage.
// Reading an audit Policy the way the API server does: rules in order, the first that matches a
// request decides its level (k8s.io/apiserver/pkg/audit/policy/checker.go).
import type { PathSegments } from '../../model/types.js';

type Obj = Record<string, any>;
const LOGS_BODIES = new Set(['Request', 'RequestResponse']);

/** Resources whose bodies carry secret values, with their API group. */
export const SENSITIVE: ReadonlyArray<{ group: string; resource: string }> = [
  { group: '', resource: 'secrets' },
  { group: '', resource: 'configmaps' },
  { group: 'authentication.k8s.io', resource: 'tokenreviews' },
];

export interface PolicyProblem {
  path: PathSegments;
  message: string;
}

/** Does a rule's `resources` match this group/resource (for some request)? An absent list matches every resource. */
function matchesResource(rule: Obj, group: string, resource: string): boolean {
  if (rule.resources === undefined) return !Array.isArray(rule.nonResourceURLs) || rule.nonResourceURLs.length === 0;
  if (!Array.isArray(rule.resources)) return false;
  return rule.resources.some((gr: Obj) => {
    if (!gr || typeof gr !== 'object') return false;
    const g = typeof gr.group === 'string' ? gr.group : '';
    if (g !== group && g !== '*') return false;
    const names = gr.resources;
    if (!Array.isArray(names) || names.length === 0) return true; // every resource of the group
    return names.some((n: unknown) => n === resource || n === '*' || n === `${resource}/*` || n === '*/*');
  });
}

/** A rule that applies only to some users, verbs, namespaces or names does not settle the level for everyone. */
function isConditional(rule: Obj): boolean {
  const nonEmpty = (k: string) => Array.isArray(rule[k]) && rule[k].length > 0;
  return ['users', 'userGroups', 'verbs', 'namespaces'].some(nonEmpty)
    || (Array.isArray(rule.resources) && rule.resources.some((gr: Obj) => Array.isArray(gr?.resourceNames) && gr.resourceNames.length > 0));
}

export function judgePolicy(policy: Obj): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const rules: unknown[] = Array.isArray(policy.rules) ? policy.rules : [];
  if (rules.length === 0) return [{ path: ['rules'], message: 'has no rules: nothing is logged' }];

  for (const s of SENSITIVE) {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as Obj;
      if (!rule || typeof rule !== 'object' || !matchesResource(rule, s.group, s.resource)) continue;
      if (LOGS_BODIES.has(rule.level)) {
        const which = isConditional(rule) ? ' for some requests' : '';
        problems.push({ path: ['rules', i, 'level'], message: `rule ${i + 1} logs ${s.resource} at ${rule.level}${which}: their values end up in the audit log` });
      }
      if (!isConditional(rule)) break; // this rule decides for every request on the resource
    }
  }

  const catchAll = rules.findIndex((r) => {
    const rule = r as Obj;
    return rule && typeof rule === 'object' && rule.resources === undefined && rule.nonResourceURLs === undefined && !isConditional(rule);
  });
  if (catchAll < 0) problems.push({ path: ['rules'], message: 'has no catch-all rule: requests no rule names are not audited' });
  if (rules.every((r) => (r as Obj)?.level === 'None')) problems.push({ path: ['rules'], message: 'logs nothing: every rule has level None' });
  else if (catchAll >= 0 && (rules[catchAll] as Obj).level === 'None' && catchAll === 0) {
    problems.push({ path: ['rules', 0, 'level'], message: 'its first rule is a catch-all at level None: nothing is logged' });
  }
  return problems;
}
