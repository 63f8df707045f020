import { defineControl } from '../define.js';
import { WORKLOAD_KINDS } from '../../model/kinds.js';
import type { Fix, Resource } from '../../model/types.js';

/** Objects Kubernetes itself puts in namespaces, which users do not create. */
function isBuiltIn(resource: Resource): boolean {
  return (resource.kind === 'ServiceAccount' && resource.name === 'default')
    || (resource.kind === 'ConfigMap' && resource.name === 'kube-root-ca.crt')
    || (resource.kind === 'Service' && resource.name === 'kubernetes' && resource.namespace === 'default');
}

const FIX: Fix = { description: 'create a namespace for the application and set metadata.namespace to it' };

export default defineControl({
  id: 'default-namespace',
  aliases: ['C-0061', 'C-0212'],
  title: 'Resource in the default namespace',
  severity: 'low',
  section: 'pod-security',
  appliesTo: {
    kinds: [
      ...WORKLOAD_KINDS, 'Service', 'ConfigMap', 'Secret', 'Role', 'RoleBinding', 'ServiceAccount', 'Ingress',
      'NetworkPolicy', 'PersistentVolumeClaim',
    ],
  },
  failsWhen: 'a namespaced resource that users create is in the default namespace, or has no namespace and would land in it.',
  rationale:
    'Namespaces are the unit that RBAC, NetworkPolicies, resource quotas and Pod Security Admission are applied '
    + 'to. The NSA/CISA Kubernetes Hardening Guidance asks that workloads be separated into namespaces so that '
    + 'these boundaries can be drawn per team or application; everything left in `default` shares one set of '
    + 'permissions and policies, usually the weakest, and a compromise of one workload there reaches the others.',
  remediation:
    'Create a namespace per application or team, with its own RBAC, NetworkPolicies, quotas and Pod Security '
    + 'labels, and set `metadata.namespace` on every resource (or `namespace:` in the kustomization) to it.',
  example: {
    failing: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`,
    passing: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`,
  },
  check({ resource }, ctx) {
    if (resource.clusterScoped || isBuiltIn(resource)) return;
    const what = `${resource.kind} "${resource.name}"`;
    if (resource.namespace === undefined) {
      ctx.fail(['metadata', 'namespace'],
        `${what} has no namespace and will land in the current context's namespace, usually default`, { fix: FIX });
    } else if (resource.namespace === 'default') {
      ctx.fail(['metadata', 'namespace'], `${what} is in the default namespace`, { fix: FIX });
    }
  },
});
