// A manifest set with a workload that has every attack-path link (issue 14), and the variants that
// each lack one. The image is the web image of image-fixtures.ts, whose advisories are real.
import { WEB_REF } from './image-fixtures.js';

/**
 * `shop/web` (3 replicas) runs the web image, is exposed by a LoadBalancer, runs privileged with the
 * runtime socket mounted writable, mounts the token of ServiceAccount `web`, which may read Secrets
 * and create pods, and no NetworkPolicy isolates it, so it reaches `shop/db`.
 */
export const FULL_PATH = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 443, targetPort: 8443}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web
      containers:
      - name: web
        image: ${WEB_REF}
        securityContext: {privileged: true}
        volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]
      volumes:
      - name: sock
        hostPath: {path: /var/run/docker.sock}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      automountServiceAccountToken: false
      containers:
      - name: db
        image: postgres:16.4
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: web, namespace: shop}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [get, list]}
- {apiGroups: [""], resources: [pods], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: web, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: web}
subjects:
- {kind: ServiceAccount, name: web, namespace: shop}
`;

/** Replaces one piece of FULL_PATH, failing loudly if it is not there (a variant that changes nothing proves nothing). */
export function variant(from: string, to: string): string {
  if (!FULL_PATH.includes(from)) throw new Error(`FULL_PATH has no ${JSON.stringify(from)}`);
  return FULL_PATH.replace(from, to);
}

/** Each variant lacks one link of the full path. */
export const VARIANTS = {
  /** ClusterIP: no initial access, so no path at all. */
  notExposed: () => variant('type: LoadBalancer', 'type: ClusterIP'),
  /** Not privileged, no socket, no privilege escalation (it runs as root): no escape, and no write to the node. */
  noEscape: () => variant(`        securityContext: {privileged: true}
        volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]
      volumes:
      - name: sock
        hostPath: {path: /var/run/docker.sock}
`, '        securityContext: {allowPrivilegeEscalation: false}\n'),
  /** The token is not mounted: no credential access and no impact through the API. */
  noToken: () => variant('      serviceAccountName: web\n', '      serviceAccountName: web\n      automountServiceAccountToken: false\n'),
  /** The role reads nothing secret and creates nothing. */
  noGrants: () => variant(`- {apiGroups: [""], resources: [secrets], verbs: [get, list]}
- {apiGroups: [""], resources: [pods], verbs: [create]}`, '- {apiGroups: [""], resources: [configmaps], verbs: [get]}'),
  /** A default-deny policy for the namespace: no lateral movement. */
  isolated: () => `${FULL_PATH}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`,
};
