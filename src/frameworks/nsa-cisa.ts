// NSA/CISA Kubernetes Hardening Guidance v1.2 (August 2022, folding in the v1.1 revision).
// Sections follow the guidance's chapters; control ids are listed in the order of docs/controls/README.md.
import type { Framework } from './index.js';

export const nsaCisa: Framework = {
  id: 'nsa-cisa',
  // Kubescape calls it NSA (`kubescape scan framework nsa`)
  aliases: ['nsa'],
  title: 'NSA/CISA Kubernetes Hardening Guidance',
  version: '1.2',
  url: 'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  sections: [
    {
      id: 'pod-security',
      title: 'Kubernetes Pod security',
      summary: 'Non-root, immutable containers; no privileges, host namespaces or host mounts; resource limits; no secrets in config; Pod Security Admission.',
      controls: [
        'non-root-user', 'non-root-group', 'read-only-root-filesystem', 'privileged-container',
        'allow-privilege-escalation', 'host-namespaces', 'host-network', 'host-port', 'host-path-volume',
        'dangerous-capabilities', 'capabilities-not-dropped', 'capabilities-added', 'seccomp-profile', 'mac-profile-weakened',
        'unmasked-proc-mount', 'probe-host', 'unsafe-sysctls', 'windows-host-process', 'service-account-token-mounted',
        'cpu-limits', 'memory-limits', 'credentials-in-config', 'image-not-pinned',
        'image-registry-not-allowed', 'default-namespace', 'sandboxed-runtime', 'pod-security-admission',
      ],
    },
    {
      id: 'network',
      title: 'Network separation and hardening',
      summary: 'Default-deny NetworkPolicies in every namespace, every workload isolated, only intended exposure, TLS at the edge, resource quotas and limit ranges.',
      controls: [
        'default-deny-ingress', 'default-deny-egress', 'workload-not-isolated', 'externally-exposed',
        'ingress-without-tls', 'missing-resource-quota', 'missing-limit-range',
      ],
    },
    {
      id: 'rbac',
      title: 'Authentication and authorization',
      summary: 'Least-privilege RBAC: no cluster-admin or wildcard grants, secrets and exec limited, no escalation paths, no anonymous access, dedicated and short-lived service-account credentials, administration separated from infrastructure.',
      controls: [
        'cluster-admin-binding', 'rbac-wildcards', 'rbac-secrets-access', 'rbac-exec-attach', 'rbac-escalation-verbs',
        'rbac-create-workloads', 'anonymous-access', 'default-service-account-used', 'role-separation', 'cloud-identity-with-rbac', 'long-lived-token-secret',
      ],
    },
    {
      id: 'control-plane',
      title: 'Control plane hardening',
      summary: 'No anonymous or static-credential access to the API server, Node and RBAC authorization, TLS everywhere, etcd with its own CA, Secrets encrypted at rest, audit logging that does not leak secrets, admission plugins, short-lived service-account tokens.',
      controls: [
        'apiserver-anonymous-auth', 'apiserver-insecure-port', 'apiserver-authorization',
        'apiserver-static-credentials', 'apiserver-tls', 'apiserver-etcd-tls', 'secrets-encryption-at-rest',
        'audit-logging', 'audit-policy-coverage', 'admission-plugins', 'apiserver-profiling',
        'service-account-tokens', 'etcd-tls', 'etcd-dedicated-ca', 'controller-manager-hardening',
        'scheduler-hardening', 'external-authentication',
      ],
    },
    {
      id: 'kubelet',
      title: 'Kubelet and worker node hardening',
      summary: 'No anonymous or unauthorized kubelet access, client certificates verified, read-only port closed, kernel defaults protected, certificate rotation, process-id limits, default seccomp, and Kubernetes files on the node closed to other users.',
      controls: [
        'kubelet-anonymous-auth', 'kubelet-authorization', 'kubelet-client-tls', 'kubelet-read-only-port',
        'kubelet-hardening', 'kubelet-pod-pid-limit', 'kubelet-seccomp-default', 'node-file-permissions',
      ],
    },
  ],
};
