import { defineControl, editFix } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { isObj } from '../../model/guards.js';

/** hostPort 0 (or empty) is how Kubernetes spells "no host port". */
function setHostPort(v: unknown): boolean {
  return v !== undefined && v !== null && v !== 0 && v !== '' && v !== '0';
}

export default defineControl({
  id: 'host-port',
  aliases: ['C-0044'],
  title: 'Container binds a host port',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen: 'a container port sets a non-zero hostPort.',
  rationale:
    'A hostPort opens the port on the node\'s own network interfaces and forwards it to the container, bypassing '
    + 'Services and the NetworkPolicies that select them, exposing the workload to everything that can reach the '
    + 'node, and pinning the pod to nodes where the port is free. The guidance asks that pods not use host '
    + 'networking features and that exposure go through Services and network policies where it can be controlled '
    + 'and audited.',
  remediation:
    'Remove hostPort from the container\'s ports and expose the application through a Service (ClusterIP, NodePort '
    + 'or LoadBalancer) or an Ingress.',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
      hostPort: 8080
`,
    passing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
`,
  },
  check({ container }, ctx) {
    const ports: unknown = container.spec.ports;
    if (!Array.isArray(ports)) return;
    ports.forEach((port, i) => {
      if (!isObj(port) || !setHostPort(port.hostPort)) return;
      const path = [...container.path, 'ports', i, 'hostPort'];
      const proto = typeof port.protocol === 'string' ? port.protocol : 'TCP';
      const target = port.containerPort !== undefined ? `container port ${String(port.containerPort)}/${proto}` : `a ${proto} port`;
      const name = typeof port.name === 'string' ? ` (port "${port.name}")` : '';
      ctx.fail(path, `${describeContainer(container)} binds host port ${String(port.hostPort)} on the node to ${target}${name}`, {
        fix: editFix('remove hostPort and expose the port through a Service', [{ op: 'remove', path }], {
          review: 'clients may reach the workload on the node\'s port: give them a Service first',
        }),
      });
    });
  },
});
