import { defineControl, setFix } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSecurityContext } from '../../inventory/security-context.js';

export default defineControl({
  id: 'unmasked-proc-mount',
  aliases: [],
  title: 'Container mounts /proc unmasked',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen: 'a container sets securityContext.procMount: Unmasked.',
  rationale:
    'By default the container runtime masks and makes read-only sensitive parts of /proc (such as /proc/kcore, '
    + '/proc/sys and /proc/sysrq-trigger) that expose kernel memory and host-wide settings. procMount: Unmasked '
    + 'removes that protection, giving a compromised process information and levers for escaping to the node. The '
    + 'NSA/CISA Kubernetes Hardening Guidance asks that containers run with the least privilege they need, which the '
    + 'baseline Pod Security Standard enforces by allowing only the Default proc mount.',
  remediation: 'Remove securityContext.procMount or set it to Default.',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  hostUsers: false
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      procMount: Unmasked
`,
    passing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  hostUsers: false
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      procMount: Default
`,
  },
  check({ container }, ctx) {
    if (containerSecurityContext(container).procMount !== 'Unmasked') return;
    const path = [...container.path, 'securityContext', 'procMount'];
    ctx.fail(path, `${describeContainer(container)} mounts /proc unmasked (procMount: Unmasked)`, {
      fix: setFix('set procMount: Default', path, 'Default', {
        review: 'the container asks for an unmasked /proc: a container runtime nested in it may need that',
      }),
    });
  },
});
