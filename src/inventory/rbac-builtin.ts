// The default user-facing ClusterRoles every cluster has, so that a binding to `edit` or
// `cluster-admin` is judged by what it grants even though no manifest defines those roles.
// Summarised from the Kubernetes bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy,
// v1.30): the rules that matter to the controls (secrets, pods and subresources, workloads, RBAC,
// impersonation, tokens) are listed; read-only rules on other objects are condensed.

export interface BuiltInRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];

function rule(verbs: string[], apiGroups: string[], resources: string[]): BuiltInRule {
  return { verbs, apiGroups, resources, resourceNames: [], nonResourceURLs: [] };
}

const VIEW: BuiltInRule[] = [
  rule(READ, [''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'pods/log',
    'pods/status', 'replicationcontrollers', 'replicationcontrollers/scale', 'replicationcontrollers/status', 'serviceaccounts',
    'services', 'services/status', 'bindings', 'events', 'limitranges', 'namespaces', 'namespaces/status', 'resourcequotas',
    'resourcequotas/status']),
  rule(READ, ['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale',
    'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale',
    'statefulsets/status']),
  rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
  rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
  rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
  rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
  rule(READ, ['discovery.k8s.io'], ['endpointslices']),
];

const EDIT_EXTRA: BuiltInRule[] = [
  rule(['impersonate'], [''], ['serviceaccounts']),
  rule(WRITE, [''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
  rule(['create'], [''], ['pods/eviction']),
  rule(WRITE, [''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale',
    'secrets', 'serviceaccounts', 'services', 'services/proxy']),
  rule(['create'], [''], ['serviceaccounts/token']),
  rule(READ, [''], ['secrets', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'services/proxy']),
  rule(WRITE, ['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets',
    'replicasets/scale', 'statefulsets', 'statefulsets/scale']),
  rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
  rule(WRITE, ['batch'], ['cronjobs', 'jobs']),
  rule(WRITE, ['policy'], ['poddisruptionbudgets']),
  rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
  rule(WRITE, ['coordination.k8s.io'], ['leases']),
];

const ADMIN_EXTRA: BuiltInRule[] = [
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
  rule([...WRITE, ...READ], ['rbac.authorization.k8s.io'], ['rolebindings', 'roles']),
];

export const BUILT_IN_CLUSTER_ROLES: Readonly<Record<string, BuiltInRule[]>> = {
  'cluster-admin': [
    rule(['*'], ['*'], ['*']),
    { verbs: ['*'], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: ['*'] },
  ],
  admin: [...VIEW, ...EDIT_EXTRA, ...ADMIN_EXTRA],
  edit: [...VIEW, ...EDIT_EXTRA],
  view: VIEW,
};
