import { defineControl } from '../define.js';
import { bindingTargets, failGrants } from '../templates/grants.js';

const WORKLOADS = [
  { verb: 'create', group: '', resource: 'pods' },
  ...['deployments', 'daemonsets', 'statefulsets', 'replicasets'].map((resource) => ({ verb: 'create', group: 'apps', resource })),
  ...['jobs', 'cronjobs'].map((resource) => ({ verb: 'create', group: 'batch', resource })),
  { verb: 'create', group: '', resource: 'replicationcontrollers' },
];

export default defineControl({
  id: 'rbac-create-workloads',
  aliases: ['C-0188'],
  title: 'Subject may create pods or pod controllers',
  severity: 'medium',
  section: 'rbac',
  reads: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  appliesTo: 'inventory',
  failsWhen: 'a subject may create pods or pod controllers (Deployments, DaemonSets, StatefulSets, Jobs, CronJobs, ReplicaSets).',
  rationale:
    'Creating a pod is running any code with any service account of the namespace and, where admission allows it, '
    + 'with host access: it reaches every secret the namespace mounts. The guidance counts workload creation among '
    + 'the permissions to grant sparingly.',
  remediation: 'Let deployment pipelines or GitOps controllers create workloads; give people and applications read-only access where they can do with it.',
  nothingToEvaluate: 'no RoleBindings or ClusterRoleBindings in the input',
  example: {
    failing: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app, namespace: shop}
rules:
- {apiGroups: [""], resources: [pods], verbs: [create, get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app}
subjects:
- {kind: ServiceAccount, name: app, namespace: shop}
`,
    passing: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app, namespace: shop}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app}
subjects:
- {kind: ServiceAccount, name: app, namespace: shop}
`,
  },
  targets: bindingTargets,
  check({ resource }, ctx) {
    failGrants(ctx, resource, WORKLOADS, 'create workloads');
  },
});
