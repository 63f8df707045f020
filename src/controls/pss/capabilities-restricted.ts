// Pod Security Standards, restricted, "Capabilities (v1.22+)": k8s.io/pod-security-admission/policy/check_capabilities_restricted.go.
// capabilitiesRestricted_1_22 (overrides capabilities_baseline): every container (containers, init,
// ephemeral) must drop ALL (written so, exactly) and may add only NET_BIND_SERVICE. capabilitiesRestricted_1_25:
// a pod with spec.os.name: windows is allowed. Before v1.22 there is no restricted form and no override:
// restricted judges with capabilities_baseline.
import { defineControl } from '../define.js';
import { isObj } from '../../model/guards.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSC, pssMinor, windowsPod } from '../templates/pss.js';
import { BASELINE_CAPABILITIES } from './capabilities-baseline.js';

export default defineControl({
  id: 'pss-capabilities-restricted',
  aliases: ['capabilities_restricted'],
  title: 'PSS restricted: capabilities not dropped',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'pods',
  inputs: ['pssVersion'],
  failsWhen: 'from v1.22: a container does not drop ALL, or adds a capability other than NET_BIND_SERVICE; from v1.25 a Windows pod is exempt; '
    + 'before v1.22 the baseline rule applies (check capabilities_restricted).',
  rationale: 'The restricted Pod Security Standard requires containers to start with no capabilities and add back at most '
    + 'NET_BIND_SERVICE.',
  remediation: 'Set securityContext.capabilities.drop: [ALL] in every container and add only NET_BIND_SERVICE if needed.',
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
        add: [CHOWN]
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
        drop: [ALL]
        add: [NET_BIND_SERVICE]
`,
  },
  check({ pod }, ctx) {
    const minor = pssMinor(ctx.inputs);
    if (minor >= 25 && windowsPod(pod)) return;
    for (const c of pod.containers) {
      const caps: unknown = containerSC(c)?.capabilities;
      const capsPath = [...c.path, 'securityContext', 'capabilities'];
      const add: unknown[] = isObj(caps) && Array.isArray(caps.add) ? caps.add : [];
      if (minor < 22) {
        add.forEach((cap, i) => {
          if (typeof cap === 'string' && BASELINE_CAPABILITIES.has(cap)) return;
          ctx.fail([...capsPath, 'add', i], `${describeContainer(c)} adds capability ${JSON.stringify(cap)}, outside the default set (capabilities_baseline, v1.${minor})`,
            { fix: { description: `remove ${JSON.stringify(cap)} from capabilities.add` } });
        });
        continue;
      }
      const drop: unknown[] = isObj(caps) && Array.isArray(caps.drop) ? caps.drop : [];
      if (!drop.includes('ALL')) {
        ctx.fail([...capsPath, 'drop'], `${describeContainer(c)} does not drop ALL capabilities: the restricted Pod Security Standard requires drop: [ALL] (capabilities_restricted)`,
          { fix: { description: 'add ALL to securityContext.capabilities.drop' } });
      }
      add.forEach((cap, i) => {
        if (cap === 'NET_BIND_SERVICE') return;
        ctx.fail([...capsPath, 'add', i], `${describeContainer(c)} adds capability ${JSON.stringify(cap)}: the restricted Pod Security Standard allows only NET_BIND_SERVICE (capabilities_restricted)`,
          { fix: { description: `remove ${JSON.stringify(cap)} from capabilities.add` } });
      });
    }
  },
});
