// The fixture cluster of the cluster-source tests: a shop namespace with owned workloads, Secrets
// (with canaries), RBAC, nodes and their kubelet configurations, as manifests.

export const TOKEN = 'fake-token-6f1d2a9c0b7e4d3f8a5c1e2b9d0f7a6c';
/** Appears in Secret data and in a Secret's last-applied annotation: must never reach a Resource. */
export const SECRET_CANARY = 'CANARY-s3cr3t-value-must-not-leak';

const template = (app: string) => `
    metadata: {labels: {app: ${app}}}
    spec:
      containers:
      - name: ${app}
        image: registry.example.com/${app}:1.0
        securityContext: {privileged: true}`;

export const SHOP = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:${template('web')}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5d8f
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true, blockOwnerDeletion: true}]
spec:
  selector: {matchLabels: {app: web}}
  template:${template('web')}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-5d8f-abcde
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, controller: true}]
spec:
  containers: [{name: web, image: registry.example.com/web:1.0, securityContext: {privileged: true}}]
---
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: shop}
spec:
  containers: [{name: sh, image: busybox:1.36}]
---
apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver-node1
  namespace: kube-system
  ownerReferences: [{apiVersion: v1, kind: Node, name: node1, controller: true}]
  annotations: {kubernetes.io/config.mirror: 6d1f0c3b2a1e4d5c6b7a8f9e0d1c2b3a}
  labels: {component: kube-apiserver, tier: control-plane}
spec:
  hostNetwork: true
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.33.1
    command: [kube-apiserver, --anonymous-auth=true, --authorization-mode=AlwaysAllow]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: backup, namespace: shop}
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:${template('backup').replace(/\n/g, '\n    ')}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: backup-29000000
  namespace: shop
  ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: backup, controller: true}]
spec:
  template:${template('backup')}
---
apiVersion: v1
kind: Pod
metadata:
  name: backup-29000000-x1
  namespace: shop
  ownerReferences: [{apiVersion: batch/v1, kind: Job, name: backup-29000000, controller: true}]
spec:
  containers: [{name: backup, image: registry.example.com/backup:1.0}]
---
apiVersion: v1
kind: Secret
metadata:
  name: app-creds
  namespace: shop
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"v1","data":{"password":"${Buffer.from(SECRET_CANARY).toString('base64')}"},"kind":"Secret","stringData":{"raw":"${SECRET_CANARY}"}}'
type: Opaque
data: {password: ${Buffer.from(SECRET_CANARY).toString('base64')}}
stringData: {raw: ${SECRET_CANARY}}
---
apiVersion: v1
kind: Secret
metadata:
  name: ci-token
  namespace: shop
  annotations: {kubernetes.io/service-account.name: ci}
type: kubernetes.io/service-account-token
data: {token: ${Buffer.from(SECRET_CANARY).toString('base64')}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ci, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: everything}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci-everything}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: everything}
subjects: [{kind: ServiceAccount, name: ci, namespace: shop}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: ci, namespace: shop}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Node
metadata: {name: node1}
---
apiVersion: v1
kind: Node
metadata: {name: node2}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: policy}
webhooks: []
`;

/** `count` ConfigMaps in namespace `namespace`. */
export function configMaps(count: number, namespace = 'bulk', size = 0): string {
  const out = [`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${namespace}}`];
  const filler = size ? `\ndata: {filler: ${'x'.repeat(size)}}` : '';
  for (let i = 0; i < count; i++) out.push(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${String(i).padStart(5, '0')}, namespace: ${namespace}}${filler}`);
  return out.join('\n---\n');
}

/** node1 runs a kubelet with anonymous auth on; node2's kubelet does not answer (503). */
export const configz = (node: string): Record<string, unknown> | undefined => (node === 'node1'
  ? { authentication: { anonymous: { enabled: true }, webhook: { enabled: true } }, authorization: { mode: 'AlwaysAllow' }, readOnlyPort: 10255, staticPodPath: '/etc/kubernetes/manifests' }
  : undefined);
