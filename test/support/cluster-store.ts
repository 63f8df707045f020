// What a fake cluster holds: manifests turned into the objects the API server would return —
// uid, resourceVersion, creationTimestamp, managedFields and status added, owner references
// given their owners' uids — and the API resources it serves (its discovery). Independent of the
// code under test: its own table of resources, as the real API names them.
import { loadAll } from 'js-yaml';

export interface ApiResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

const r = (group: string, version: string, kind: string, resource: string, namespaced = true): ApiResource =>
  ({ group, version, resource, kind, namespaced });

/** The built-in resources of a v1.33 API server that matter here, and a few that do not. */
export const BUILTIN: readonly ApiResource[] = [
  r('', 'v1', 'Namespace', 'namespaces', false), r('', 'v1', 'Node', 'nodes', false),
  r('', 'v1', 'Pod', 'pods'), r('', 'v1', 'ReplicationController', 'replicationcontrollers'),
  r('', 'v1', 'PodTemplate', 'podtemplates'), r('', 'v1', 'Service', 'services'),
  r('', 'v1', 'ServiceAccount', 'serviceaccounts'), r('', 'v1', 'ConfigMap', 'configmaps'),
  r('', 'v1', 'Secret', 'secrets'), r('', 'v1', 'ResourceQuota', 'resourcequotas'),
  r('', 'v1', 'LimitRange', 'limitranges'), r('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims'),
  r('', 'v1', 'PersistentVolume', 'persistentvolumes', false), r('', 'v1', 'Event', 'events'),
  r('', 'v1', 'Endpoints', 'endpoints'),
  r('apps', 'v1', 'Deployment', 'deployments'), r('apps', 'v1', 'ReplicaSet', 'replicasets'),
  r('apps', 'v1', 'StatefulSet', 'statefulsets'), r('apps', 'v1', 'DaemonSet', 'daemonsets'),
  r('apps', 'v1', 'ControllerRevision', 'controllerrevisions'),
  r('batch', 'v1', 'Job', 'jobs'), r('batch', 'v1', 'CronJob', 'cronjobs'),
  r('networking.k8s.io', 'v1', 'Ingress', 'ingresses'), r('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies'),
  r('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
  r('rbac.authorization.k8s.io', 'v1', 'Role', 'roles'), r('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings'),
  r('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  r('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
  r('admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false),
  r('admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false),
  r('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false),
  r('metrics.k8s.io', 'v1beta1', 'PodMetrics', 'pods'),
];

/** Gateway API v1.2 (standard and experimental channels): routes at the versions that release serves. */
export const GATEWAY_API: readonly ApiResource[] = [
  r('gateway.networking.k8s.io', 'v1', 'Gateway', 'gateways'), r('gateway.networking.k8s.io', 'v1', 'HTTPRoute', 'httproutes'),
  r('gateway.networking.k8s.io', 'v1', 'GRPCRoute', 'grpcroutes'), r('gateway.networking.k8s.io', 'v1', 'GatewayClass', 'gatewayclasses', false),
  r('gateway.networking.k8s.io', 'v1beta1', 'Gateway', 'gateways'), r('gateway.networking.k8s.io', 'v1beta1', 'HTTPRoute', 'httproutes'),
  r('gateway.networking.k8s.io', 'v1alpha2', 'TLSRoute', 'tlsroutes'), r('gateway.networking.k8s.io', 'v1alpha2', 'TCPRoute', 'tcproutes'),
  r('gateway.networking.k8s.io', 'v1alpha2', 'UDPRoute', 'udproutes'),
];

/**
 * Network policy CRDs: Cilium 1.16, Calico 3.29 (the projectcalico.org/v3 API server and the
 * crd.projectcalico.org/v1 CRDs behind it, both served) and network-policy-api v0.1.
 */
export const NETWORK_POLICY_CRDS: readonly ApiResource[] = [
  r('cilium.io', 'v2', 'CiliumNetworkPolicy', 'ciliumnetworkpolicies'),
  r('cilium.io', 'v2', 'CiliumClusterwideNetworkPolicy', 'ciliumclusterwidenetworkpolicies', false),
  r('cilium.io', 'v2', 'CiliumEndpoint', 'ciliumendpoints'),
  r('projectcalico.org', 'v3', 'NetworkPolicy', 'networkpolicies'),
  r('projectcalico.org', 'v3', 'GlobalNetworkPolicy', 'globalnetworkpolicies', false),
  r('crd.projectcalico.org', 'v1', 'NetworkPolicy', 'networkpolicies'),
  r('crd.projectcalico.org', 'v1', 'GlobalNetworkPolicy', 'globalnetworkpolicies', false),
  r('policy.networking.k8s.io', 'v1alpha1', 'AdminNetworkPolicy', 'adminnetworkpolicies', false),
  r('policy.networking.k8s.io', 'v1alpha1', 'BaselineAdminNetworkPolicy', 'baselineadminnetworkpolicies', false),
];

type Obj = Record<string, any>;

export class ClusterStore {
  readonly resources: readonly ApiResource[];
  /** Objects by `group/resource`, sorted by namespace and name (etcd key order), without kind and apiVersion. */
  private readonly lists = new Map<string, Obj[]>();
  private rv = 1000;

  constructor(objects: Obj[], options: { gatewayApi?: boolean; networkPolicyCrds?: boolean } = {}) {
    this.resources = [...BUILTIN, ...(options.gatewayApi ? GATEWAY_API : []), ...(options.networkPolicyCrds ? NETWORK_POLICY_CRDS : [])];
    const byRef = new Map<string, Obj>();
    for (const o of objects) {
      const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
      const res = this.resources.find((x) => x.group === group && x.version === version && x.kind === o.kind);
      if (!res) throw new Error(`the fake cluster does not serve ${o.apiVersion} ${o.kind}`);
      const { apiVersion: _v, kind: _k, ...item } = structuredClone(o);
      const meta = (item.metadata ??= {});
      if (!res.namespaced) delete meta.namespace;
      else meta.namespace ??= 'default';
      meta.uid ??= `uid-${o.kind.toLowerCase()}-${meta.namespace ?? ''}-${meta.name}`;
      meta.resourceVersion = String(++this.rv);
      meta.creationTimestamp = '2025-01-01T00:00:00Z';
      meta.managedFields = [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: o.apiVersion, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': {} } }];
      if (o.kind === 'Pod') item.status ??= { phase: 'Running', podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'True' }] };
      if (o.kind === 'Node') item.status ??= nodeStatus();
      if (o.kind === 'Deployment') item.status ??= { replicas: 1, readyReplicas: 1 };
      byRef.set(`${o.kind}/${meta.namespace ?? ''}/${meta.name}`, item);
      const key = `${group}/${res.resource}`;
      if (!this.lists.has(key)) this.lists.set(key, []);
      this.lists.get(key)!.push(item);
    }
    // owner references written without a uid get their owner's, as the API server would have it
    for (const item of byRef.values()) {
      for (const ref of item.metadata.ownerReferences ?? []) {
        ref.uid ??= byRef.get(`${ref.kind}/${item.metadata.namespace ?? ''}/${ref.name}`)?.metadata.uid ?? `uid-missing-${ref.name}`;
      }
    }
    const order = (o: Obj) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    for (const list of this.lists.values()) list.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }

  static fromYaml(text: string, options: { gatewayApi?: boolean; networkPolicyCrds?: boolean } = {}): ClusterStore {
    return new ClusterStore(loadAll(text).filter((d): d is Obj => typeof d === 'object' && d !== null), options);
  }

  list(group: string, resource: string): readonly Obj[] {
    return this.lists.get(`${group}/${resource}`) ?? [];
  }

  get resourceVersion(): string {
    return String(this.rv);
  }
}

function nodeStatus(): Obj {
  return {
    addresses: [{ type: 'InternalIP', address: '10.0.0.10' }, { type: 'Hostname', address: 'node' }],
    nodeInfo: { kubeletVersion: 'v1.33.1', kubeProxyVersion: 'v1.33.1', osImage: 'Debian GNU/Linux 12', containerRuntimeVersion: 'containerd://2.0.0' },
    conditions: [{ type: 'Ready', status: 'True' }],
    images: [{ names: ['registry.k8s.io/pause:3.10'], sizeBytes: 320000 }],
    capacity: { cpu: '4', memory: '16Gi' },
  };
}
