// A synthetic cluster of `namespaces` × 25 objects (2,000 namespaces: 50,000 objects), shaped as
// a real one: per namespace a Deployment with its ReplicaSet and 3 Pods, a CronJob, a Service,
// an Ingress, ServiceAccounts, ConfigMaps, Secrets (one a token Secret), RBAC, a NetworkPolicy,
// a ResourceQuota and a LimitRange. For the cluster scale test and bench/cluster.mjs.
type Obj = Record<string, unknown>;

export const OBJECTS_PER_NAMESPACE = 25;

function podSpec(app: string, i: number): Obj {
  return {
    serviceAccountName: `${app}-sa`,
    containers: [{
      name: app, image: `registry.example.com/team-${i % 50}/${app}:1.${i % 7}.0`,
      ports: [{ containerPort: 8080, name: 'http' }],
      env: Array.from({ length: 6 }, (_, k) => ({ name: `SETTING_${k}`, value: `value-${k}-${i}` })),
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
    }],
    volumes: [{ name: 'config', configMap: { name: `${app}-config-0` } }],
  };
}

export function syntheticCluster(namespaces: number): Obj[] {
  const out: Obj[] = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${String(n).padStart(4, '0')}`;
    const app = 'api';
    const meta = (name: string, extra: Obj = {}) => ({ name, namespace: ns, labels: { app, team: ns }, ...extra });
    const template = { metadata: { labels: { app } }, spec: podSpec(app, n) };
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team: ns } } });
    out.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(app), spec: { replicas: 3, selector: { matchLabels: { app } }, template } });
    const rsOwner = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, controller: true }];
    out.push({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta(`${app}-7c9d`, { ownerReferences: rsOwner }), spec: { replicas: 3, selector: { matchLabels: { app } }, template } });
    for (let p = 0; p < 3; p++) {
      const podOwner = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-7c9d`, controller: true }];
      out.push({ apiVersion: 'v1', kind: 'Pod', metadata: meta(`${app}-7c9d-${p}`, { ownerReferences: podOwner }), spec: { ...podSpec(app, n), nodeName: `node-${n % 100}` } });
    }
    out.push({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('report'), spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { ...podSpec('report', n), restartPolicy: 'OnFailure' } } } } } });
    out.push({ apiVersion: 'v1', kind: 'Service', metadata: meta(app), spec: { selector: { app }, ports: [{ port: 80, targetPort: 8080 }] } });
    out.push({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta(app), spec: { rules: [{ host: `${ns}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: app, port: { number: 80 } } } }] } }] } });
    for (const sa of ['default', `${app}-sa`]) out.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(sa) });
    for (let c = 0; c < 6; c++) out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(`${app}-config-${c}`), data: { 'app.properties': `level=info\nteam=${ns}\nindex=${c}\n`.repeat(4) } });
    out.push({ apiVersion: 'v1', kind: 'Secret', metadata: meta(`${app}-db`), type: 'Opaque', data: { password: Buffer.from(`pw-${n}`).toString('base64') } });
    out.push({ apiVersion: 'v1', kind: 'Secret', metadata: meta(`${app}-tls`), type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' } });
    out.push({ apiVersion: 'v1', kind: 'Secret', metadata: meta(`${app}-sa-token`, { annotations: { 'kubernetes.io/service-account.name': `${app}-sa` } }), type: 'kubernetes.io/service-account-token', data: { token: 'dG9rZW4=' } });
    out.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('deployer'), rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'patch'] }] });
    out.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('deployer'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployer' }, subjects: [{ kind: 'ServiceAccount', name: `${app}-sa`, namespace: ns }] });
    out.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('default-deny'), spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
    out.push({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('quota'), spec: { hard: { 'requests.cpu': '10', 'requests.memory': '20Gi', pods: '50' } } });
    out.push({ apiVersion: 'v1', kind: 'LimitRange', metadata: meta('limits'), spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' } }] } });
  }
  return out;
}
