// Facts about built-in kinds that every stage needs.

/** Built-in kinds that live outside namespaces. Unknown kinds count as namespaced when they carry a namespace. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass',
  'CustomResourceDefinition', 'PriorityClass', 'PriorityLevelConfiguration', 'FlowSchema',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  'APIService', 'IngressClass', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment',
  'PodSecurityPolicy', 'CertificateSigningRequest', 'ComponentStatus', 'ClusterIssuer',
  'GatewayClass', 'ClusterPolicy', 'ClusterPolicyReport', 'IPAddress', 'ServiceCIDR',
  'DeviceClass', 'ClusterTrustBundle', 'SelfSubjectReview', 'TokenReview', 'SubjectAccessReview',
  'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'ClusterServingRuntime',
  // cluster-wide network policies (Cilium, Calico, network-policy-api)
  'CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy',
]);

/**
 * API groups of component configuration files (kubelet config, audit policy, encryption config, …).
 * Their objects have no metadata.name and live outside namespaces; they are named after their file.
 */
export const CONFIG_API_GROUPS: ReadonlySet<string> = new Set([
  'kubelet.config.k8s.io', 'audit.k8s.io', 'apiserver.config.k8s.io', 'apiserver.k8s.io',
  'kubeadm.k8s.io', 'kubeproxy.config.k8s.io', 'kubescheduler.config.k8s.io',
  'kubecontrollermanager.config.k8s.io', 'eventratelimit.admission.k8s.io',
  'pod-security.admission.config.k8s.io',
]);

export function isClusterScoped(apiVersion: string, kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind) || CONFIG_API_GROUPS.has(apiGroup(apiVersion));
}

/** Kinds whose objects carry a pod template, with the path where the pod spec lives. */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(Object.keys(POD_SPEC_PATHS));

/** `apps/v1` → `apps`; `v1` → `` (core). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function apiVersionOnly(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
}

/** The resource id Kubescape uses: `<group>/<version>/<namespace>/<kind>/<name>`. */
export function resourceId(apiVersion: string, namespace: string | undefined, kind: string, name: string): string {
  return `${apiGroup(apiVersion)}/${apiVersionOnly(apiVersion)}/${namespace ?? ''}/${kind}/${name}`;
}
