// The kinds a cluster scan lists: those src/controls and src/inventory read (workloads for the pod
// controls, RBAC objects, NetworkPolicies, Services, Ingresses and Gateway API routes for exposure,
// quotas and limit ranges per namespace, Secrets for token Secrets, Nodes for their kubelets) — as
// data. `versions` is in order of preference: discovery picks the first one the server serves.

export interface KindSpec {
  kind: string;
  /** The API group; '' for the core group (`/api/v1`). */
  group: string;
  versions: readonly string[];
  /** The resource name in URLs (`pods`, `clusterroles`). */
  resource: string;
  namespaced: boolean;
  /** Listed as PartialObjectMetadata only: the object's data never crosses the wire (Secrets). */
  metadataOnly?: boolean;
  /** An add-on API (Gateway API, a CNI's CRDs): its absence is normal and not reported. */
  optional?: boolean;
  /**
   * The same objects under another API group, preferred when served (`{group, resource}`): this
   * kind is listed only when that one is not (Calico's crd.projectcalico.org CRDs behind its
   * projectcalico.org API server).
   */
  unlessServed?: { group: string; resource: string };
}

const core = (kind: string, resource: string, namespaced = true, extra: Partial<KindSpec> = {}): KindSpec =>
  ({ kind, group: '', versions: ['v1'], resource, namespaced, ...extra });
const inGroup = (group: string, versions: readonly string[], kind: string, resource: string, namespaced = true,
  extra: Partial<KindSpec> = {}): KindSpec => ({ kind, group, versions, resource, namespaced, ...extra });

const V1 = ['v1'];
const GATEWAY = 'gateway.networking.k8s.io';
const CILIUM = 'cilium.io';
const CALICO = 'projectcalico.org';
const CALICO_CRD = 'crd.projectcalico.org';
const NETPOL_API = 'policy.networking.k8s.io';

export const CLUSTER_KINDS: readonly KindSpec[] = [
  core('Namespace', 'namespaces', false),
  core('Node', 'nodes', false),
  core('Pod', 'pods'),
  core('ReplicationController', 'replicationcontrollers'),
  core('PodTemplate', 'podtemplates'),
  core('Service', 'services'),
  core('ServiceAccount', 'serviceaccounts'),
  core('ConfigMap', 'configmaps'),
  core('Secret', 'secrets', true, { metadataOnly: true }),
  core('ResourceQuota', 'resourcequotas'),
  core('LimitRange', 'limitranges'),
  // default-namespace judges claims in the default namespace too
  core('PersistentVolumeClaim', 'persistentvolumeclaims'),
  inGroup('apps', V1, 'Deployment', 'deployments'),
  inGroup('apps', V1, 'ReplicaSet', 'replicasets'),
  inGroup('apps', V1, 'StatefulSet', 'statefulsets'),
  inGroup('apps', V1, 'DaemonSet', 'daemonsets'),
  inGroup('batch', V1, 'Job', 'jobs'),
  inGroup('batch', V1, 'CronJob', 'cronjobs'),
  inGroup('networking.k8s.io', V1, 'Ingress', 'ingresses'),
  inGroup('networking.k8s.io', V1, 'NetworkPolicy', 'networkpolicies'),
  inGroup('rbac.authorization.k8s.io', V1, 'Role', 'roles'),
  inGroup('rbac.authorization.k8s.io', V1, 'RoleBinding', 'rolebindings'),
  inGroup('rbac.authorization.k8s.io', V1, 'ClusterRole', 'clusterroles', false),
  inGroup('rbac.authorization.k8s.io', V1, 'ClusterRoleBinding', 'clusterrolebindings', false),
  inGroup('admissionregistration.k8s.io', V1, 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false),
  inGroup('admissionregistration.k8s.io', V1, 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false),
  // Gateway API (a CRD install): routes graduate one by one, so each kind names the versions it has had
  inGroup(GATEWAY, ['v1', 'v1beta1'], 'Gateway', 'gateways', true, { optional: true }),
  inGroup(GATEWAY, ['v1', 'v1beta1'], 'HTTPRoute', 'httproutes', true, { optional: true }),
  inGroup(GATEWAY, ['v1', 'v1alpha2'], 'GRPCRoute', 'grpcroutes', true, { optional: true }),
  inGroup(GATEWAY, ['v1', 'v1alpha3', 'v1alpha2'], 'TLSRoute', 'tlsroutes', true, { optional: true }),
  inGroup(GATEWAY, ['v1alpha2'], 'TCPRoute', 'tcproutes', true, { optional: true }),
  inGroup(GATEWAY, ['v1alpha2'], 'UDPRoute', 'udproutes', true, { optional: true }),
  // network policies of CNIs and of network-policy-api (CRD installs; src/inventory/network*.ts)
  inGroup(CILIUM, ['v2'], 'CiliumNetworkPolicy', 'ciliumnetworkpolicies', true, { optional: true }),
  inGroup(CILIUM, ['v2'], 'CiliumClusterwideNetworkPolicy', 'ciliumclusterwidenetworkpolicies', false, { optional: true }),
  inGroup(CALICO, ['v3'], 'NetworkPolicy', 'networkpolicies', true, { optional: true }),
  inGroup(CALICO, ['v3'], 'GlobalNetworkPolicy', 'globalnetworkpolicies', false, { optional: true }),
  inGroup(CALICO_CRD, V1, 'NetworkPolicy', 'networkpolicies', true, { optional: true, unlessServed: { group: CALICO, resource: 'networkpolicies' } }),
  inGroup(CALICO_CRD, V1, 'GlobalNetworkPolicy', 'globalnetworkpolicies', false, { optional: true, unlessServed: { group: CALICO, resource: 'globalnetworkpolicies' } }),
  inGroup(NETPOL_API, ['v1alpha1'], 'AdminNetworkPolicy', 'adminnetworkpolicies', false, { optional: true }),
  inGroup(NETPOL_API, ['v1alpha1'], 'BaselineAdminNetworkPolicy', 'baselineadminnetworkpolicies', false, { optional: true }),
];

/** A kind as this server serves it: the version discovery chose. */
export interface ServedKind extends KindSpec {
  version: string;
}

export function apiVersionOf(kind: { group: string; version: string }): string {
  return kind.group ? `${kind.group}/${kind.version}` : kind.version;
}

/** `/api/v1` or `/apis/apps/v1`. */
export function groupVersionPath(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

/** `ClusterRoles`, `NetworkPolicies` — for messages. */
export function pluralOf(kind: string): string {
  if (kind.endsWith('y')) return `${kind.slice(0, -1)}ies`;
  if (kind.endsWith('s')) return `${kind}es`;
  return `${kind}s`;
}
