import { defineControl } from '../define.js';
import { describeSubject, ruleAllows, subjectKey, type Rbac, type RbacSubject, type Request } from '../../inventory/rbac.js';
import { bindingOf, bindingTargets, BUILT_IN_REASON, isBuiltInBinding } from '../templates/grants.js';

const RBAC = 'rbac.authorization.k8s.io';
const WRITE = ['create', 'update', 'patch', 'delete'];

const MANAGE_RBAC: Request[] = [
  ...['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'].flatMap((resource) => WRITE.map((verb) => ({ verb, group: RBAC, resource }))),
  ...['roles', 'clusterroles'].flatMap((resource) => ['escalate', 'bind'].map((verb) => ({ verb, group: RBAC, resource }))),
];
const MANAGE_INFRA: Request[] = [
  ...['nodes', 'namespaces'].flatMap((resource) => WRITE.map((verb) => ({ verb, group: '', resource }))),
  { verb: 'create', group: '', resource: 'pods' },
  ...['deployments', 'daemonsets', 'statefulsets'].map((resource) => ({ verb: 'create', group: 'apps', resource })),
];

interface Powers { rbac?: string; infra?: string }
const cache = new WeakMap<Rbac, Map<string, Powers>>();

/** What a subject may do across all of its bindings: the first binding that lets it manage each area. */
function powersOf(rbac: Rbac, subject: RbacSubject): Powers {
  let memo = cache.get(rbac);
  if (!memo) cache.set(rbac, (memo = new Map()));
  const key = subjectKey(subject);
  const known = memo.get(key);
  if (known) return known;
  const powers: Powers = {};
  for (const b of rbac.bindingsOf(subject)) {
    const via = `${b.binding.kind} ${b.binding.name} → ${b.roleRef.kind} ${b.roleRef.name}`;
    if (!powers.rbac && b.rules.some((r) => MANAGE_RBAC.some((q) => ruleAllows(r, q)))) powers.rbac = via;
    if (!powers.infra && b.rules.some((r) => MANAGE_INFRA.some((q) => ruleAllows(r, q)))) powers.infra = via;
  }
  memo.set(key, powers);
  return powers;
}

export default defineControl({
  id: 'role-separation',
  aliases: [],
  title: 'Subject both administers RBAC and manages infrastructure',
  severity: 'low',
  section: 'rbac',
  reads: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  appliesTo: 'inventory',
  failsWhen: 'one subject may both manage RBAC (write Roles/Bindings, escalate or bind) and manage infrastructure (nodes, namespaces, workloads).',
  rationale:
    'When the account that deploys workloads can also rewrite who may do what, one compromised credential changes '
    + 'both what runs and who can stop it. The v1.1 revision of the guidance asks to separate RBAC administration '
    + 'from infrastructure management, so each needs its own credential.',
  remediation: 'Split the permissions between two subjects: one that manages Roles and Bindings, one that manages nodes, namespaces and workloads.',
  nothingToEvaluate: 'no RoleBindings or ClusterRoleBindings in the input',
  example: {
    failing: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: platform}
rules:
- {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create, update]}
- {apiGroups: [apps], resources: [deployments], verbs: [create, update]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: platform}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: platform}
subjects:
- {kind: User, name: ops-bot}
`,
    passing: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: platform}
rules:
- {apiGroups: [apps], resources: [deployments], verbs: [create, update]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: platform}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: platform}
subjects:
- {kind: User, name: ops-bot}
`,
  },
  targets: bindingTargets,
  check({ resource }, ctx) {
    const b = bindingOf(ctx, resource);
    if (!b) return;
    const rbac = ctx.inventory.rbac();
    for (const s of b.subjects) {
      const powers = powersOf(rbac, s);
      if (!powers.rbac || !powers.infra) continue;
      ctx.fail(s.path, `${describeSubject(s)} may manage RBAC (via ${powers.rbac}) and infrastructure (via ${powers.infra})`, {
        fix: { description: 'give RBAC administration and infrastructure management to separate subjects' },
        exceptedBy: isBuiltInBinding(b) ? BUILT_IN_REASON : undefined,
      });
    }
  },
});
