// Pod Security Standards, restricted, "Running as Non-root user (v1.23+)":
// k8s.io/pod-security-admission/policy/check_runAsUser.go (runAsUser_1_23): the pod's and each container's
// securityContext.runAsUser must not be 0; unset is allowed. Before v1.23 the check does not exist: the control
// is skipped. The user-namespace relaxation is behind the alpha gate UserNamespacesPodSecurityStandards (off
// by default): not applied here.
import { defineControl } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSC, podSC, pssMinor } from '../templates/pss.js';

export default defineControl({
  id: 'pss-run-as-user',
  aliases: ['runAsUser'],
  title: 'PSS restricted: runs as user 0',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'pods',
  inputs: ['pssVersion'],
  failsWhen: 'from v1.23: the pod or a container sets runAsUser: 0 (check runAsUser).',
  rationale: 'UID 0 is root; the restricted Pod Security Standard forbids setting it explicitly.',
  remediation: 'Set runAsUser to a non-zero UID, or remove it and run the image\'s non-root user.',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  securityContext:
    runAsUser: 0
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
    runAsUser: 10001
  containers:
  - name: web
    image: nginx:1.27
`,
  },
  skipIf: (inputs) => (pssMinor(inputs) < 23 ? `the Pod Security Standards have no runAsUser check before v1.23 (judging at v1.${pssMinor(inputs)})` : undefined),
  check({ pod }, ctx) {
    if (podSC(pod)?.runAsUser === 0) {
      ctx.fail([...pod.specPath, 'securityContext', 'runAsUser'], 'the pod sets runAsUser: 0, which the restricted Pod Security Standard forbids (runAsUser)',
        { fix: { description: 'set runAsUser to a non-zero UID' } });
    }
    for (const c of pod.containers) {
      if (containerSC(c)?.runAsUser !== 0) continue;
      ctx.fail([...c.path, 'securityContext', 'runAsUser'], `${describeContainer(c)} sets runAsUser: 0, which the restricted Pod Security Standard forbids (runAsUser)`,
        { fix: { description: 'set runAsUser to a non-zero UID' } });
    }
  },
});
