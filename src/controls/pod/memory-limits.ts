import { defineControl } from '../define.js';
import { checkResourceLimit } from '../templates/resource-limit.js';

export default defineControl({
  id: 'memory-limits',
  aliases: ['C-0271', 'C-0004'],
  title: 'Container has no memory limit',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'containers',
  // ephemeral containers cannot have resources
  containerTypes: ['containers', 'initContainers'],
  failsWhen: 'a regular or init container has no resources.limits.memory.',
  rationale:
    'A container without a memory limit can take all the memory of its node. A compromised container or a leak then '
    + 'pushes the node into memory pressure, where the kernel\'s OOM killer and the kubelet\'s evictions hit other '
    + 'pods and system agents, which is a denial of service against workloads that have nothing to do with it. The '
    + 'guidance recommends resource policies, LimitRanges and ResourceQuotas and limits on each container, so that '
    + 'no single pod can exhaust the resources of a node or a namespace.',
  remediation:
    'Set resources.limits.memory on every container and init container to the most it should ever use (measure it), '
    + 'and give the namespace a LimitRange with a default memory limit for containers that do not set one.',
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
  check: checkResourceLimit('memory', 'memory'),
});
