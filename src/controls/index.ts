// The registry of every control. One import per control file; keep each group in catalog order.
import type { Control } from './define.js';

// pod-security
import nonRootUser from './pod/non-root-user.js';
import nonRootGroup from './pod/non-root-group.js';
import readOnlyRootFilesystem from './pod/read-only-root-filesystem.js';
import privilegedContainer from './pod/privileged-container.js';
import allowPrivilegeEscalation from './pod/allow-privilege-escalation.js';
import dangerousCapabilities from './pod/dangerous-capabilities.js';
import capabilitiesNotDropped from './pod/capabilities-not-dropped.js';
import capabilitiesAdded from './pod/capabilities-added.js';
import probeHost from './pod/probe-host.js';
import seccompProfile from './pod/seccomp-profile.js';
import macProfileWeakened from './pod/mac-profile-weakened.js';
import unmaskedProcMount from './pod/unmasked-proc-mount.js';
import windowsHostProcess from './pod/windows-host-process.js';
import hostNamespaces from './pod/host-namespaces.js';
import hostNetwork from './pod/host-network.js';
import hostPort from './pod/host-port.js';
import hostPathVolume from './pod/host-path-volume.js';
import unsafeSysctls from './pod/unsafe-sysctls.js';
import serviceAccountTokenMounted from './pod/service-account-token-mounted.js';
import cpuLimits from './pod/cpu-limits.js';
import memoryLimits from './pod/memory-limits.js';
import credentialsInConfig from './pod/credentials-in-config.js';
import imageNotPinned from './pod/image-not-pinned.js';
import imageRegistryNotAllowed from './pod/image-registry-not-allowed.js';
import defaultNamespace from './pod/default-namespace.js';
import sandboxedRuntime from './pod/sandboxed-runtime.js';
import podSecurityAdmission from './pod/pod-security-admission.js';

// network
import defaultDenyIngress from './network/default-deny-ingress.js';
import defaultDenyEgress from './network/default-deny-egress.js';
import workloadNotIsolated from './network/workload-not-isolated.js';
import externallyExposed from './network/externally-exposed.js';
import ingressWithoutTls from './network/ingress-without-tls.js';
import missingResourceQuota from './network/missing-resource-quota.js';
import missingLimitRange from './network/missing-limit-range.js';

// rbac
import clusterAdminBinding from './rbac/cluster-admin-binding.js';
import rbacWildcards from './rbac/rbac-wildcards.js';
import rbacSecretsAccess from './rbac/rbac-secrets-access.js';
import rbacExecAttach from './rbac/rbac-exec-attach.js';
import rbacEscalationVerbs from './rbac/rbac-escalation-verbs.js';
import rbacCreateWorkloads from './rbac/rbac-create-workloads.js';
import anonymousAccess from './rbac/anonymous-access.js';
import defaultServiceAccountUsed from './rbac/default-service-account-used.js';
import roleSeparation from './rbac/role-separation.js';
import cloudIdentityWithRbac from './rbac/cloud-identity-with-rbac.js';
import longLivedTokenSecret from './rbac/long-lived-token-secret.js';

// control-plane, kubelet
import apiserverAnonymousAuth from './control-plane/apiserver-anonymous-auth.js';
import apiserverInsecurePort from './control-plane/apiserver-insecure-port.js';
import apiserverAuthorization from './control-plane/apiserver-authorization.js';
import apiserverStaticCredentials from './control-plane/apiserver-static-credentials.js';
import apiserverTls from './control-plane/apiserver-tls.js';
import apiserverEtcdTls from './control-plane/apiserver-etcd-tls.js';
import secretsEncryptionAtRest from './control-plane/secrets-encryption-at-rest.js';
import auditLogging from './control-plane/audit-logging.js';
import auditPolicyCoverage from './control-plane/audit-policy-coverage.js';
import admissionPlugins from './control-plane/admission-plugins.js';
import apiserverProfiling from './control-plane/apiserver-profiling.js';
import serviceAccountTokens from './control-plane/service-account-tokens.js';
import etcdTls from './control-plane/etcd-tls.js';
import etcdDedicatedCa from './control-plane/etcd-dedicated-ca.js';
import controllerManagerHardening from './control-plane/controller-manager-hardening.js';
import schedulerHardening from './control-plane/scheduler-hardening.js';
import externalAuthentication from './control-plane/external-authentication.js';
import kubeletAnonymousAuth from './kubelet/kubelet-anonymous-auth.js';
import kubeletAuthorization from './kubelet/kubelet-authorization.js';
import kubeletClientTls from './kubelet/kubelet-client-tls.js';
import kubeletReadOnlyPort from './kubelet/kubelet-read-only-port.js';
import kubeletHardening from './kubelet/kubelet-hardening.js';
import kubeletPodPidLimit from './kubelet/kubelet-pod-pid-limit.js';
import kubeletSeccompDefault from './kubelet/kubelet-seccomp-default.js';
import nodeFilePermissions from './kubelet/node-file-permissions.js';

// CIS Kubernetes Benchmark: one recommendation each, in the benchmark's order
import apiserverManifestMode from './kubelet/apiserver-manifest-mode.js';
import apiserverManifestOwner from './kubelet/apiserver-manifest-owner.js';
import controllerManagerManifestMode from './kubelet/controller-manager-manifest-mode.js';
import controllerManagerManifestOwner from './kubelet/controller-manager-manifest-owner.js';
import schedulerManifestMode from './kubelet/scheduler-manifest-mode.js';
import schedulerManifestOwner from './kubelet/scheduler-manifest-owner.js';
import etcdManifestMode from './kubelet/etcd-manifest-mode.js';
import etcdManifestOwner from './kubelet/etcd-manifest-owner.js';
import etcdDataDirMode from './kubelet/etcd-data-dir-mode.js';
import etcdDataDirOwner from './kubelet/etcd-data-dir-owner.js';
import adminKubeconfigMode from './kubelet/admin-kubeconfig-mode.js';
import adminKubeconfigOwner from './kubelet/admin-kubeconfig-owner.js';
import schedulerKubeconfigMode from './kubelet/scheduler-kubeconfig-mode.js';
import schedulerKubeconfigOwner from './kubelet/scheduler-kubeconfig-owner.js';
import controllerManagerKubeconfigMode from './kubelet/controller-manager-kubeconfig-mode.js';
import controllerManagerKubeconfigOwner from './kubelet/controller-manager-kubeconfig-owner.js';
import pkiOwner from './kubelet/pki-owner.js';
import apiserverTokenAuthFile from './control-plane/apiserver-token-auth-file.js';
import apiserverKubeletClientCert from './control-plane/apiserver-kubelet-client-cert.js';
import apiserverKubeletCa from './control-plane/apiserver-kubelet-ca.js';
import apiserverAuthzAlwaysAllow from './control-plane/apiserver-authz-always-allow.js';
import apiserverAuthzNode from './control-plane/apiserver-authz-node.js';
import apiserverAuthzRbac from './control-plane/apiserver-authz-rbac.js';
import apiserverAlwaysAdmit from './control-plane/apiserver-always-admit.js';
import apiserverServiceAccountAdmission from './control-plane/apiserver-service-account-admission.js';
import apiserverNamespaceLifecycle from './control-plane/apiserver-namespace-lifecycle.js';
import apiserverNodeRestriction from './control-plane/apiserver-node-restriction.js';
import apiserverProfilingOn from './control-plane/apiserver-profiling-on.js';
import apiserverAuditLogPath from './control-plane/apiserver-audit-log-path.js';
import apiserverAuditLogMaxage from './control-plane/apiserver-audit-log-maxage.js';
import apiserverAuditLogMaxbackup from './control-plane/apiserver-audit-log-maxbackup.js';
import apiserverAuditLogMaxsize from './control-plane/apiserver-audit-log-maxsize.js';
import apiserverServiceAccountLookup from './control-plane/apiserver-service-account-lookup.js';
import apiserverServiceAccountKeyFile from './control-plane/apiserver-service-account-key-file.js';
import apiserverEtcdClientCert from './control-plane/apiserver-etcd-client-cert.js';
import apiserverTlsCert from './control-plane/apiserver-tls-cert.js';
import apiserverClientCa from './control-plane/apiserver-client-ca.js';
import apiserverEtcdCa from './control-plane/apiserver-etcd-ca.js';
import apiserverExtendTokenExpiration from './control-plane/apiserver-extend-token-expiration.js';
import controllerManagerProfiling from './control-plane/controller-manager-profiling.js';
import controllerManagerSaCredentials from './control-plane/controller-manager-sa-credentials.js';
import controllerManagerSaPrivateKey from './control-plane/controller-manager-sa-private-key.js';
import controllerManagerRootCa from './control-plane/controller-manager-root-ca.js';
import controllerManagerRotateServerCert from './control-plane/controller-manager-rotate-server-cert.js';
import controllerManagerBindAddress from './control-plane/controller-manager-bind-address.js';
import schedulerProfiling from './control-plane/scheduler-profiling.js';
import etcdCertFile from './control-plane/etcd-cert-file.js';
import etcdClientCertAuth from './control-plane/etcd-client-cert-auth.js';
import etcdAutoTls from './control-plane/etcd-auto-tls.js';
import etcdPeerCertFile from './control-plane/etcd-peer-cert-file.js';
import etcdPeerClientCertAuth from './control-plane/etcd-peer-client-cert-auth.js';
import etcdPeerAutoTls from './control-plane/etcd-peer-auto-tls.js';
import kubeletServiceMode from './kubelet/kubelet-service-mode.js';
import kubeletServiceOwner from './kubelet/kubelet-service-owner.js';
import kubeletKubeconfigMode from './kubelet/kubelet-kubeconfig-mode.js';
import kubeletKubeconfigOwner from './kubelet/kubelet-kubeconfig-owner.js';
import kubeletConfigMode from './kubelet/kubelet-config-mode.js';
import kubeletConfigOwner from './kubelet/kubelet-config-owner.js';
import kubeletIptablesUtilChains from './kubelet/kubelet-iptables-util-chains.js';
import kubeletRotateCertificates from './kubelet/kubelet-rotate-certificates.js';
import kubeProxyMetricsAddress from './kubelet/kube-proxy-metrics-address.js';
import defaultServiceAccountAutomount from './rbac/default-service-account-automount.js';
// Pod Security Standards (frameworks pss-baseline, pss-restricted): one control per PSA check, in the standard's order
import pssHostNamespaces from './pss/host-namespaces.js';
import pssCapabilitiesBaseline from './pss/capabilities-baseline.js';
import pssHostPathVolumes from './pss/host-path-volumes.js';
import pssAppArmorProfile from './pss/apparmor-profile.js';
import pssSelinuxOptions from './pss/selinux-options.js';
import pssProcMount from './pss/proc-mount.js';
import pssSeccompBaseline from './pss/seccomp-baseline.js';
import pssSysctls from './pss/sysctls.js';
import pssHostProbesLifecycle from './pss/host-probes-lifecycle.js';
import pssRestrictedVolumes from './pss/restricted-volumes.js';
import pssAllowPrivilegeEscalation from './pss/allow-privilege-escalation.js';
import pssRunAsNonRoot from './pss/run-as-non-root.js';
import pssRunAsUser from './pss/run-as-user.js';
import pssSeccompRestricted from './pss/seccomp-restricted.js';
import pssCapabilitiesRestricted from './pss/capabilities-restricted.js';

export const CONTROLS: readonly Control[] = [
  nonRootUser,
  nonRootGroup, readOnlyRootFilesystem, privilegedContainer, allowPrivilegeEscalation, dangerousCapabilities,
  capabilitiesNotDropped, capabilitiesAdded, seccompProfile, macProfileWeakened, unmaskedProcMount, windowsHostProcess,
  hostNamespaces, hostNetwork, hostPort, hostPathVolume, probeHost, unsafeSysctls, serviceAccountTokenMounted,
  cpuLimits, memoryLimits,
  credentialsInConfig, imageNotPinned, imageRegistryNotAllowed, defaultNamespace, sandboxedRuntime,
  podSecurityAdmission,
  defaultDenyIngress, defaultDenyEgress, workloadNotIsolated, externallyExposed, ingressWithoutTls,
  missingResourceQuota, missingLimitRange,
  clusterAdminBinding, rbacWildcards, rbacSecretsAccess, rbacExecAttach, rbacEscalationVerbs, rbacCreateWorkloads,
  anonymousAccess, defaultServiceAccountUsed, roleSeparation, cloudIdentityWithRbac, longLivedTokenSecret,
  apiserverAnonymousAuth, apiserverInsecurePort, apiserverAuthorization, apiserverStaticCredentials, apiserverTls, apiserverEtcdTls,
  secretsEncryptionAtRest, auditLogging, auditPolicyCoverage, admissionPlugins, apiserverProfiling, serviceAccountTokens,
  etcdTls, etcdDedicatedCa, controllerManagerHardening, schedulerHardening, externalAuthentication,
  kubeletAnonymousAuth, kubeletAuthorization, kubeletClientTls, kubeletReadOnlyPort,
  kubeletHardening, kubeletPodPidLimit, kubeletSeccompDefault, nodeFilePermissions,
  apiserverManifestMode, apiserverManifestOwner, controllerManagerManifestMode, controllerManagerManifestOwner, schedulerManifestMode,
  schedulerManifestOwner, etcdManifestMode, etcdManifestOwner, etcdDataDirMode, etcdDataDirOwner, adminKubeconfigMode,
  adminKubeconfigOwner, schedulerKubeconfigMode, schedulerKubeconfigOwner, controllerManagerKubeconfigMode, controllerManagerKubeconfigOwner,
  pkiOwner, apiserverTokenAuthFile, apiserverKubeletClientCert, apiserverKubeletCa, apiserverAuthzAlwaysAllow,
  apiserverAuthzNode, apiserverAuthzRbac, apiserverAlwaysAdmit, apiserverServiceAccountAdmission, apiserverNamespaceLifecycle,
  apiserverNodeRestriction, apiserverProfilingOn, apiserverAuditLogPath, apiserverAuditLogMaxage, apiserverAuditLogMaxbackup,
  apiserverAuditLogMaxsize, apiserverServiceAccountLookup, apiserverServiceAccountKeyFile, apiserverEtcdClientCert, apiserverTlsCert,
  apiserverClientCa, apiserverEtcdCa, apiserverExtendTokenExpiration, controllerManagerProfiling, controllerManagerSaCredentials,
  controllerManagerSaPrivateKey, controllerManagerRootCa, controllerManagerRotateServerCert, controllerManagerBindAddress, schedulerProfiling, etcdCertFile,
  etcdClientCertAuth, etcdAutoTls, etcdPeerCertFile, etcdPeerClientCertAuth, etcdPeerAutoTls,
  kubeletServiceMode, kubeletServiceOwner, kubeletKubeconfigMode, kubeletKubeconfigOwner, kubeletConfigMode,
  kubeletConfigOwner, kubeletIptablesUtilChains, kubeletRotateCertificates, kubeProxyMetricsAddress, defaultServiceAccountAutomount,
  pssHostNamespaces, pssCapabilitiesBaseline, pssHostPathVolumes, pssAppArmorProfile, pssSelinuxOptions, pssProcMount,
  pssSeccompBaseline, pssSysctls, pssHostProbesLifecycle,
  pssRestrictedVolumes, pssAllowPrivilegeEscalation, pssRunAsNonRoot, pssRunAsUser, pssSeccompRestricted, pssCapabilitiesRestricted,
];

const byId = new Map(CONTROLS.map((c) => [c.id, c]));
const byAlias = new Map<string, Control[]>();
for (const c of CONTROLS) {
  for (const a of c.aliases) {
    const list = byAlias.get(a.toUpperCase()) ?? [];
    list.push(c);
    byAlias.set(a.toUpperCase(), list);
  }
}

export function getControl(id: string): Control | undefined {
  return byId.get(id);
}

/** Controls a name refers to: a Palisade id, or a Kubescape alias (which may name several). */
export function resolveControlName(name: string): Control[] {
  const own = byId.get(name) ?? byId.get(name.toLowerCase());
  if (own) return [own];
  return byAlias.get(name.toUpperCase()) ?? [];
}
