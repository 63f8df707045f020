import { defineControl } from '../define.js';
import { bindingTargets, failGrants } from '../templates/grants.js';

export default defineControl({
  id: 'rbac-exec-attach',
  aliases: ['C-0002', 'C-0063'],
  title: 'Subject may exec into, attach to or port-forward pods',
  severity: 'medium',
  section: 'rbac',
  reads: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  appliesTo: 'inventory',
  failsWhen: 'a subject may create pods/exec, pods/attach or pods/portforward.',
  rationale:
    'exec, attach and port-forward give a shell in, or a tunnel into, a running container: its secrets, its service '
    + 'account token and its network position. The guidance treats these as privileged operations to be granted '
    + 'only to the people who debug production, not to applications.',
  remediation: 'Remove create on pods/exec, pods/attach and pods/portforward from roles that do not need interactive access.',
  nothingToEvaluate: 'no RoleBindings or ClusterRoleBindings in the input',
  example: {
    failing: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: debug, namespace: shop}
rules:
- {apiGroups: [""], resources: [pods, pods/exec], verbs: [get, create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: debug, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: debug}
subjects:
- {kind: ServiceAccount, name: app, namespace: shop}
`,
    passing: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: debug, namespace: shop}
rules:
- {apiGroups: [""], resources: [pods, pods/log], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: debug, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: debug}
subjects:
- {kind: ServiceAccount, name: app, namespace: shop}
`,
  },
  targets: bindingTargets,
  check({ resource }, ctx) {
    failGrants(ctx, resource, ['exec', 'attach', 'portforward'].map((subresource) => ({ verb: 'create', group: '', resource: 'pods', subresource })),
      'exec into, attach to or port-forward pods');
  },
});
