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
  /** Empty on a node's disk mounted elsewhere: no /proc at all, unless `emptyProc` makes an empty directory of it. */
  processes: Record<number, string[]>;
  emptyProc?: boolean;
  /** Environment variables of some processes (/proc/<pid>/environ). */
  environ?: Record<number, Record<string, string>>;
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
  if (spec.emptyProc) fs.mkdirSync(path.join(dir, 'proc'), { recursive: true });
  for (const [pid, argv] of Object.entries(spec.processes)) put(`/proc/${pid}/cmdline`, argv.length ? `${argv.join('\0')}\0` : '');
  for (const [pid, env] of Object.entries(spec.environ ?? {})) {
    put(`/proc/${pid}/environ`, Object.entries(env).map(([k, v]) => `${k}=${v}\0`).join(''), 0o400);
  }
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

const RKE2 = '/var/lib/rancher/rke2';
const RKE2_BIN = `${RKE2}/data/v1.30.4-rke2r1-2f2b3a5c1d0e/bin`;
const RKE2_TLS = `${RKE2}/server/tls`;

/** A join token no output may contain: rke2's config file holds it. */
export const RKE2_TOKEN_CANARY = 'token-canary-rke2-K10a9f8e7d6c5b4a3';

/** /etc/rancher/rke2/config.yaml of a server: the token makes it a credential. */
export const RKE2_CONFIG = `token: ${RKE2_TOKEN_CANARY}
write-kubeconfig-mode: "0600"
tls-san:
  - rke2.example.com
`;

/** What rke2 writes to /etc/rancher/rke2/audit-policy.yaml when there is none: audit logging on, logging nothing. */
export const RKE2_AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
metadata:
  creationTimestamp: null
rules:
- level: None
`;

/** rke2's etcd static pod runs `etcd --config-file=…`: its settings are in this file, TLS nested. */
export const RKE2_ETCD_CONFIG = `advertise-client-urls: https://10.0.0.30:2379
client-transport-security:
  cert-file: ${RKE2_TLS}/etcd/server-client.crt
  client-cert-auth: true
  key-file: ${RKE2_TLS}/etcd/server-client.key
  trusted-ca-file: ${RKE2_TLS}/etcd/server-ca.crt
data-dir: ${RKE2}/server/db/etcd
election-timeout: 5000
heartbeat-interval: 500
listen-client-urls: https://127.0.0.1:2379,https://10.0.0.30:2379
listen-metrics-urls: http://127.0.0.1:2381
listen-peer-urls: https://127.0.0.1:2380,https://10.0.0.30:2380
log-outputs:
- stderr
logger: zap
name: rke2-server-1
peer-transport-security:
  cert-file: ${RKE2_TLS}/etcd/peer-server-client.crt
  client-cert-auth: true
  key-file: ${RKE2_TLS}/etcd/peer-server-client.key
  trusted-ca-file: ${RKE2_TLS}/etcd/peer-ca.crt
snapshot-count: 10000
`;

/** rke2 v1.30's control plane (static pods) and kubelet (a process of its own), default profile. */
const RKE2_PROCESSES: Record<number, string[]> = {
  ...NOISE,
  301: ['/usr/local/bin/rke2', 'server'],
  302: [`${RKE2_BIN}/containerd`, '-c', `${RKE2}/agent/etc/containerd/config.toml`, '-a', '/run/k3s/containerd/containerd.sock'],
  310: [`${RKE2_BIN}/kubelet`, `--volume-plugin-dir=/var/lib/kubelet/volumeplugins`, '--file-check-frequency=5s', '--sync-frequency=30s',
    '--address=0.0.0.0', '--anonymous-auth=false', '--authentication-token-webhook=true', '--authorization-mode=Webhook',
    '--cgroup-driver=systemd', `--client-ca-file=${RKE2}/agent/client-ca.crt`, '--cloud-provider=external', '--cluster-dns=10.43.0.10',
    '--cluster-domain=cluster.local', '--container-runtime-endpoint=unix:///run/k3s/containerd/containerd.sock',
    '--containerd=/run/k3s/containerd/containerd.sock', '--eviction-hard=imagefs.available<5%,nodefs.available<5%',
    '--fail-swap-on=false', '--healthz-bind-address=127.0.0.1', '--hostname-override=rke2-server-1',
    `--kubeconfig=${RKE2}/agent/kubelet.kubeconfig`, '--node-ip=10.0.0.30', '--node-labels=',
    `--pod-manifest-path=${RKE2}/agent/pod-manifests`, '--read-only-port=0', '--resolv-conf=/etc/resolv.conf',
    '--serialize-image-pulls=false', `--tls-cert-file=${RKE2}/agent/serving-kubelet.crt`, `--tls-private-key-file=${RKE2}/agent/serving-kubelet.key`],
  320: ['etcd', `--config-file=${RKE2}/server/db/etcd/config`],
  321: ['kube-apiserver', '--admission-control-config-file=/etc/rancher/rke2/rke2-pss.yaml', '--advertise-address=10.0.0.30',
    '--allow-privileged=true', '--anonymous-auth=false', '--api-audiences=https://kubernetes.default.svc.cluster.local,rke2',
    '--audit-log-maxage=30', '--audit-log-maxbackup=10', '--audit-log-maxsize=100', `--audit-log-path=${RKE2}/server/logs/audit.log`,
    '--audit-policy-file=/etc/rancher/rke2/audit-policy.yaml', '--authorization-mode=Node,RBAC', '--bind-address=0.0.0.0',
    `--cert-dir=${RKE2_TLS}/temporary-certs`, `--client-ca-file=${RKE2_TLS}/client-ca.crt`,
    `--egress-selector-config-file=${RKE2}/server/etc/egress-selector-config.yaml`, '--enable-admission-plugins=NodeRestriction',
    '--enable-aggregator-routing=true', '--enable-bootstrap-token-auth=true',
    `--encryption-provider-config=${RKE2}/server/cred/encryption-config.json`, '--encryption-provider-config-automatic-reload=true',
    `--etcd-cafile=${RKE2_TLS}/etcd/server-ca.crt`, `--etcd-certfile=${RKE2_TLS}/etcd/client.crt`, `--etcd-keyfile=${RKE2_TLS}/etcd/client.key`,
    '--etcd-servers=https://127.0.0.1:2379', `--kubelet-certificate-authority=${RKE2_TLS}/server-ca.crt`,
    `--kubelet-client-certificate=${RKE2_TLS}/client-kube-apiserver.crt`, `--kubelet-client-key=${RKE2_TLS}/client-kube-apiserver.key`,
    '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--profiling=false',
    `--proxy-client-cert-file=${RKE2_TLS}/client-auth-proxy.crt`, `--proxy-client-key-file=${RKE2_TLS}/client-auth-proxy.key`,
    `--requestheader-client-ca-file=${RKE2_TLS}/request-header-ca.crt`, '--secure-port=6443',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local', `--service-account-key-file=${RKE2_TLS}/service.key`,
    `--service-account-signing-key-file=${RKE2_TLS}/service.current.key`, '--service-cluster-ip-range=10.43.0.0/16',
    '--storage-backend=etcd3', `--tls-cert-file=${RKE2_TLS}/serving-kube-apiserver.crt`, `--tls-private-key-file=${RKE2_TLS}/serving-kube-apiserver.key`],
  322: ['kube-controller-manager', '--allocate-node-cidrs=true', `--authentication-kubeconfig=${RKE2}/server/cred/controller.kubeconfig`,
    `--authorization-kubeconfig=${RKE2}/server/cred/controller.kubeconfig`, '--bind-address=127.0.0.1', '--cluster-cidr=10.42.0.0/16',
    `--cluster-signing-kube-apiserver-client-cert-file=${RKE2_TLS}/client-ca.nochain.crt`, '--configure-cloud-routes=false',
    '--controllers=*,tokencleaner,-service,-route,-cloud-node-lifecycle', `--kubeconfig=${RKE2}/server/cred/controller.kubeconfig`,
    '--profiling=false', `--root-ca-file=${RKE2_TLS}/server-ca.crt`, '--secure-port=10257',
    `--service-account-private-key-file=${RKE2_TLS}/service.current.key`, '--use-service-account-credentials=true'],
  323: ['kube-scheduler', `--authentication-kubeconfig=${RKE2}/server/cred/scheduler.kubeconfig`,
    `--authorization-kubeconfig=${RKE2}/server/cred/scheduler.kubeconfig`, '--bind-address=127.0.0.1',
    `--kubeconfig=${RKE2}/server/cred/scheduler.kubeconfig`, '--profiling=false', '--secure-port=10259'],
  324: ['kube-proxy', '--cluster-cidr=10.42.0.0/16', '--conntrack-max-per-core=0', '--healthz-bind-address=0.0.0.0',
    '--hostname-override=rke2-server-1', `--kubeconfig=${RKE2}/agent/kubeproxy.kubeconfig`, '--proxy-mode=iptables'],
};

const rke2Files = (): Record<string, FileSpec> => {
  const out: Record<string, FileSpec> = {};
  const cert = (p: string) => { out[p] = { mode: 0o644, content: `-----BEGIN CERTIFICATE-----\n${path.basename(p)}\n-----END CERTIFICATE-----\n` }; };
  const key = (p: string) => { out[p] = { mode: 0o600, content: `-----BEGIN EC PRIVATE KEY-----\n${KEY_CANARY}\n-----END EC PRIVATE KEY-----\n` }; };
  for (const n of ['client-ca', 'server-ca', 'request-header-ca', 'client-kube-apiserver', 'serving-kube-apiserver', 'client-auth-proxy', 'client-admin']) {
    cert(`${RKE2_TLS}/${n}.crt`);
    key(`${RKE2_TLS}/${n}.key`);
  }
  cert(`${RKE2_TLS}/client-ca.nochain.crt`);
  key(`${RKE2_TLS}/service.key`);
  key(`${RKE2_TLS}/service.current.key`);
  for (const n of ['server-ca', 'peer-ca', 'server-client', 'peer-server-client', 'client']) {
    cert(`${RKE2_TLS}/etcd/${n}.crt`);
    key(`${RKE2_TLS}/etcd/${n}.key`);
  }
  for (const n of ['client-ca', 'server-ca', 'serving-kubelet', 'client-kubelet', 'client-kube-proxy']) cert(`${RKE2}/agent/${n}.crt`);
  for (const n of ['serving-kubelet', 'client-kubelet', 'client-kube-proxy']) key(`${RKE2}/agent/${n}.key`);
  for (const n of ['kubelet', 'kubeproxy', 'rke2controller']) out[`${RKE2}/agent/${n}.kubeconfig`] = { mode: 0o600 };
  for (const n of ['admin', 'controller', 'scheduler', 'supervisor', 'api-server', 'cloud-controller']) out[`${RKE2}/server/cred/${n}.kubeconfig`] = { mode: 0o600 };
  for (const n of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy', 'cloud-controller-manager']) out[`${RKE2}/agent/pod-manifests/${n}.yaml`] = { mode: 0o600 };
  return out;
};

export const RKE2_ROOT: RootSpec = {
  hostname: 'rke2-server-1',
  processes: RKE2_PROCESSES,
  files: {
    ...rke2Files(),
    '/etc/rancher/rke2/config.yaml': { mode: 0o600, content: RKE2_CONFIG },
    '/etc/rancher/rke2/rke2.yaml': { mode: 0o600 },
    '/etc/rancher/rke2/rke2-pss.yaml': { mode: 0o600 },
    '/etc/rancher/rke2/audit-policy.yaml': { mode: 0o600, content: RKE2_AUDIT_POLICY },
    [`${RKE2}/server/token`]: { mode: 0o600, content: `K10${RKE2_TOKEN_CANARY}::server:0123\n` },
    [`${RKE2}/server/cred/encryption-config.json`]: { mode: 0o600, content: JSON.stringify({
      kind: 'EncryptionConfiguration', apiVersion: 'apiserver.config.k8s.io/v1',
      resources: [{ resources: ['secrets'], providers: [{ aescbc: { keys: [{ name: 'aescbckey', secret: KEY_CANARY }] } }, { identity: {} }] }],
    }) },
    [`${RKE2}/server/db/etcd`]: { mode: 0o700, dir: true },
    [`${RKE2}/server/db/etcd/config`]: { mode: 0o600, content: RKE2_ETCD_CONFIG },
  },
};

/**
 * An EKS worker (Amazon Linux 2): the kubelet's --config is a JSON KubeletConfiguration, modelled on
 * amazon-eks-ami's files/kubelet-config.json; kube-proxy runs as a DaemonSet pod.
 */
export const EKS_KUBELET_CONFIG = `{
  "kind": "KubeletConfiguration",
  "apiVersion": "kubelet.config.k8s.io/v1beta1",
  "address": "0.0.0.0",
  "authentication": {
    "anonymous": { "enabled": false },
    "webhook": { "cacheTTL": "2m0s", "enabled": true },
    "x509": { "clientCAFile": "/etc/kubernetes/pki/ca.crt" }
  },
  "authorization": {
    "mode": "Webhook",
    "webhook": { "cacheAuthorizedTTL": "5m0s", "cacheUnauthorizedTTL": "30s" }
  },
  "clusterDomain": "cluster.local",
  "hairpinMode": "hairpin-veth",
  "readOnlyPort": 0,
  "cgroupDriver": "systemd",
  "cgroupRoot": "/",
  "featureGates": { "RotateKubeletServerCertificate": true },
  "protectKernelDefaults": true,
  "serializeImagePulls": false,
  "serverTLSBootstrap": true,
  "tlsCipherSuites": ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"]
}
`;

export const EKS_KUBELET = [
  '--config', '/etc/kubernetes/kubelet/kubelet-config.json', '--kubeconfig', '/var/lib/kubelet/kubeconfig',
  '--container-runtime-endpoint', 'unix:///run/containerd/containerd.sock',
  '--image-credential-provider-config', '/etc/eks/image-credential-provider/config.json',
  '--image-credential-provider-bin-dir', '/etc/eks/image-credential-provider', '--node-ip=10.0.1.23',
  '--pod-infra-container-image=602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/pause:3.5', '--v=2',
  '--hostname-override=ip-10-0-1-23.ec2.internal', '--cloud-provider=external',
];

export const EKS_ROOT: RootSpec = {
  hostname: 'ip-10-0-1-23.ec2.internal',
  processes: {
    ...NOISE,
    501: ['/usr/bin/kubelet', ...EKS_KUBELET],
    502: ['kube-proxy', '--v=2', '--config=/var/lib/kube-proxy-config/config', '--hostname-override=ip-10-0-1-23.ec2.internal'],
  },
  files: {
    '/etc/eks/bootstrap.sh': { mode: 0o755 },
    '/etc/eks/image-credential-provider/config.json': { mode: 0o644 },
    '/etc/kubernetes/kubelet/kubelet-config.json': { mode: 0o644, content: EKS_KUBELET_CONFIG },
    '/var/lib/kubelet/kubeconfig': { mode: 0o600 },
    '/etc/kubernetes/pki/ca.crt': { mode: 0o644 },
    '/etc/systemd/system/kubelet.service': { mode: 0o644 },
    '/var/lib/kube-proxy-config/config': { mode: 0o644 },
    '/var/lib/kubelet/pki/kubelet-server-current.pem': { mode: 0o600, content: `-----BEGIN EC PRIVATE KEY-----\n${KEY_CANARY}\n-----END EC PRIVATE KEY-----\n` },
  },
};

// ---------------------------------------------------------------------------------------------
// Nodes' disks mounted elsewhere: the same layouts with no processes. The components are started
// by files: static pod manifests, the kubelet's systemd unit, drop-in and environment files.

/** A static pod manifest as kubeadm writes it: the component's command line in the container's `command`. */
export function staticPod(component: string, flags: readonly string[], extra: { env?: Record<string, string> } = {}): string {
  const env = extra.env ? `    env:\n${Object.entries(extra.env).map(([k, v]) => `    - name: ${k}\n      value: "${v}"\n`).join('')}` : '';
  return `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    component: ${component}
    tier: control-plane
  name: ${component}
  namespace: kube-system
spec:
  containers:
  - command:
    - ${component}
${flags.map((f) => `    - ${f}\n`).join('')}${env}    image: registry.k8s.io/${component === 'etcd' ? 'etcd:3.5.15-0' : `${component}:v1.31.0`}
    imagePullPolicy: IfNotPresent
    name: ${component}
    resources: {}
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
status: {}
`;
}

/** rke2's static pods: the executable in `command`, the flags in `args`, an image that does not name the component. */
function rke2StaticPod(component: string, argv: readonly string[]): string {
  return `apiVersion: v1
kind: Pod
metadata:
  labels:
    component: ${component}
    tier: control-plane
  name: ${component}
  namespace: kube-system
spec:
  containers:
  - args:
${argv.slice(1).map((f) => `    - ${f}\n`).join('')}    command:
    - ${argv[0]}
    image: index.docker.io/rancher/hardened-${component === 'etcd' ? 'etcd:v3.5.13-k3s1-build20240531' : 'kubernetes:v1.30.4-rke2r1-build20240815'}
    name: ${component}
  hostNetwork: true
`;
}

/** The kubelet's unit as the kubernetes packages (deb and rpm) install it: no flags of its own. */
export const KUBELET_SERVICE = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

/** kubeadm's drop-in (the packages' 10-kubeadm.conf, v1.31). */
export const KUBEADM_DROPIN = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/sysconfig/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

/** What kubeadm writes to /var/lib/kubelet/kubeadm-flags.env. */
export const KUBEADM_FLAGS_ENV = 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock"\n';

/** Replaces the content of files of a root, keeping their modes and owners. */
function withContent(files: Record<string, FileSpec>, contents: Record<string, string>): Record<string, FileSpec> {
  const out = { ...files };
  for (const [p, content] of Object.entries(contents)) out[p] = { ...(files[p] ?? { mode: 0o644 }), content };
  return out;
}

const kubeadmManifests = (api: readonly string[], etcd: readonly string[], cm: readonly string[], sched: readonly string[]): Record<string, string> => ({
  '/etc/kubernetes/manifests/kube-apiserver.yaml': staticPod('kube-apiserver', api),
  '/etc/kubernetes/manifests/etcd.yaml': staticPod('etcd', etcd),
  '/etc/kubernetes/manifests/kube-controller-manager.yaml': staticPod('kube-controller-manager', cm),
  '/etc/kubernetes/manifests/kube-scheduler.yaml': staticPod('kube-scheduler', sched),
});

/**
 * KUBEADM_ROOT's node as a disk (with an empty /proc): the control plane in its static pods, the
 * kubelet started by its unit, kubeadm's drop-in and kubeadm-flags.env with the same flags. It
 * must be judged as the running node is.
 */
export const KUBEADM_DISK: RootSpec = {
  hostname: 'cp-disk',
  processes: {},
  emptyProc: true,
  files: withContent(KUBEADM_ROOT.files, {
    ...kubeadmManifests(KUBEADM_APISERVER, KUBEADM_ETCD, KUBEADM_CONTROLLER_MANAGER, KUBEADM_SCHEDULER),
    '/usr/lib/systemd/system/kubelet.service': KUBELET_SERVICE,
    '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf': KUBEADM_DROPIN,
    '/var/lib/kubelet/kubeadm-flags.env': KUBEADM_FLAGS_ENV,
  }),
};

/**
 * INSECURE_ROOT's node as a disk (no /proc at all). Its kubelet runs on flags only: a drop-in
 * replaces kubeadm's command with `$KUBELET_EXTRA_ARGS` from /etc/default/%N (the kubelet's
 * /etc/default/kubelet), whose value spans lines.
 */
export const INSECURE_DISK: RootSpec = {
  hostname: 'cp-insecure-disk',
  processes: {},
  files: withContent(INSECURE_ROOT.files, {
    ...kubeadmManifests(INSECURE_APISERVER, INSECURE_ETCD, ['--kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=0.0.0.0'],
      ['--kubeconfig=/etc/kubernetes/scheduler.conf']),
    '/lib/systemd/system/kubelet.service': KUBELET_SERVICE,
    '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf': `[Service]
EnvironmentFile=-/etc/default/%N
ExecStart=
ExecStart=/usr/bin/kubelet \\
    $KUBELET_EXTRA_ARGS
`,
    '/etc/default/kubelet': `# flags only: the command-line defaults
KUBELET_EXTRA_ARGS="${INSECURE_KUBELET.slice(0, 2).join(' ')} \\
  ${INSECURE_KUBELET.slice(2).join(' ')}"
`,
  }),
};

/** K3S_ROOT's server as a disk: started by the unit k3s' installer writes. */
export const K3S_DISK: RootSpec = {
  hostname: 'k3s-disk',
  processes: {},
  files: {
    ...K3S_ROOT.files,
    '/etc/systemd/system/k3s.service': { mode: 0o644, content: `[Unit]
Description=Lightweight Kubernetes
Documentation=https://k3s.io
Wants=network-online.target
After=network-online.target

[Install]
WantedBy=multi-user.target

[Service]
Type=notify
EnvironmentFile=-/etc/default/%N
EnvironmentFile=-/etc/sysconfig/%N
EnvironmentFile=-/etc/systemd/system/k3s.service.env
KillMode=process
Delegate=yes
LimitNOFILE=1048576
TimeoutStartSec=0
Restart=always
RestartSec=5s
ExecStartPre=/bin/sh -xc '! /usr/bin/systemctl is-enabled --quiet nm-cloud-setup.service 2>/dev/null'
ExecStartPre=-/sbin/modprobe br_netfilter
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/local/bin/k3s \\
    server \\

` },
    '/etc/systemd/system/k3s.service.env': { mode: 0o600, content: '' },
  },
};

/**
 * RKE2_ROOT's server as a disk: rke2-server.service starts rke2, whose static pods (the control plane)
 * are on the disk; the kubelet's flags are built by rke2 when it runs, and are on no file.
 */
export const RKE2_DISK: RootSpec = {
  hostname: 'rke2-disk',
  processes: {},
  files: withContent(RKE2_ROOT.files, {
    ...Object.fromEntries(([[320, 'etcd'], [321, 'kube-apiserver'], [322, 'kube-controller-manager'], [323, 'kube-scheduler'], [324, 'kube-proxy']] as const)
      .map(([pid, name]) => [`${RKE2}/agent/pod-manifests/${name}.yaml`, rke2StaticPod(name, RKE2_PROCESSES[pid])])),
    '/usr/local/lib/systemd/system/rke2-server.service': `[Unit]
Description=Rancher Kubernetes Engine v2 (server)
Documentation=https://github.com/rancher/rke2#readme
Wants=network-online.target
After=network-online.target
Conflicts=rke2-agent.service

[Install]
WantedBy=multi-user.target

[Service]
Type=notify
EnvironmentFile=-/etc/default/%N
EnvironmentFile=-/etc/sysconfig/%N
EnvironmentFile=-/usr/local/lib/systemd/system/%N.env
KillMode=process
Delegate=yes
LimitNOFILE=1048576
ExecStartPre=-/sbin/modprobe br_netfilter
ExecStart=/usr/local/bin/rke2 server
ExecStopPost=-/bin/sh -c "systemd-cgls /system.slice/%n | grep -Eo '[0-9]+ (containerd|kubelet)' | awk '{print $1}' | xargs -r kill"
`,
  }),
};

/** A disk with no Kubernetes on it. */
export const EMPTY_DISK: RootSpec = { hostname: 'blank-disk', processes: {}, files: { '/etc/os-release': { mode: 0o644, content: 'ID=debian\n' } } };
