import { defineControl, editFix, type Edit } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { formatPath } from '../../model/paths.js';
import { capabilityList, capabilityName } from '../templates/capabilities.js';

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
    const add = capabilityList(container, 'add');
    if (!Array.isArray(add)) return;
    const dangerous = new Set(ctx.inputs.dangerousCapabilities.map(capabilityName));
    const addPath = [...container.path, 'securityContext', 'capabilities', 'add'];
    const isDangerous = (cap: unknown) => typeof cap === 'string' && dangerous.has(capabilityName(cap));
    // Each failing entry's fix leaves the same list (every dangerous entry out): whichever is applied
    // first does the work, and the others find it done, without one index shifting under another.
    const kept = add.filter((cap) => !isDangerous(cap));
    const removed = add.filter(isDangerous).join(', ');
    add.forEach((cap, i) => {
      if (!isDangerous(cap)) return;
      const name = capabilityName(cap as string);
      const what = name === 'ALL' ? 'ALL capabilities' : `the dangerous capability ${cap as string}`;
      const edit: Edit = kept.length ? { op: 'set', path: addPath, value: kept } : { op: 'remove', path: addPath };
      ctx.fail([...addPath, i], `${describeContainer(container)} adds ${what} (securityContext.capabilities.add)`, {
        fix: editFix(`remove ${removed} from ${formatPath(addPath)}`, [edit], { review: 'the container adds this capability itself: it may need it' }),
      });
    });
  },
});
