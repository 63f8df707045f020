// Fixture roots for the node source: a fake /proc and the files of a node, with modes and owners
// set here (the tests run as root, so they can chown to another user).
import fs from 'node:fs';
import path from 'node:path';
import {
  AUDIT_POLICY_GOOD, AUDIT_POLICY_LEAKY, ENCRYPTION_AESCBC, ENCRYPTION_IDENTITY_FIRST, HARDENED_APISERVER,
  HARDENED_KUBELET_CONFIG, INSECURE_APISERVER, INSECURE_ETCD, INSECURE_KUBELET, KEY_CANARY, KUBEADM_APISERVER,
  KUBEADM_CONTROLLER_MANAGER, KUBEADM_ETCD, KUBEADM_KUBELET, KUBEADM_KUBELET_CONFIG, KUBEADM_SCHEDULER,
} from './control-plane-fixtures.js';

export interface FileSpec {
  content?: string;
  mode: number;
  uid?: number;
  dir?: boolean;
}

export interface RootSpec {
  hostname: string;
  processes: Record<number, string[]>;
  files: Record<string, FileSpec>;
}

/** A token no output may contain: it is the content of a static token file. */
export const TOKEN_CANARY = 'token-canary-7f3a9c1e5b2d4f60,admin,1000';

export function buildRoot(dir: string, spec: RootSpec): string {
  const put = (p: string, content: string | Buffer, mode = 0o644) => {
    const full = path.join(dir, p);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
    fs.chmodSync(full, mode);
  };
  put('/etc/hostname', `${spec.hostname}\n`);
  for (const [pid, argv] of Object.entries(spec.processes)) put(`/proc/${pid}/cmdline`, argv.length ? `${argv.join('\0')}\0` : '');
  for (const [p, f] of Object.entries(spec.files)) {
    const full = path.join(dir, p);
    if (f.dir) {
      fs.mkdirSync(full, { recursive: true });
      fs.chmodSync(full, f.mode);
    } else {
      put(p, f.content ?? `${path.basename(p)}\n`, f.mode);
    }
    if (f.uid !== undefined) fs.chownSync(full, f.uid, f.uid);
  }
  return dir;
}

const NOISE: Record<number, string[]> = {
  1: ['/sbin/init', 'splash'], 2: [], 40: ['/usr/bin/containerd'], 41: ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'k8s.io'],
};

const kubeadmPki = (keyMode: number): Record<string, FileSpec> => {
  const out: Record<string, FileSpec> = {};
  for (const cert of ['ca', 'apiserver', 'apiserver-etcd-client', 'apiserver-kubelet-client', 'front-proxy-ca', 'front-proxy-client', 'etcd/server', 'etcd/peer']) {
    out[`/etc/kubernetes/pki/${cert}.crt`] = { mode: 0o644, content: `-----BEGIN CERTIFICATE-----\n${cert}\n-----END CERTIFICATE-----\n` };
    out[`/etc/kubernetes/pki/${cert}.key`] = { mode: keyMode, content: `-----BEGIN RSA PRIVATE KEY-----\n${KEY_CANARY}\n-----END RSA PRIVATE KEY-----\n` };
  }
  out['/etc/kubernetes/pki/etcd/ca.crt'] = { mode: 0o644, content: '-----BEGIN CERTIFICATE-----\netcd-ca\n-----END CERTIFICATE-----\n' };
  out['/etc/kubernetes/pki/etcd/ca.key'] = { mode: 0o600 };
  out['/etc/kubernetes/pki/sa.pub'] = { mode: 0o644 };
  out['/etc/kubernetes/pki/sa.key'] = { mode: 0o600 };
  return out;
};

const kubeadmFiles = (manifestMode = 0o600): Record<string, FileSpec> => ({
  ...kubeadmPki(0o600),
  '/etc/kubernetes/manifests/kube-apiserver.yaml': { mode: manifestMode },
  '/etc/kubernetes/manifests/kube-controller-manager.yaml': { mode: 0o600 },
  '/etc/kubernetes/manifests/kube-scheduler.yaml': { mode: 0o600 },
  '/etc/kubernetes/manifests/etcd.yaml': { mode: 0o600 },
  '/etc/kubernetes/admin.conf': { mode: 0o600 },
  '/etc/kubernetes/controller-manager.conf': { mode: 0o600 },
  '/etc/kubernetes/scheduler.conf': { mode: 0o600 },
  '/etc/kubernetes/kubelet.conf': { mode: 0o600 },
  '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf': { mode: 0o644 },
  '/var/lib/etcd': { mode: 0o700, dir: true },
});

const controlPlane = (api: string[], etcd: string[], cm: string[], sched: string[], kubelet: string[]): Record<number, string[]> => ({
  ...NOISE,
  101: ['kube-apiserver', ...api], 102: ['etcd', ...etcd], 103: ['kube-controller-manager', ...cm],
  104: ['kube-scheduler', ...sched], 105: ['/usr/bin/kubelet', ...kubelet],
});

export const HARDENED_ROOT: RootSpec = {
  hostname: 'cp-hardened',
  processes: controlPlane(HARDENED_APISERVER, KUBEADM_ETCD, [...KUBEADM_CONTROLLER_MANAGER, '--profiling=false'],
    [...KUBEADM_SCHEDULER, '--profiling=false'], KUBEADM_KUBELET),
  files: {
    ...kubeadmFiles(),
    '/var/lib/kubelet/config.yaml': { mode: 0o644, content: HARDENED_KUBELET_CONFIG },
    '/etc/kubernetes/enc/encryption.yaml': { mode: 0o600, content: ENCRYPTION_AESCBC(KEY_CANARY) },
    '/etc/kubernetes/audit/policy.yaml': { mode: 0o600, content: AUDIT_POLICY_GOOD },
  },
};

export const KUBEADM_ROOT: RootSpec = {
  hostname: 'cp-default',
  processes: controlPlane(KUBEADM_APISERVER, KUBEADM_ETCD, KUBEADM_CONTROLLER_MANAGER, KUBEADM_SCHEDULER, KUBEADM_KUBELET),
  files: { ...kubeadmFiles(), '/var/lib/kubelet/config.yaml': { mode: 0o644, content: KUBEADM_KUBELET_CONFIG } },
};

export const INSECURE_ROOT: RootSpec = {
  hostname: 'cp-insecure',
  processes: controlPlane(INSECURE_APISERVER, INSECURE_ETCD, ['--kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=0.0.0.0'],
    ['--kubeconfig=/etc/kubernetes/scheduler.conf'], INSECURE_KUBELET),
  files: {
    ...kubeadmFiles(0o666),
    ...Object.fromEntries(Object.entries(kubeadmPki(0o644)).filter(([p]) => p.endsWith('apiserver.key'))),
    '/etc/kubernetes/kubelet.conf': { mode: 0o600, uid: 1000 },
    '/var/lib/etcd': { mode: 0o755, dir: true },
    '/etc/kubernetes/tokens.csv': { mode: 0o600, content: `${TOKEN_CANARY}\n` },
    '/etc/kubernetes/enc/encryption.yaml': { mode: 0o600, content: ENCRYPTION_IDENTITY_FIRST(KEY_CANARY) },
    '/etc/kubernetes/audit/policy.yaml': { mode: 0o644, content: AUDIT_POLICY_LEAKY },
  },
};

const K3S = '/var/lib/rancher/k3s';
export const K3S_CONFIG = `write-kubeconfig-mode: "0644"
secrets-encryption: true
protect-kernel-defaults: true
kube-apiserver-arg:
  - "audit-log-path=${K3S}/server/logs/audit.log"
  - "audit-policy-file=/etc/rancher/k3s/audit-policy.yaml"
  - "audit-log-maxage=30"
  - "audit-log-maxbackup=10"
  - "audit-log-maxsize=100"
  - "service-account-extend-token-expiration=false"
kubelet-arg:
  - "streaming-connection-idle-timeout=5m"
  - "pod-max-pids=4096"
`;

const k3sTls = (): Record<string, FileSpec> => {
  const out: Record<string, FileSpec> = {};
  for (const cert of ['client-ca', 'server-ca', 'client-ca.nochain', 'client-kube-apiserver', 'serving-kube-apiserver']) out[`${K3S}/server/tls/${cert}.crt`] = { mode: 0o644 };
  for (const key of ['client-ca', 'server-ca', 'client-kube-apiserver', 'serving-kube-apiserver', 'service', 'service.current']) out[`${K3S}/server/tls/${key}.key`] = { mode: 0o600 };
  return out;
};

export const K3S_ROOT: RootSpec = {
  hostname: 'k3s-server',
  processes: { ...NOISE, 201: ['/usr/local/bin/k3s', 'server'] },
  files: {
    ...k3sTls(),
    '/etc/rancher/k3s/config.yaml': { mode: 0o600, content: K3S_CONFIG },
    '/etc/rancher/k3s/k3s.yaml': { mode: 0o644 },
    '/etc/rancher/k3s/audit-policy.yaml': { mode: 0o600, content: AUDIT_POLICY_GOOD },
    [`${K3S}/server/cred/encryption-config.json`]: { mode: 0o600, content: JSON.stringify({
      kind: 'EncryptionConfiguration', apiVersion: 'apiserver.config.k8s.io/v1',
      resources: [{ resources: ['secrets'], providers: [{ aescbc: { keys: [{ name: 'aescbckey', secret: KEY_CANARY }] } }, { identity: {} }] }],
    }) },
    [`${K3S}/server/cred/controller.kubeconfig`]: { mode: 0o600 },
    [`${K3S}/server/cred/scheduler.kubeconfig`]: { mode: 0o600 },
    [`${K3S}/agent/client-ca.crt`]: { mode: 0o644 },
    [`${K3S}/agent/serving-kubelet.crt`]: { mode: 0o644 },
    [`${K3S}/agent/serving-kubelet.key`]: { mode: 0o600 },
    [`${K3S}/agent/kubelet.kubeconfig`]: { mode: 0o600 },
  },
};

/** A machine with no Kubernetes at all. */
export const EMPTY_ROOT: RootSpec = { hostname: 'workstation', processes: NOISE, files: {} };
