// Pod Security Standards, baseline, "Capabilities": k8s.io/pod-security-admission/policy/check_capabilities_baseline.go
// (capabilitiesBaseline_1_0, the only version). Every container (visitContainers: containers, init and
// ephemeral) may add only capabilities of the default set below, compared as written: no case folding,
// no CAP_ prefix removed (`capabilities_baseline` compares corev1.Capability strings).
import { defineControl } from '../define.js';
import { isObj } from '../../model/guards.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSC } from '../templates/pss.js';

/** capabilities_allowed_1_0 of check_capabilities_baseline.go. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

export default defineControl({
  id: 'pss-capabilities-baseline',
  aliases: ['capabilities_baseline'],
  title: 'PSS baseline: capabilities beyond the default set',
  severity: 'high',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen: `a container adds a capability outside the baseline default set (${[...BASELINE_CAPABILITIES].join(', ')}), compared as written (check capabilities_baseline, every version; Windows pods are not exempt).`,
  rationale: 'Capabilities beyond the container runtime\'s default set give a container root powers over the kernel '
    + '(SYS_ADMIN, NET_ADMIN, SYS_PTRACE …); the baseline Pod Security Standard allows adding only the default ones.',
  remediation: 'Remove the capability from securityContext.capabilities.add.',
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
        add: [NET_ADMIN]
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
        add: [NET_BIND_SERVICE]
`,
  },
  check({ container }, ctx) {
    const caps: unknown = containerSC(container)?.capabilities;
    if (!isObj(caps) || !Array.isArray(caps.add)) return;
    caps.add.forEach((cap: unknown, i: number) => {
      if (typeof cap === 'string' && BASELINE_CAPABILITIES.has(cap)) return;
      ctx.fail([...container.path, 'securityContext', 'capabilities', 'add', i],
        `${describeContainer(container)} adds capability ${JSON.stringify(cap)}, outside the baseline Pod Security Standard's default set (capabilities_baseline)`,
        { fix: { description: `remove ${JSON.stringify(cap)} from securityContext.capabilities.add` } });
    });
  },
});
