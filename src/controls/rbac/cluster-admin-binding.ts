import { defineControl } from '../define.js';
import { describeSubject } from '../../inventory/rbac.js';
import { BUILT_IN_REASON, bindingOf, bindingTargets, describeRule, isBuiltInBinding, scopeOf } from '../templates/grants.js';

export default defineControl({
  id: 'cluster-admin-binding',
  aliases: ['C-0035', 'C-0185'],
  title: 'Subject bound to cluster-admin',
  severity: 'high',
  section: 'rbac',
  reads: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  appliesTo: 'inventory',
  failsWhen: 'a subject is bound to cluster-admin or to any role with * verbs on * resources.',
  rationale:
    'cluster-admin, or any role that allows every verb on every resource, is full control of the cluster: secrets, '
    + 'workloads on every node, RBAC itself. The guidance asks for least privilege, so that a stolen credential or '
    + 'a compromised service account does not hand an attacker the whole cluster.',
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
    const rule = b.rules.find((r) => r.verbs.includes('*') && r.resources.includes('*') && r.apiGroups.includes('*'));
    if (!byName && !rule) return;
    const why = byName ? 'is bound to cluster-admin' : `is bound to ${b.roleRef.kind} ${b.roleRef.name}, which allows every verb on every resource: rule ${describeRule(rule!)}`;
    const exceptedBy = isBuiltInBinding(b) ? BUILT_IN_REASON : undefined;
    for (const s of b.subjects) {
      ctx.fail(s.path, `${describeSubject(s)} ${why} ${scopeOf(b)}`, {
        fix: { description: 'bind the subject to a role with only the permissions it needs' },
        exceptedBy,
      });
    }
  },
});
