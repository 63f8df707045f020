import { defineControl } from '../define.js';
import { capabilityName, failAddedCapabilities } from '../templates/capabilities.js';

export default defineControl({
  id: 'dangerous-capabilities',
  aliases: ['C-0046', 'C-0201'],
  title: 'Container adds dangerous capabilities',
  severity: 'high',
  section: 'pod-security',
  appliesTo: 'containers',
  inputs: ['dangerousCapabilities'],
  failsWhen: 'a container adds a capability from the configurable dangerousCapabilities list to securityContext.capabilities.add.',
  rationale:
    'Linux capabilities split the power of root into pieces, and some pieces are nearly all of it: SYS_ADMIN, '
    + 'SYS_MODULE, SYS_PTRACE, BPF or NET_ADMIN let a process load kernel modules, trace other processes, reconfigure '
    + 'the network or mount file systems, which is how a compromised container breaks out to the node. The NSA/CISA '
    + 'Kubernetes Hardening Guidance asks that pods run with the least privilege they need, that Linux capabilities be '
    + 'restricted rather than added, and that pod security enforcement forbid adding powerful capabilities, so a '
    + 'container that adds one of them should be a deliberate, reviewed exception.',
  remediation:
    'Remove the capability from securityContext.capabilities.add. If the workload really needs it, keep only that one '
    + 'capability, drop ALL others, and record an exception with the reason.',
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
    securityContext:
      capabilities:
        add: ["SYS_ADMIN", "NET_BIND_SERVICE"]
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
    securityContext:
      capabilities:
        drop: ["ALL"]
        add: ["NET_BIND_SERVICE"]
`,
  },
  check({ container }, ctx) {
    const dangerous = new Set(ctx.inputs.dangerousCapabilities.map(capabilityName));
    failAddedCapabilities(container, ctx, (cap) => typeof cap === 'string' && dangerous.has(capabilityName(cap)),
      (cap) => `${capabilityName(cap) === 'ALL' ? 'ALL capabilities' : `the dangerous capability ${cap}`} (securityContext.capabilities.add)`);
  },
});
