// The NSA/CISA catalog as reviewed: every control's id, Kubescape aliases, severity and section,
// in the framework's order. The control files and src/frameworks/nsa-cisa.ts are where these facts
// live; this table pins them, so that a change to any of them is made here too, on purpose.
// Aliases are written as Kubescape's control ids; 'C-0092…C-0112' is a range.
export interface CatalogRow { section: string; id: string; severity: string; aliases: string[] }

const TABLE = `
pod-security | non-root-user | medium | C-0013
pod-security | non-root-group | low |
pod-security | read-only-root-filesystem | low | C-0017
pod-security | privileged-container | high | C-0057
pod-security | allow-privilege-escalation | medium | C-0016
pod-security | host-namespaces | high | C-0038
pod-security | host-network | high | C-0041
pod-security | host-port | medium | C-0044
pod-security | host-path-volume | high | C-0048, C-0045, C-0074
pod-security | dangerous-capabilities | high | C-0046, C-0201
pod-security | capabilities-not-dropped | medium | C-0211
pod-security | capabilities-added | medium |
pod-security | seccomp-profile | medium | C-0055, C-0210
pod-security | mac-profile-weakened | medium | C-0055
pod-security | unmasked-proc-mount | medium |
pod-security | probe-host | medium |
pod-security | unsafe-sysctls | medium |
pod-security | windows-host-process | high | C-0202
pod-security | service-account-token-mounted | medium | C-0034, C-0190
pod-security | cpu-limits | medium | C-0270, C-0050
pod-security | memory-limits | medium | C-0271, C-0004
pod-security | credentials-in-config | high | C-0012
pod-security | image-not-pinned | low | C-0075, C-0306
pod-security | image-registry-not-allowed | medium | C-0001, C-0078
pod-security | default-namespace | low | C-0061, C-0212
pod-security | sandboxed-runtime | low | C-0297
pod-security | pod-security-admission | high | C-0192
network | default-deny-ingress | medium | C-0054, C-0206
network | default-deny-egress | medium | C-0054
network | workload-not-isolated | medium | C-0030, C-0260
network | externally-exposed | medium | C-0256, C-0266
network | ingress-without-tls | medium | C-0263, C-0231
network | missing-resource-quota | low |
network | missing-limit-range | low |
rbac | cluster-admin-binding | high | C-0035, C-0185
rbac | rbac-wildcards | medium | C-0187
rbac | rbac-secrets-access | high | C-0015, C-0186
rbac | rbac-exec-attach | medium | C-0002, C-0063
rbac | rbac-escalation-verbs | high | C-0191, C-0065
rbac | rbac-create-workloads | medium | C-0188
rbac | anonymous-access | critical | C-0262, C-0265
rbac | default-service-account-used | medium | C-0189
rbac | role-separation | low |
rbac | cloud-identity-with-rbac | medium |
rbac | long-lived-token-secret | medium |
control-plane | apiserver-anonymous-auth | critical | C-0113
control-plane | apiserver-insecure-port | critical | C-0005
control-plane | apiserver-authorization | critical | C-0118, C-0119, C-0120, C-0088
control-plane | apiserver-static-credentials | high | C-0114
control-plane | apiserver-tls | high | C-0138, C-0139, C-0116, C-0117, C-0128
control-plane | apiserver-etcd-tls | high | C-0137, C-0140
control-plane | secrets-encryption-at-rest | high | C-0066, C-0141, C-0142, C-0244
control-plane | audit-logging | high | C-0067, C-0130, C-0131, C-0132, C-0133, C-0254
control-plane | audit-policy-coverage | medium | C-0160, C-0161
control-plane | admission-plugins | medium | C-0122, C-0127, C-0125, C-0126
control-plane | apiserver-profiling | low | C-0129, C-0145, C-0151
control-plane | service-account-tokens | medium | C-0135, C-0136, C-0290
control-plane | etcd-tls | high | C-0153, C-0154, C-0155, C-0156, C-0157, C-0158
control-plane | etcd-dedicated-ca | medium | C-0159
control-plane | controller-manager-hardening | medium | C-0146, C-0147, C-0148, C-0149, C-0150
control-plane | scheduler-hardening | low | C-0152
control-plane | external-authentication | low | C-0286, C-0287
kubelet | kubelet-anonymous-auth | critical | C-0069, C-0172
kubelet | kubelet-authorization | critical | C-0173
kubelet | kubelet-client-tls | critical | C-0070, C-0174
kubelet | kubelet-read-only-port | high | C-0175
kubelet | kubelet-hardening | medium | C-0176, C-0177, C-0178, C-0182, C-0183, C-0184
kubelet | kubelet-pod-pid-limit | low | C-0284
kubelet | kubelet-seccomp-default | low |
kubelet | node-file-permissions | medium | C-0092…C-0112, C-0162…C-0171, C-0235, C-0238
`;

/** `C-0092…C-0112` ranges written out; lists split on commas. */
function expandAliases(cell: string): string[] {
  const out: string[] = [];
  for (const part of cell.split(',').map((s) => s.trim()).filter(Boolean)) {
    const range = /^C-(\d{4})…C-(\d{4})$/.exec(part);
    if (range) {
      for (let n = Number(range[1]); n <= Number(range[2]); n++) out.push(`C-${String(n).padStart(4, '0')}`);
    } else out.push(part);
  }
  return out;
}

export const NSA_CISA_CATALOG: readonly CatalogRow[] = TABLE.trim().split('\n').map((line) => {
  const [section, id, severity, aliases] = line.split('|').map((c) => c.trim());
  return { section, id, severity, aliases: expandAliases(aliases) };
});
