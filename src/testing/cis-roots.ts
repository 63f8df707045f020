// Test-only (not in the build): two node roots for the CIS Kubernetes Benchmark (test/cli-node-cis.test.ts).
// CIS_PASS_ROOT passes every automated recommendation a node scan judges, CIS_FAIL_ROOT fails every one.
import { HARDENED_ROOT, INSECURE_ROOT, type FileSpec, type RootSpec } from './node-roots.js';
import {
  HARDENED_APISERVER, KUBEADM_CONTROLLER_MANAGER, KUBEADM_ETCD, KUBEADM_KUBELET, KUBEADM_SCHEDULER,
} from './control-plane-fixtures.js';

const NOISE: Record<number, string[]> = { 1: ['/sbin/init'], 40: ['/usr/bin/containerd'] };

const controlPlane = (api: string[], etcd: string[], cm: string[], sched: string[], kubelet: string[]): Record<number, string[]> => ({
  ...NOISE, 101: ['kube-apiserver', ...api], 102: ['etcd', ...etcd], 103: ['kube-controller-manager', ...cm],
  104: ['kube-scheduler', ...sched], 105: ['/usr/bin/kubelet', ...kubelet],
});

/** kube-proxy on flags only (a node scan does not read its --config file's content). */
const kubeProxy = (metrics: string): Record<number, string[]> => ({ 106: ['/usr/local/bin/kube-proxy', '--hostname-override=cis', `--metrics-bind-address=${metrics}`] });

/** The node's users and groups: etcd has its own (1.1.12 judges its data directory's owner by name). */
const ACCOUNTS = 'root:x:0:0:root:/root:/bin/bash\netcd:x:998:998:etcd user:/var/lib/etcd:/sbin/nologin\n';
const GROUPS = 'root:x:0:\netcd:x:998:\n';

/** HARDENED_ROOT with the kubelet's unit and config file closed to 600, as 4.1.1 and 4.1.9 ask, and etcd's data owned by etcd. */
export const CIS_PASS_ROOT: RootSpec = {
  hostname: 'cis-pass',
  processes: {
    ...controlPlane(HARDENED_APISERVER, KUBEADM_ETCD, [...KUBEADM_CONTROLLER_MANAGER, '--profiling=false'],
      [...KUBEADM_SCHEDULER, '--profiling=false'], KUBEADM_KUBELET),
    ...kubeProxy('127.0.0.1:10249'),
  },
  files: {
    ...HARDENED_ROOT.files,
    '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf': { mode: 0o600 },
    '/var/lib/kubelet/config.yaml': { ...HARDENED_ROOT.files['/var/lib/kubelet/config.yaml']!, mode: 0o600 },
    '/etc/passwd': { mode: 0o644, content: ACCOUNTS },
    '/etc/group': { mode: 0o644, content: GROUPS },
    '/var/lib/etcd': { mode: 0o700, dir: true, uid: 998 },
  },
};

const CIS_FAIL_APISERVER = [
  '--advertise-address=10.0.0.10', '--authorization-mode=AlwaysAllow', '--token-auth-file=/etc/kubernetes/tokens.csv',
  '--etcd-servers=https://127.0.0.1:2379', '--secure-port=6443', '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
  '--enable-admission-plugins=AlwaysAdmit', '--disable-admission-plugins=ServiceAccount,NamespaceLifecycle',
  '--service-account-lookup=false',
];
const CIS_FAIL_ETCD = [
  '--data-dir=/var/lib/etcd', '--listen-client-urls=https://127.0.0.1:2379', '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
  '--client-cert-auth=false', '--auto-tls=true', '--peer-auto-tls=true',
];
const CIS_FAIL_CONTROLLER_MANAGER = [
  '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=0.0.0.0', '--feature-gates=RotateKubeletServerCertificate=false',
];
/** With a config file, the file's defaults close anonymous access: these say otherwise. */
const CIS_FAIL_KUBELET_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous:
    enabled: true
authorization:
  mode: AlwaysAllow
makeIPTablesUtilChains: false
rotateCertificates: false
`;

const open = (f: FileSpec | undefined, mode: number): FileSpec => ({ ...(f ?? {}), mode, uid: 1000 });
const OPENED = [
  '/etc/kubernetes/manifests/kube-apiserver.yaml', '/etc/kubernetes/manifests/kube-controller-manager.yaml',
  '/etc/kubernetes/manifests/kube-scheduler.yaml', '/etc/kubernetes/manifests/etcd.yaml', '/etc/kubernetes/admin.conf',
  '/etc/kubernetes/controller-manager.conf', '/etc/kubernetes/scheduler.conf', '/etc/kubernetes/kubelet.conf',
  '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf', '/etc/kubernetes/pki/ca.crt',
];

/** Every automated recommendation a node scan judges fails here: flags, file modes and owners. */
export const CIS_FAIL_ROOT: RootSpec = {
  hostname: 'cis-fail',
  processes: {
    ...controlPlane(CIS_FAIL_APISERVER, CIS_FAIL_ETCD, CIS_FAIL_CONTROLLER_MANAGER, ['--kubeconfig=/etc/kubernetes/scheduler.conf'],
      ['--kubeconfig=/etc/kubernetes/kubelet.conf', '--config=/var/lib/kubelet/config.yaml']),
    ...kubeProxy('0.0.0.0:10249'),
  },
  files: {
    ...INSECURE_ROOT.files,
    ...Object.fromEntries(OPENED.map((p) => [p, open(INSECURE_ROOT.files[p], 0o644)])),
    '/etc/passwd': { mode: 0o644, content: ACCOUNTS },
    '/etc/group': { mode: 0o644, content: GROUPS },
    '/var/lib/etcd': { mode: 0o755, dir: true },
    '/var/lib/kubelet/config.yaml': { mode: 0o644, uid: 1000, content: CIS_FAIL_KUBELET_CONFIG },
  },
};
