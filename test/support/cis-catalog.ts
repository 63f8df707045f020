// The controls that judge one CIS Kubernetes Benchmark recommendation each, as reviewed: id, Kubescape
// aliases, severity and section, in the benchmark's order (the recommendation is in src/frameworks/cis.ts).
// They are in no nsa-cisa section; test/registry.test.ts checks them as it checks the NSA/CISA catalog.
import type { CatalogRow } from './nsa-cisa-catalog.js';

const TABLE = `
kubelet | apiserver-manifest-mode | medium | C-0092
kubelet | apiserver-manifest-owner | medium | C-0093
kubelet | controller-manager-manifest-mode | medium | C-0094
kubelet | controller-manager-manifest-owner | medium | C-0095
kubelet | scheduler-manifest-mode | medium | C-0096
kubelet | scheduler-manifest-owner | medium | C-0097
kubelet | etcd-manifest-mode | medium | C-0098
kubelet | etcd-manifest-owner | medium | C-0099
kubelet | etcd-data-dir-mode | medium | C-0102
kubelet | etcd-data-dir-owner | medium | C-0103
kubelet | admin-kubeconfig-mode | medium | C-0104
kubelet | admin-kubeconfig-owner | medium | C-0105
kubelet | scheduler-kubeconfig-mode | medium | C-0106
kubelet | scheduler-kubeconfig-owner | medium | C-0107
kubelet | controller-manager-kubeconfig-mode | medium | C-0108
kubelet | controller-manager-kubeconfig-owner | medium | C-0109
kubelet | pki-owner | medium | C-0110
control-plane | apiserver-token-auth-file | high | C-0114
control-plane | apiserver-kubelet-client-cert | high | C-0116
control-plane | apiserver-kubelet-ca | high | C-0117
control-plane | apiserver-authz-always-allow | critical | C-0118
control-plane | apiserver-authz-node | high | C-0119
control-plane | apiserver-authz-rbac | high | C-0120
control-plane | apiserver-always-admit | medium | C-0122
control-plane | apiserver-service-account-admission | medium | C-0125
control-plane | apiserver-namespace-lifecycle | medium | C-0126
control-plane | apiserver-node-restriction | medium | C-0127
control-plane | apiserver-profiling-on | low | C-0129
control-plane | apiserver-audit-log-path | medium | C-0130
control-plane | apiserver-audit-log-maxage | low | C-0131
control-plane | apiserver-audit-log-maxbackup | low | C-0132
control-plane | apiserver-audit-log-maxsize | low | C-0133
control-plane | apiserver-service-account-lookup | medium | C-0135
control-plane | apiserver-service-account-key-file | medium | C-0136
control-plane | apiserver-etcd-client-cert | high | C-0137
control-plane | apiserver-tls-cert | high | C-0138
control-plane | apiserver-client-ca | high | C-0139
control-plane | apiserver-etcd-ca | high | C-0140
control-plane | apiserver-extend-token-expiration | medium |
control-plane | controller-manager-profiling | low | C-0145
control-plane | controller-manager-sa-credentials | medium | C-0146
control-plane | controller-manager-sa-private-key | medium | C-0147
control-plane | controller-manager-root-ca | medium | C-0148
control-plane | controller-manager-rotate-server-cert | medium | C-0149
control-plane | controller-manager-bind-address | medium | C-0150
control-plane | scheduler-profiling | low | C-0151
control-plane | etcd-cert-file | high | C-0153
control-plane | etcd-client-cert-auth | high | C-0154
control-plane | etcd-auto-tls | high | C-0155
control-plane | etcd-peer-cert-file | high | C-0156
control-plane | etcd-peer-client-cert-auth | high | C-0157
control-plane | etcd-peer-auto-tls | high | C-0158
kubelet | kubelet-service-mode | medium | C-0162
kubelet | kubelet-service-owner | medium | C-0163
kubelet | kubelet-kubeconfig-mode | medium | C-0166
kubelet | kubelet-kubeconfig-owner | medium | C-0167
kubelet | kubelet-config-mode | medium | C-0170
kubelet | kubelet-config-owner | medium | C-0171
kubelet | kubelet-iptables-util-chains | medium | C-0178
kubelet | kubelet-rotate-certificates | medium | C-0182
kubelet | kube-proxy-metrics-address | low |
rbac | default-service-account-automount | low | C-0189
`;

export const CIS_CATALOG: CatalogRow[] = TABLE.trim().split('\n').map((line) => {
  const [section, id, severity, aliases] = line.split('|').map((s) => s.trim());
  return { section: section!, id: id!, severity: severity!, aliases: aliases ? aliases.split(/,\s*/) : [] };
});
