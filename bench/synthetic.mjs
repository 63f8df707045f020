// Synthetic inputs for the benchmark, written as real-shaped manifests (many documents per file,
// the way Helm output and GitOps repositories look). Deterministic: the same input every run.
import fs from 'node:fs';
import path from 'node:path';

function deployment(ns, name, i) {
  const hardened = i % 3 === 0;
  const sc = hardened
    ? `
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}`
    : i % 3 === 1 ? `
        securityContext:
          privileged: ${i % 7 === 0}
          runAsUser: ${i % 2 ? 0 : 1000}` : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {app: ${name}, tier: ${i % 2 ? 'backend' : 'frontend'}, team: team-${i % 13}}
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels: {app: ${name}}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
  template:
    metadata:
      labels: {app: ${name}, tier: ${i % 2 ? 'backend' : 'frontend'}}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
        checksum/config: 5f0c8a1d2b3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9${i % 10}
    spec:
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector:
                matchLabels: {app: ${name}}
      volumes:
      - name: config
        configMap: {name: ${name}-config}
      - name: tmp
        emptyDir: {}
      serviceAccountName: ${i % 4 ? name : 'default'}
      ${hardened ? 'securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}' : 'hostNetwork: false'}
      containers:
      - name: app
        image: registry.example.com/${ns}/${name}:${i % 5 ? `1.${i % 10}.0` : 'latest'}
        args: [--port=8080, --config=/etc/${name}/config.yaml, --log-format=json]
        ports:
        - {containerPort: 8080, name: http}
        - {containerPort: 9090, name: metrics}
        readinessProbe:
          httpGet: {path: /healthz, port: http}
          initialDelaySeconds: 5
          periodSeconds: 10
        livenessProbe:
          httpGet: {path: /livez, port: http}
          failureThreshold: 3
        volumeMounts:
        - {name: config, mountPath: /etc/${name}, readOnly: true}
        - {name: tmp, mountPath: /tmp}
        env:
        - {name: LOG_LEVEL, value: info}
        - {name: DB_HOST, value: db.${ns}.svc}
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: ${name}-db, key: password}}
        resources:
          requests: {cpu: 100m, memory: 128Mi}${i % 4 ? `
          limits: {cpu: 500m, memory: 256Mi}` : ''}${sc}
`;
}

function service(ns, name, i) {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  type: ${i % 17 === 0 ? 'LoadBalancer' : 'ClusterIP'}
  selector: {app: ${name}}
  ports:
  - {port: 80, targetPort: http}
`;
}

function configMap(ns, name) {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${ns}
data:
  region: eu-west-1
  feature_flags: "search,checkout,recommendations"
  log_format: json
`;
}

function serviceAccount(ns, name) {
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${ns}
automountServiceAccountToken: false
`;
}

function role(ns, name, i) {
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ${name}
  namespace: ${ns}
rules:
- apiGroups: [""]
  resources: [configmaps${i % 5 === 0 ? ', secrets' : ''}]
  verbs: [get, list, watch]
- apiGroups: [apps]
  resources: [deployments]
  verbs: [get${i % 9 === 0 ? ', create, update' : ''}]
`;
}

function roleBinding(ns, name, roleKind, roleName, subject) {
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ${name}
  namespace: ${ns}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${roleName}}
subjects:
- {kind: ServiceAccount, name: ${subject}, namespace: ${ns}}
`;
}

function networkPolicy(ns, name, spec) {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${spec}`;
}

function namespace(ns, labelled) {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  labels:
    team: ${ns}${labelled ? '\n    pod-security.kubernetes.io/enforce: restricted' : ''}
`;
}

function writeFiles(dir, docs, perFile) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  let files = 0;
  for (let i = 0; i < docs.length; i += perFile) {
    const text = docs.slice(i, i + perFile).join('---\n');
    fs.writeFileSync(path.join(dir, `part-${String(files).padStart(5, '0')}.yaml`), text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  return { dir, files, bytes, documents: docs.length };
}

/** About `count` resources of an ordinary application platform: workloads with their Services, config and RBAC. */
export function scaleUp(dir, count) {
  const docs = [];
  let i = 0;
  while (docs.length < count) {
    const ns = `team-${Math.floor(i / 25)}`;
    const name = `svc-${i}`;
    if (i % 25 === 0) docs.push(namespace(ns, i % 2 === 0));
    docs.push(deployment(ns, name, i), service(ns, name, i), configMap(ns, name), serviceAccount(ns, name));
    if (i % 2 === 0) docs.push(role(ns, name, i), roleBinding(ns, name, 'Role', name, name));
    i++;
  }
  return writeFiles(dir, docs.slice(0, count), 50);
}

/**
 * A large cluster for the relation-heavy controls: `namespaces` namespaces holding `workloads`
 * workloads, `policies` NetworkPolicies and `bindings` RoleBindings in all.
 */
export function bigCluster(dir, { namespaces, workloads, policies, bindings }) {
  const docs = [];
  const wPer = workloads / namespaces;
  const pPer = policies / namespaces;
  const bPer = bindings / namespaces;
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${n}`;
    docs.push(namespace(ns, n % 3 === 0));
    docs.push(role(ns, 'app-reader', n));
    for (let w = 0; w < wPer; w++) docs.push(deployment(ns, `app-${w}`, n * wPer + w));
    const nPolicies = Math.floor((n + 1) * pPer) - Math.floor(n * pPer);
    for (let p = 0; p < nPolicies; p++) {
      if (p === 0) {
        docs.push(networkPolicy(ns, 'default-deny', '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n'));
      } else if (p % 2) {
        docs.push(networkPolicy(ns, `allow-${p}`, `  podSelector:\n    matchLabels: {app: app-${p}}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {tier: frontend}}\n`));
      } else {
        docs.push(networkPolicy(ns, `backend-${p}`, `  podSelector:\n    matchExpressions:\n    - {key: tier, operator: In, values: [backend]}\n    - {key: app, operator: NotIn, values: [app-0]}\n  policyTypes: [Ingress, Egress]\n  egress:\n  - to:\n    - namespaceSelector: {matchLabels: {team: ${ns}}}\n`));
      }
    }
    for (let b = 0; b < bPer; b++) {
      const roleRef = b % 3 === 0 ? ['ClusterRole', b % 2 ? 'view' : 'edit'] : ['Role', 'app-reader'];
      docs.push(roleBinding(ns, `binding-${b}`, roleRef[0], roleRef[1], `app-${b % wPer}`));
    }
  }
  return writeFiles(dir, docs, 100);
}
