import { defineControl } from '../define.js';
import { bindingTargets, failGrants } from '../templates/grants.js';
import { getNote, podSubresourceRequests } from '../../inventory/rbac-exec.js';

export default defineControl({
  id: 'rbac-exec-attach',
  aliases: ['C-0002', 'C-0063'],
  title: 'Subject may exec into, attach to or port-forward pods',
  severity: 'medium',
  section: 'rbac',
  reads: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  appliesTo: 'inventory',
  inputs: ['kubernetesVersion'],
  failsWhen: 'a subject may create pods/exec, pods/attach or pods/portforward, or may get pods/exec or pods/attach unless the cluster '
    + 'is known to run Kubernetes 1.35 or newer (before 1.35 a WebSocket upgrade of exec and attach is authorized as get, kubernetes#78741).',
  rationale:
    'exec, attach and port-forward give a shell in, or a tunnel into, a running container: its secrets, its service '
    + 'account token and its network position. The guidance treats these as privileged operations to be granted '
    + 'only to the people who debug production, not to applications.',
  remediation: 'Remove create on pods/exec, pods/attach and pods/portforward, and get on pods/exec and pods/attach, from roles that '
    + 'do not need interactive access. Before Kubernetes 1.35 get alone opens a shell; from 1.35 (feature gate '
    + 'AuthorizePodWebsocketUpgradeCreatePermission, on by default) the upgrade also needs create. A cluster scan knows the version; '
    + 'for manifests set inputs.kubernetesVersion in the config.',
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
    const version = ctx.inputs.kubernetesVersion;
    const requests = ['exec', 'attach', 'portforward'].flatMap((sub) => podSubresourceRequests(sub, version));
    // create first: a binding that allows create is quoted for it; get only when nothing allows create
    const what = 'exec into, attach to or port-forward pods';
    if (failGrants(ctx, resource, requests.filter((r) => r.verb === 'create'), what)) return;
    failGrants(ctx, resource, requests.filter((r) => r.verb === 'get'), what, () => getNote(version));
  },
});
