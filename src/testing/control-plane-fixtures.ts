// Command lines and config files of control-plane nodes, shared by the control tests and the node
// source tests: kubeadm's defaults (v1.31), the same node hardened, and a deliberately insecure one.

export const KUBEADM_APISERVER = [
  '--advertise-address=10.0.0.10', '--allow-privileged=true', '--authorization-mode=Node,RBAC',
  '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--enable-admission-plugins=NodeRestriction',
  '--enable-bootstrap-token-auth=true', '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
  '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt', '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
  '--etcd-servers=https://127.0.0.1:2379', '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
  '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
  '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
  '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
  '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
  '--requestheader-allowed-names=front-proxy-client', '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
  '--secure-port=6443', '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
  '--service-account-key-file=/etc/kubernetes/pki/sa.pub', '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
  '--service-cluster-ip-range=10.96.0.0/12', '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
  '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
];

/** kubeadm's apiserver plus everything the guidance asks for. */
export const HARDENED_APISERVER = [
  ...KUBEADM_APISERVER,
  '--anonymous-auth=false', '--profiling=false', '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt',
  '--service-account-lookup=true', '--service-account-extend-token-expiration=false',
  '--encryption-provider-config=/etc/kubernetes/enc/encryption.yaml',
  '--audit-policy-file=/etc/kubernetes/audit/policy.yaml', '--audit-log-path=/var/log/kubernetes/audit/audit.log',
  '--audit-log-maxage=30', '--audit-log-maxbackup=10', '--audit-log-maxsize=100',
  '--oidc-issuer-url=https://login.example.com', '--oidc-client-id=kubernetes',
];

export const INSECURE_APISERVER = [
  '--advertise-address=10.0.0.10', '--authorization-mode=AlwaysAllow', '--anonymous-auth=true',
  '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--token-auth-file=/etc/kubernetes/tokens.csv',
  '--etcd-servers=http://10.0.0.10:2379', '--secure-port=6443',
  '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
  '--disable-admission-plugins=PodSecurity', '--enable-admission-plugins=AlwaysAdmit',
  '--service-account-lookup=false', '--encryption-provider-config=/etc/kubernetes/enc/encryption.yaml',
  '--audit-policy-file=/etc/kubernetes/audit/policy.yaml', '--audit-log-path=/var/log/kubernetes/audit/audit.log',
];

export const KUBEADM_ETCD = [
  '--advertise-client-urls=https://10.0.0.10:2379', '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
  '--client-cert-auth=true', '--data-dir=/var/lib/etcd', '--experimental-initial-corrupt-check=true',
  '--initial-advertise-peer-urls=https://10.0.0.10:2380', '--initial-cluster=cp1=https://10.0.0.10:2380',
  '--key-file=/etc/kubernetes/pki/etcd/server.key', '--listen-client-urls=https://127.0.0.1:2379,https://10.0.0.10:2379',
  '--listen-metrics-urls=http://127.0.0.1:2381', '--listen-peer-urls=https://10.0.0.10:2380', '--name=cp1',
  '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt', '--peer-client-cert-auth=true',
  '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key', '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
  '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
];

export const INSECURE_ETCD = [
  '--data-dir=/var/lib/etcd', '--listen-client-urls=http://0.0.0.0:2379', '--advertise-client-urls=http://10.0.0.10:2379',
  '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--key-file=/etc/kubernetes/pki/etcd/server.key',
  '--client-cert-auth=false', '--auto-tls=true', '--peer-auto-tls', '--trusted-ca-file=/etc/kubernetes/pki/ca.crt',
];

export const KUBEADM_CONTROLLER_MANAGER = [
  '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
  '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1',
  '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--cluster-name=kubernetes',
  '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt', '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
  '--controllers=*,bootstrapsigner,tokencleaner', '--kubeconfig=/etc/kubernetes/controller-manager.conf',
  '--leader-elect=true', '--root-ca-file=/etc/kubernetes/pki/ca.crt',
  '--service-account-private-key-file=/etc/kubernetes/pki/sa.key', '--use-service-account-credentials=true',
];

export const KUBEADM_SCHEDULER = [
  '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
  '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true',
];

/** kubeadm's kubelet: flags from /var/lib/kubelet/kubeadm-flags.env and the drop-in, config in /var/lib/kubelet/config.yaml. */
export const KUBEADM_KUBELET = [
  '--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf', '--kubeconfig=/etc/kubernetes/kubelet.conf',
  '--config=/var/lib/kubelet/config.yaml', '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock',
];

/** What `kubeadm init` writes to /var/lib/kubelet/config.yaml (v1.31), trimmed to what matters here. */
export const KUBEADM_KUBELET_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
rotateCertificates: true
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
`;

export const HARDENED_KUBELET_CONFIG = `${KUBEADM_KUBELET_CONFIG}protectKernelDefaults: true
podPidsLimit: 4096
seccompDefault: true
serverTLSBootstrap: true
tlsCipherSuites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]
`;

/** An insecure kubelet runs on flags only: the command-line defaults open everything. */
export const INSECURE_KUBELET = [
  '--kubeconfig=/etc/kubernetes/kubelet.conf', '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock',
  '--streaming-connection-idle-timeout=0', '--make-iptables-util-chains=false', '--feature-gates=RotateKubeletServerCertificate=false',
];

export const ENCRYPTION_AESCBC = (canary: string) => `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
- resources: [secrets]
  providers:
  - aescbc:
      keys:
      - name: key1
        secret: ${canary}
  - identity: {}
`;

export const ENCRYPTION_IDENTITY_FIRST = (canary: string) => `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
- resources: [secrets]
  providers:
  - identity: {}
  - aesgcm:
      keys:
      - name: key1
        secret: ${canary}
`;

export const AUDIT_POLICY_GOOD = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: Metadata
  resources:
  - group: ""
    resources: [secrets, configmaps]
  - group: authentication.k8s.io
    resources: [tokenreviews]
- level: RequestResponse
  resources:
  - group: ""
    resources: [pods]
- level: Metadata
`;

export const AUDIT_POLICY_LEAKY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: RequestResponse
  resources:
  - group: ""
    resources: [secrets]
- level: Metadata
`;

/** A base64 secret no output may ever contain. */
export const KEY_CANARY = 'c2VjcmV0LWNhbmFyeS1rZXktZG8tbm90LXByaW50LTAx';
