import { defineControl, setFix } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { effective } from '../../inventory/security-context.js';

export default defineControl({
  id: 'non-root-user',
  aliases: ['C-0013'],
  title: 'Container may run as root',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen: 'a container\'s effective runAsUser is 0 (even with runAsNonRoot: true), or its effective runAsNonRoot is not true and its effective runAsUser is unset.',
  rationale:
    'A process that runs as root inside a container is root on the node if it escapes the container, and can '
    + 'write anywhere the image lets root write. The guidance asks that containers run as non-root users, enforced '
    + 'by runAsNonRoot or a non-zero runAsUser, so that a compromise of the application is not a compromise of the host.',
  remediation:
    'Set securityContext.runAsNonRoot: true (pod or container level) and build the image with a non-root USER, '
    + 'or set runAsUser to a non-zero UID.',
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
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
  containers:
  - name: web
    image: nginx:1.27
`,
  },
  // An explicit runAsUser: 0 is root whatever runAsNonRoot says: k8s.io/pod-security-admission/policy/
  // check_runAsUser.go (restricted, since 1.23) forbids runAsUser 0 on the pod and on every container,
  // independently of check_runAsNonRoot.go. Here the container's field wins over the pod's (the value the
  // container runs with); with runAsNonRoot: true too, the kubelet refuses to start the container.
  check({ pod, container }, ctx) {
    const nonRoot = effective<boolean>(pod, container, 'runAsNonRoot');
    const user = effective<number>(pod, container, 'runAsUser');
    const who = describeContainer(container);
    if (user.value === 0) {
      const also = nonRoot.value === true ? ' even though runAsNonRoot is true (the kubelet then refuses to start it)' : '';
      ctx.fail(user.path, `${who} runs as UID 0 (runAsUser: 0${user.from === 'pod' ? ', set on the pod' : ''})${also}`, {
        fix: { description: 'set runAsUser to a non-zero UID the image supports' },
      });
      return;
    }
    if (nonRoot.value === true) return;
    if (typeof user.value === 'number' && user.value > 0) return;
    const path = nonRoot.value === false ? nonRoot.path : [...container.path, 'securityContext', 'runAsNonRoot'];
    const detail = nonRoot.value === false
      ? `runAsNonRoot is false${nonRoot.from === 'pod' ? ' on the pod' : ''} and runAsUser is unset`
      : 'neither runAsNonRoot: true nor a non-zero runAsUser is set';
    ctx.fail(path, `${who} may run as root: ${detail}`, {
      fix: setFix('set runAsNonRoot: true', [...container.path, 'securityContext', 'runAsNonRoot'], true, {
        review: 'the image may need to run as root: the kubelet then refuses to start the container',
      }),
    });
  },
});
