import { defineControl } from '../define.js';
import { ROUTE_KINDS } from '../../inventory/exposure.js';

export default defineControl({
  id: 'externally-exposed',
  aliases: ['C-0256', 'C-0266'],
  title: 'Workload exposed outside the cluster',
  severity: 'medium',
  section: 'network',
  appliesTo: 'inventory',
  failsWhen: 'a Service of type LoadBalancer or NodePort, or with externalIPs, or an Ingress or Gateway API route exposes workloads outside the cluster.',
  rationale:
    'Every workload reachable from outside the cluster is an entry point for an attacker, and a vulnerability or a '
    + 'weak setting in it matters far more than in an internal one. The guidance asks to limit what is exposed and to '
    + 'know exactly what is. Public services are usually exposed on purpose: except them, so that what remains is '
    + 'what nobody meant to expose.',
  remediation:
    'Use ClusterIP Services for internal traffic; expose only what must be public, through an Ingress or Gateway with '
    + 'TLS, and add an exception (with its reason) for each workload that is public on purpose.',
  nothingToEvaluate: 'no Services, Ingresses or Gateway API routes in the input',
  example: {
    failing: `apiVersion: v1
kind: Service
metadata: {name: admin, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: admin}
  ports: [{port: 443, targetPort: 8443}]
`,
    passing: `apiVersion: v1
kind: Service
metadata: {name: admin, namespace: shop}
spec:
  type: ClusterIP
  selector: {app: admin}
  ports: [{port: 443, targetPort: 8443}]
`,
  },
  targets: (inventory) => [...inventory.ofKind('Service'), ...inventory.ofKind('Ingress'), ...ROUTE_KINDS.flatMap((k) => inventory.ofKind(k))],
  check({ resource }, ctx) {
    const exposure = ctx.inventory.exposureVia(resource);
    if (!exposure) return;
    const spec = (resource.object.spec ?? {}) as Record<string, unknown>;
    const path = resource.kind === 'Service'
      ? (spec.type === 'LoadBalancer' || spec.type === 'NodePort' ? ['spec', 'type'] : ['spec', 'externalIPs'])
      : ['spec'];
    const names = exposure.workloads.map((w) => `${w.resource.kind} ${w.resource.name}`);
    const reach = names.length
      ? `reaches ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`
      : 'reaches no workload in the input';
    ctx.fail(path, `${exposure.how} ${resource.name} is reachable from outside the cluster and ${reach}`, {
      fix: { description: 'make it ClusterIP or internal if it need not be public; otherwise add an exception with the reason' },
    });
  },
});
