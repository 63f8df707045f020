// Which files of each component node-file-permissions examines: the files its flags name, and the
// well-known locations of each distribution (kubeadm, k3s, rke2, microk8s, EKS, GKE, AKS).
import type { NodeFileRole } from '../../model/node.js';
import type { ComponentName } from '../../model/component-specs.js';

/** Flags that name files, by component. */
export const FILE_FLAGS: Readonly<Record<ComponentName, ReadonlyArray<[string, NodeFileRole]>>> = {
  'kube-apiserver': [
    ['tls-cert-file', 'cert'], ['tls-private-key-file', 'key'], ['client-ca-file', 'cert'], ['etcd-cafile', 'cert'],
    ['etcd-certfile', 'cert'], ['etcd-keyfile', 'key'], ['kubelet-client-certificate', 'cert'], ['kubelet-client-key', 'key'],
    ['kubelet-certificate-authority', 'cert'], ['service-account-key-file', 'cert'], ['service-account-signing-key-file', 'key'],
    ['encryption-provider-config', 'key'], ['token-auth-file', 'key'], ['audit-policy-file', 'config'],
    ['authentication-config', 'config'], ['authorization-config', 'config'], ['admission-control-config-file', 'config'],
    ['requestheader-client-ca-file', 'cert'], ['proxy-client-cert-file', 'cert'], ['proxy-client-key-file', 'key'],
    ['audit-webhook-config-file', 'kubeconfig'], ['authentication-token-webhook-config-file', 'kubeconfig'],
    ['authorization-webhook-config-file', 'kubeconfig'],
  ],
  etcd: [
    ['config-file', 'config'], ['cert-file', 'cert'], ['key-file', 'key'], ['peer-cert-file', 'cert'], ['peer-key-file', 'key'],
    ['trusted-ca-file', 'cert'], ['peer-trusted-ca-file', 'cert'], ['data-dir', 'data-dir'],
  ],
  'kube-controller-manager': [
    ['kubeconfig', 'kubeconfig'], ['authentication-kubeconfig', 'kubeconfig'], ['authorization-kubeconfig', 'kubeconfig'],
    ['service-account-private-key-file', 'key'], ['root-ca-file', 'cert'], ['cluster-signing-cert-file', 'cert'],
    ['cluster-signing-key-file', 'key'], ['client-ca-file', 'cert'], ['requestheader-client-ca-file', 'cert'],
    ['tls-cert-file', 'cert'], ['tls-private-key-file', 'key'],
  ],
  'kube-scheduler': [
    ['kubeconfig', 'kubeconfig'], ['authentication-kubeconfig', 'kubeconfig'], ['authorization-kubeconfig', 'kubeconfig'],
    ['config', 'config'], ['tls-cert-file', 'cert'], ['tls-private-key-file', 'key'],
  ],
  kubelet: [
    ['config', 'config'], ['config-dir', 'config'], ['kubeconfig', 'kubeconfig'], ['bootstrap-kubeconfig', 'kubeconfig'], ['client-ca-file', 'cert'],
    ['tls-cert-file', 'cert'], ['tls-private-key-file', 'key'],
  ],
  'kube-proxy': [['kubeconfig', 'kubeconfig'], ['config', 'config']],
};

/** Fields of a KubeletConfiguration that name files. */
export const KUBELET_CONFIG_FILES: ReadonlyArray<[string[], NodeFileRole]> = [
  [['authentication', 'x509', 'clientCAFile'], 'cert'], [['tlsCertFile'], 'cert'], [['tlsPrivateKeyFile'], 'key'],
];

export interface Candidate {
  path: string;
  role: NodeFileRole;
  component: ComponentName;
  /** A directory whose regular files are all examined with this role (`*.key` only when `suffix` is set). */
  dir?: boolean;
  suffix?: string;
  /** How many levels of subdirectories of `dir` are examined too (default 1). */
  depth?: number;
}

const c = (component: ComponentName, role: NodeFileRole, path: string, more: Partial<Candidate> = {}): Candidate => ({ component, role, path, ...more });

/**
 * The data directory of k3s and rke2 (`--data-dir`, `data-dir:` in their config): candidate paths
 * under the default one are moved under the one the host uses.
 */
export const DEFAULT_DATA_DIRS: Readonly<Record<string, string>> = { k3s: '/var/lib/rancher/k3s', rke2: '/var/lib/rancher/rke2' };

const K3S = DEFAULT_DATA_DIRS.k3s, RKE2 = DEFAULT_DATA_DIRS.rke2;

/** Files examined when they exist, attached to the component that uses them. `any` applies to every host. */
export const CANDIDATES: Readonly<Record<string, readonly Candidate[]>> = {
  any: [
    // the kubelet's --cert-dir default: its serving key and the rotated client certificates (certificate and key in one .pem)
    c('kubelet', 'key', '/var/lib/kubelet/pki', { dir: true, suffix: '.key', depth: 0 }),
    c('kubelet', 'key', '/var/lib/kubelet/pki', { dir: true, suffix: '.pem', depth: 0 }),
    c('kubelet', 'cert', '/var/lib/kubelet/pki', { dir: true, suffix: '.crt', depth: 0 }),
  ],
  kubeadm: [
    c('kube-apiserver', 'manifest', '/etc/kubernetes/manifests/kube-apiserver.yaml'),
    c('kube-controller-manager', 'manifest', '/etc/kubernetes/manifests/kube-controller-manager.yaml'),
    c('kube-scheduler', 'manifest', '/etc/kubernetes/manifests/kube-scheduler.yaml'),
    c('etcd', 'manifest', '/etc/kubernetes/manifests/etcd.yaml'),
    c('kube-apiserver', 'kubeconfig', '/etc/kubernetes/admin.conf'),
    c('kube-apiserver', 'kubeconfig', '/etc/kubernetes/super-admin.conf'),
    c('kube-apiserver', 'key', '/etc/kubernetes/pki', { dir: true, suffix: '.key' }),
    c('kube-apiserver', 'cert', '/etc/kubernetes/pki', { dir: true, suffix: '.crt' }),
    c('kubelet', 'config', '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf'),
    c('kubelet', 'config', '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf'),
    c('kubelet', 'config', '/var/lib/kubelet/kubeadm-flags.env'),
    c('kubelet', 'kubeconfig', '/etc/kubernetes/kubelet.conf'),
    c('kubelet', 'config', '/var/lib/kubelet/config.yaml'),
  ],
  k3s: [
    c('kube-apiserver', 'kubeconfig', '/etc/rancher/k3s/k3s.yaml'),
    c('kube-apiserver', 'key', `${K3S}/server/tls`, { dir: true, suffix: '.key' }),
    c('kube-apiserver', 'cert', `${K3S}/server/tls`, { dir: true, suffix: '.crt' }),
    c('kube-apiserver', 'kubeconfig', `${K3S}/server/cred`, { dir: true, suffix: '.kubeconfig' }),
    c('kube-apiserver', 'key', `${K3S}/server/token`),
    c('etcd', 'data-dir', `${K3S}/server/db/etcd`),
    c('kubelet', 'kubeconfig', `${K3S}/agent`, { dir: true, suffix: '.kubeconfig', depth: 0 }),
    c('kubelet', 'key', `${K3S}/agent`, { dir: true, suffix: '.key', depth: 0 }),
    c('kubelet', 'cert', `${K3S}/agent`, { dir: true, suffix: '.crt', depth: 0 }),
  ],
  rke2: [
    c('kube-apiserver', 'kubeconfig', '/etc/rancher/rke2/rke2.yaml'),
    c('kube-apiserver', 'key', `${RKE2}/server/tls`, { dir: true, suffix: '.key' }),
    c('kube-apiserver', 'cert', `${RKE2}/server/tls`, { dir: true, suffix: '.crt' }),
    c('kube-apiserver', 'kubeconfig', `${RKE2}/server/cred`, { dir: true, suffix: '.kubeconfig' }),
    c('kube-apiserver', 'key', `${RKE2}/server/token`),
    c('etcd', 'data-dir', `${RKE2}/server/db/etcd`),
    c('etcd', 'config', `${RKE2}/server/db/etcd/config`),
    c('kubelet', 'manifest', `${RKE2}/agent/pod-manifests`, { dir: true, suffix: '.yaml', depth: 0 }),
    c('kubelet', 'kubeconfig', `${RKE2}/agent`, { dir: true, suffix: '.kubeconfig', depth: 0 }),
    c('kubelet', 'key', `${RKE2}/agent`, { dir: true, suffix: '.key', depth: 0 }),
    c('kubelet', 'cert', `${RKE2}/agent`, { dir: true, suffix: '.crt', depth: 0 }),
  ],
  microk8s: [
    c('kube-apiserver', 'config', '/var/snap/microk8s/current/args', { dir: true }),
    c('kube-apiserver', 'key', '/var/snap/microk8s/current/certs', { dir: true, suffix: '.key' }),
    c('kube-apiserver', 'kubeconfig', '/var/snap/microk8s/current/credentials', { dir: true, suffix: '.config' }),
  ],
  eks: [
    c('kubelet', 'config', '/etc/kubernetes/kubelet/kubelet-config.json'), // Amazon Linux 2
    c('kubelet', 'config', '/etc/kubernetes/kubelet/config.json'), // Amazon Linux 2023 (nodeadm)
    c('kubelet', 'config', '/etc/kubernetes/kubelet/config.json.d', { dir: true, suffix: '.conf', depth: 0 }),
    c('kubelet', 'kubeconfig', '/var/lib/kubelet/kubeconfig'),
    c('kubelet', 'cert', '/etc/kubernetes/pki/ca.crt'),
    c('kubelet', 'config', '/etc/systemd/system/kubelet.service'),
  ],
  gke: [
    c('kubelet', 'config', '/home/kubernetes/kubelet-config.yaml'),
    c('kubelet', 'kubeconfig', '/var/lib/kubelet/kubeconfig'),
    c('kubelet', 'kubeconfig', '/var/lib/kubelet/bootstrap-kubeconfig'),
    c('kubelet', 'cert', '/etc/srv/kubernetes/pki/ca-certificates.crt'),
  ],
  aks: [
    c('kubelet', 'config', '/etc/default/kubelet'), // KUBELET_FLAGS=…, expanded into the command line by systemd
    c('kubelet', 'config', '/etc/default/kubeletconfig.json'),
    c('kubelet', 'key', '/etc/kubernetes/azure.json'), // cloud-provider credentials
    c('kubelet', 'kubeconfig', '/var/lib/kubelet/kubeconfig'),
    c('kubelet', 'kubeconfig', '/var/lib/kubelet/bootstrap-kubeconfig'),
    c('kubelet', 'cert', '/etc/kubernetes/certs/ca.crt'),
    c('kubelet', 'key', '/etc/kubernetes/certs/client.key'),
  ],
};

/**
 * Where each distribution puts the kubelet's configuration file. A kubelet whose command line has
 * no --config does not read any of them (the kubelet has no default config path): they are then
 * examined for their permissions only, and a warning says that they are not in effect.
 */
export const KUBELET_CONFIG_CANDIDATES: ReadonlyArray<[string, string]> = [
  ['kubeadm', '/var/lib/kubelet/config.yaml'], ['eks', '/etc/kubernetes/kubelet/kubelet-config.json'],
  ['eks', '/etc/kubernetes/kubelet/config.json'], ['gke', '/home/kubernetes/kubelet-config.yaml'],
  ['aks', '/etc/default/kubeletconfig.json'],
];

/** Which distribution a host looks like, from files only it has. */
export const DISTRIBUTION_MARKERS: ReadonlyArray<[string, string]> = [
  ['k3s', '/etc/rancher/k3s'], ['rke2', '/etc/rancher/rke2'], ['microk8s', '/var/snap/microk8s'],
  ['eks', '/etc/eks'], ['gke', '/home/kubernetes'], ['aks', '/etc/kubernetes/azure.json'],
  ['kubeadm', '/etc/kubernetes/manifests'],
];
