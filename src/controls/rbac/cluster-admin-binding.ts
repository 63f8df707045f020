import { defineControl } from '../define.js';
import { describeSubject } from '../../inventory/rbac.js';
import { adminEquivalence, STANDARD_VERBS, type AdminEquivalence } from '../../inventory/rbac-admin.js';
import { BUILT_IN_REASON, bindingOf, bindingTargets, describeRule, isBuiltInBinding, scopeOf } from '../templates/grants.js';

export default defineControl({
  id: 'cluster-admin-binding',
  aliases: ['C-0035', 'C-0185'],
  title: 'Subject bound to cluster-admin',
  severity: 'high',
  section: 'rbac',
  reads: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  appliesTo: 'inventory',
  failsWhen: 'a subject is bound to cluster-admin, or to any role — whatever its name — whose rules (aggregated ClusterRoles included) '
    + 'allow every verb (`*`, or get, list, watch, create, update, patch, delete and deletecollection listed one by one) on every resource (`*`) '
    + 'of every API group (`*`) or of the core group (`""`).',
  rationale:
    'cluster-admin, or any role that allows every verb on every resource, is full control of the cluster: secrets, '
    + 'workloads on every node, RBAC itself. The guidance asks for least privilege, so that a stolen credential or '
    + 'a compromised service account does not hand an attacker the whole cluster. A role is judged by what it grants, '
    + 'not by its name: every verb on every resource of the core group alone reaches every Secret, mints tokens for '
    + 'every ServiceAccount and impersonates any user, so it counts as cluster-admin too. Unlike tools that exempt a '
    + 'binding because of its name, only the built-in binding of Group system:masters (and system: roles bound to '
    + 'system: subjects) is excepted, as Kubernetes built-in.',
  remediation: 'Bind subjects to roles that list only the verbs and resources they need; keep cluster-admin for break-glass accounts.',
  nothingToEvaluate: 'no RoleBindings or ClusterRoleBindings in the input',
  example: {
    failing: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: ci, namespace: build}
`,
    passing: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci-deployer, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects:
- {kind: ServiceAccount, name: ci, namespace: build}
`,
  },
  targets: bindingTargets,
  check({ resource }, ctx) {
    const b = bindingOf(ctx, resource);
    if (!b) return;
    const byName = b.roleRef.kind === 'ClusterRole' && b.roleRef.name === 'cluster-admin';
    const same = byName ? undefined : adminEquivalence(b.rules);
    if (!byName && !same) return;
    const why = byName ? 'is bound to cluster-admin' : `is bound to ${b.roleRef.kind} ${b.roleRef.name}, ${explain(same!)}`;
    const exceptedBy = isBuiltInBinding(b) ? BUILT_IN_REASON : undefined;
    for (const s of b.subjects) {
      ctx.fail(s.path, `${describeSubject(s)} ${why} ${scopeOf(b)}`, {
        fix: { description: 'bind the subject to a role with only the permissions it needs' },
        exceptedBy,
      });
    }
  },
});

/** Why a role is cluster-admin in all but name: which rules (by index in their role) and what they allow. */
function explain(e: AdminEquivalence): string {
  const verbs = e.verbs === 'all' ? 'every verb' : `every standard verb (${STANDARD_VERBS.join(', ')})`;
  const where = e.groups === 'all' ? 'every resource' : 'every resource of the core API group (Secrets, ServiceAccount tokens, Pods on any node)';
  const rules = e.rules.map((r) => `${r.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('')} ${describeRule(r)}`);
  const gap = e.verbs === 'standard' ? '; it lacks only escalate, bind and impersonate, which `*` would add' : '';
  return `which allows ${verbs} on ${where}, cluster-admin in all but name${gap}: rule${rules.length > 1 ? 's' : ''} ${rules.join(' and ')}`;
}
