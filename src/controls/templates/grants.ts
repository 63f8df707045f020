// Template, not a control: failGrants and the binding helpers. Used by the rbac/ controls (anonymous-access, cluster-admin-binding, default-service-account-used, rbac-*, role-separation).
// Shared logic of the RBAC controls: which requests a binding's rules allow, reported at the
// binding's subject with the rule quoted; built-in system bindings are excepted.
import type { Resource } from '../../model/types.js';
import { describeSubject, ruleAllows, type RbacBinding, type RbacRule, type Request } from '../../inventory/rbac.js';
import type { CheckContext } from '../define.js';

export const BUILT_IN_REASON = 'Kubernetes built-in';

/**
 * A `system:` role bound to `system:` subjects (or to kube-system ServiceAccounts), or the built-in
 * cluster-admin binding of `system:masters`: part of Kubernetes itself.
 */
export function isBuiltInBinding(b: RbacBinding): boolean {
  // The one built-in binding of a role without the prefix: cluster-admin → Group system:masters.
  const masters = b.binding.name === 'cluster-admin' && b.roleRef.name === 'cluster-admin'
    && b.subjects.length > 0 && b.subjects.every((s) => s.kind === 'Group' && s.name === 'system:masters');
  if (masters) return true;
  if (!b.roleRef.name.startsWith('system:')) return false;
  return b.subjects.length > 0 && b.subjects.every((s) => s.name.startsWith('system:') || (s.kind === 'ServiceAccount' && s.namespace === 'kube-system'));
}

export function bindingTargets(inventory: { ofKind(kind: string): readonly Resource[] }): Resource[] {
  return [...inventory.ofKind('ClusterRoleBinding'), ...inventory.ofKind('RoleBinding')];
}

export function bindingOf(ctx: CheckContext, resource: Resource): RbacBinding | undefined {
  return ctx.inventory.rbac().bindingFor(resource);
}

export function describeRule(r: RbacRule): string {
  const parts = [`verbs [${r.verbs.join(', ')}]`, `resources [${r.resources.join(', ')}]`];
  parts.push(`apiGroups [${r.apiGroups.map((g) => (g === '' ? '""' : g)).join(', ')}]`);
  if (r.resourceNames.length) parts.push(`resourceNames [${r.resourceNames.join(', ')}]`);
  const where = r.role?.locate?.(r.path);
  const at = where?.line ? ` at ${where.file}:${where.line}` : r.builtIn ? ' (built-in role)' : '';
  return `{${parts.join(', ')}} in ${r.roleKind} ${r.roleName}${at}`;
}

export function scopeOf(b: RbacBinding): string {
  return b.namespace ? `in namespace ${b.namespace}` : 'in every namespace';
}

/** The first rule of a binding that allows any of the requests, with the request it allows. */
export function firstGrant(b: RbacBinding, requests: Request[]): { rule: RbacRule; request: Request } | undefined {
  for (const rule of b.rules) for (const request of requests) if (ruleAllows(rule, request)) return { rule, request };
  return undefined;
}

export function requestText(r: Request): string {
  return `${r.verb} ${r.resource}${r.subresource ? `/${r.subresource}` : ''}`;
}

/**
 * Fails each subject of a binding whose rules allow one of the requests; the message names the
 * subject, what it may do, where, and quotes the rule. Returns whether it failed.
 */
export function failGrants(
  ctx: CheckContext, resource: Resource, requests: Request[], what: string,
  /** Said after the rule when the grant is through this request (why a verb counts). */
  noteFor?: (request: Request) => string | undefined,
): boolean {
  const b = bindingOf(ctx, resource);
  if (!b || b.subjects.length === 0) return false;
  const grant = firstGrant(b, requests);
  if (!grant) return false;
  const exceptedBy = isBuiltInBinding(b) ? BUILT_IN_REASON : undefined;
  for (const s of b.subjects) {
    const note = noteFor?.(grant.request);
    ctx.fail(s.path, `${describeSubject(s)} may ${what} ${scopeOf(b)} (${requestText(grant.request)}): rule ${describeRule(grant.rule)}${note ? `; ${note}` : ''}`, {
      fix: { description: `remove the permission from ${b.roleRef.kind} ${b.roleRef.name}, or bind this subject to a narrower role` },
      exceptedBy,
    });
  }
  return true;
}
