import { defineControl, setFix } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSecurityContext } from '../../inventory/security-context.js';

export default defineControl({
  id: 'privileged-container',
  aliases: ['C-0057'],
  title: 'Privileged container',
  severity: 'high',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen: 'a container sets securityContext.privileged: true.',
  rationale:
    'A privileged container has every Linux capability, sees all of the node\'s devices and is not confined by '
    + 'seccomp or AppArmor, so a process in it can do almost anything root on the node can, including escaping to '
    + 'the host. The NSA/CISA Kubernetes Hardening Guidance names privileged containers as a main way to break out '
    + 'of a pod and asks that they be prevented, with a Pod Security Standard or admission policy, except for the '
    + 'rare system component that truly needs one.',
  remediation:
    'Remove securityContext.privileged or set it to false; grant only the specific capabilities or devices the '
    + 'workload needs instead.',
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
      privileged: true
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
      privileged: false
`,
  },
  check({ container }, ctx) {
    if (containerSecurityContext(container).privileged !== true) return;
    const path = [...container.path, 'securityContext', 'privileged'];
    ctx.fail(path, `${describeContainer(container)} is privileged (privileged: true)`, {
      fix: setFix('set privileged: false', path, false, {
        review: 'the container asks for privileged mode: it may need the host devices or kernel access only that gives',
      }),
    });
  },
});
