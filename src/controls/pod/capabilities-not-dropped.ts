import { defineControl, setFix } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { effective } from '../../inventory/security-context.js';
import type { ContainerInfo, PodInfo } from '../../inventory/index.js';
import { formatPath } from '../../model/paths.js';
import { isWindowsPod } from '../../inventory/pods.js';
import { capabilityList, capabilityName } from '../templates/capabilities.js';

/** `ALL`, `all` and `CAP_ALL` all mean every capability. */
function isAll(cap: unknown): boolean {
  return typeof cap === 'string' && capabilityName(cap) === 'ALL';
}

/** A non-root process has no effective capabilities to lose when ALL are dropped. */
function runsAsNonRoot(pod: PodInfo, container: ContainerInfo): boolean {
  if (effective(pod, container, 'runAsNonRoot').value === true) return true;
  const user = effective(pod, container, 'runAsUser').value;
  return typeof user === 'number' && user > 0;
}

export default defineControl({
  id: 'capabilities-not-dropped',
  aliases: ['C-0211'],
  title: 'Container does not drop all capabilities',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen: 'a container\'s securityContext.capabilities.drop does not include ALL (Windows pods, spec.os.name: windows, are exempt as in the restricted Pod Security Standard).',
  rationale:
    'Container runtimes give every container a default set of Linux capabilities (CHOWN, DAC_OVERRIDE, FOWNER, '
    + 'SETUID, SETGID, NET_RAW, KILL and more) whether the application needs them or not, and each one is kernel '
    + 'surface an attacker can use after compromising the process. The NSA/CISA Kubernetes Hardening Guidance asks '
    + 'for least privilege in pods and for pod security enforcement that drops unneeded capabilities; the restricted '
    + 'Pod Security Standard makes this concrete by requiring every container to drop ALL and add back only what it '
    + 'needs (at most NET_BIND_SERVICE).',
  remediation:
    'Set securityContext.capabilities.drop: ["ALL"] on every container, and add back only the capabilities the '
    + 'application needs under capabilities.add.',
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
        drop: ["NET_RAW"]
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
  check({ pod, container }, ctx) {
    if (isWindowsPod(pod)) return; // capabilities are a Linux feature
    const drop = capabilityList(container, 'drop');
    if (Array.isArray(drop) && drop.some(isAll)) return;
    const who = describeContainer(container);
    const path = [...container.path, 'securityContext', 'capabilities', 'drop'];
    if (drop === undefined || drop === null || (Array.isArray(drop) && drop.length === 0)) {
      const detail = drop === undefined || drop === null ? 'securityContext.capabilities.drop is not set' : 'securityContext.capabilities.drop is empty';
      ctx.fail(path, `${who} keeps the runtime's default capabilities: ${detail}`, {
        fix: setFix('drop ALL capabilities', path, ['ALL'], runsAsNonRoot(pod, container) ? 'safe' : {
          review: 'the container may run as root and use the runtime\'s default capabilities (CHOWN, SETUID, SETGID, NET_BIND_SERVICE, …)',
        }),
      });
      return;
    }
    const listed = Array.isArray(drop) ? drop.filter((c): c is string => typeof c === 'string') : [];
    const detail = listed.length > 0 ? `it drops only ${listed.join(', ')}` : 'securityContext.capabilities.drop is not a list';
    ctx.fail(path, `${who} does not drop ALL capabilities: ${detail}`, {
      fix: { description: `add ALL to ${formatPath(path)}` },
    });
  },
});
