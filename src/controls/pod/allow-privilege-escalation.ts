import { defineControl, setFix, type Safety } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSecurityContext } from '../../inventory/security-context.js';
import type { ContainerInfo } from '../../inventory/index.js';
import { isWindowsPod } from '../../inventory/pods.js';

/**
 * Safe unless the manifest asked for escalation, or the API server would reject the fix on its own:
 * it refuses allowPrivilegeEscalation: false beside privileged: true or an added CAP_SYS_ADMIN.
 */
function escalationSafety(container: ContainerInfo, value: unknown): Safety {
  const sc = containerSecurityContext(container);
  const add: unknown = typeof sc.capabilities === 'object' && sc.capabilities !== null ? sc.capabilities.add : undefined;
  const sysAdmin = Array.isArray(add) && add.some((c) => typeof c === 'string' && /^(CAP_)?SYS_ADMIN$/i.test(c.trim()));
  if (sc.privileged === true || sysAdmin) {
    return { review: 'Kubernetes rejects allowPrivilegeEscalation: false beside privileged: true or CAP_SYS_ADMIN: apply it with those fixes' };
  }
  if (value === true) return { review: 'the manifest sets allowPrivilegeEscalation: true: a setuid program in the image (sudo, su) may need it' };
  return 'safe';
}

export default defineControl({
  id: 'allow-privilege-escalation',
  aliases: ['C-0016'],
  title: 'Container allows privilege escalation',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen: 'a container\'s securityContext.allowPrivilegeEscalation is not false (unset counts, since the default is true). Windows pods (spec.os.name: windows) are exempt, as in the restricted Pod Security Standard since 1.25.',
  rationale:
    'allowPrivilegeEscalation controls the no_new_privs flag of the container\'s processes: unless it is false, a '
    + 'process can gain more privileges than its parent, for example through setuid or setgid binaries or file '
    + 'capabilities in the image. The NSA/CISA Kubernetes Hardening Guidance asks that containers run with the least '
    + 'privilege they need and that privilege escalation be denied, which is also what the restricted Pod Security '
    + 'Standard requires.',
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on each container.',
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
      allowPrivilegeEscalation: false
`,
  },
  check({ pod, container }, ctx) {
    // check_allowPrivilegeEscalation.go, allowPrivilegeEscalationV1Dot25: a pod with spec.os.name windows is
    // allowed (no_new_privs is a Linux flag; API validation forbids the field on Windows pods)
    if (isWindowsPod(pod)) return;
    const value: unknown = containerSecurityContext(container).allowPrivilegeEscalation;
    if (value === false) return;
    const path = [...container.path, 'securityContext', 'allowPrivilegeEscalation'];
    const detail = value === undefined || value === null
      ? 'allowPrivilegeEscalation is not set (the default is true)'
      : `allowPrivilegeEscalation is ${JSON.stringify(value)}`;
    ctx.fail(path, `${describeContainer(container)} allows privilege escalation: ${detail}`, {
      fix: setFix('set allowPrivilegeEscalation: false', path, false, escalationSafety(container, value)),
    });
  },
});
