import { defineControl } from '../define.js';
import { checkResourceLimit } from '../templates/resource-limit.js';

export default defineControl({
  id: 'cpu-limits',
  aliases: ['C-0270', 'C-0050'],
  title: 'Container has no CPU limit',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'containers',
  // ephemeral containers cannot have resources
  containerTypes: ['containers', 'initContainers'],
  failsWhen: 'a regular or init container has no resources.limits.cpu.',
  rationale:
    'A container without a CPU limit can use all the CPU of its node. A compromised container (a crypto miner is the '
    + 'usual case) or a runaway process then starves every other pod on the node, including system agents, which is '
    + 'a denial of service against workloads that have nothing to do with it. The guidance recommends resource '
    + 'policies, LimitRanges and ResourceQuotas and limits on each container, so that no single pod can exhaust the '
    + 'resources of a node or a namespace.',
  remediation:
    'Set resources.limits.cpu on every container and init container to the most it should ever use (measure it), '
    + 'and give the namespace a LimitRange with a default CPU limit for containers that do not set one.',
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
    resources:
      requests: {cpu: 100m, memory: 128Mi}
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
    resources:
      requests: {cpu: 100m, memory: 128Mi}
      limits: {cpu: 500m, memory: 256Mi}
`,
  },
  check: checkResourceLimit('cpu', 'CPU'),
});
