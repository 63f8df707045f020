import { defineControl, setFix } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSecurityContext } from '../../inventory/security-context.js';
import { formatPath } from '../../model/paths.js';

export default defineControl({
  id: 'allow-privilege-escalation',
  aliases: ['C-0016'],
  title: 'Container allows privilege escalation',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen: 'a container\'s securityContext.allowPrivilegeEscalation is not false (unset counts, since the default is true).',
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
  check({ container }, ctx) {
    const value: unknown = containerSecurityContext(container).allowPrivilegeEscalation;
    if (value === false) return;
    const path = [...container.path, 'securityContext', 'allowPrivilegeEscalation'];
    const detail = value === undefined || value === null
      ? 'allowPrivilegeEscalation is not set (the default is true)'
      : `allowPrivilegeEscalation is ${JSON.stringify(value)}`;
    ctx.fail(path, `${describeContainer(container)} allows privilege escalation: ${detail}`, {
      fix: setFix('set allowPrivilegeEscalation: false', formatPath(path), false),
    });
  },
});
