// Pod Security Standards, restricted, "Running as Non-root": k8s.io/pod-security-admission/policy/check_runAsNonRoot.go
// (runAsNonRoot_1_0, the only version). The pod's runAsNonRoot must not be false; each container's must not be
// false, and when a container leaves it unset the pod's must be true. runAsUser does not count. The relaxation
// for user-namespaced pods (hostUsers: false) applies only under the alpha feature gate
// UserNamespacesPodSecurityStandards (off by default, opts.relaxPolicyForUserNamespacePods): not applied here.
import { defineControl } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSC, podSC } from '../templates/pss.js';

export default defineControl({
  id: 'pss-run-as-non-root',
  aliases: ['runAsNonRoot'],
  title: 'PSS restricted: not required to run as non-root',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'pods',
  failsWhen: 'the pod or a container sets runAsNonRoot: false, or a container leaves it unset while the pod does not set it to true (check runAsNonRoot, every version).',
  rationale: 'runAsNonRoot: true makes the kubelet refuse to start a container whose user is root; the restricted Pod Security '
    + 'Standard requires it for every container, at pod or container level.',
  remediation: 'Set securityContext.runAsNonRoot: true on the pod (and not false on any container).',
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
  containers:
  - name: web
    image: nginx:1.27
`,
  },
  check({ pod }, ctx) {
    const podValue: unknown = podSC(pod)?.runAsNonRoot;
    const podTrue = podValue === true;
    if (podValue === false) {
      ctx.fail([...pod.specPath, 'securityContext', 'runAsNonRoot'], 'the pod sets runAsNonRoot: false: the restricted Pod Security Standard requires true (runAsNonRoot)',
        { fix: { description: 'set securityContext.runAsNonRoot: true' } });
    }
    for (const c of pod.containers) {
      const value: unknown = containerSC(c)?.runAsNonRoot;
      const path = [...c.path, 'securityContext', 'runAsNonRoot'];
      if (value !== undefined && value !== null) {
        if (value !== false) continue; // a bool in Go: true
        ctx.fail(path, `${describeContainer(c)} sets runAsNonRoot: false: the restricted Pod Security Standard requires true (runAsNonRoot)`,
          { fix: { description: 'set securityContext.runAsNonRoot: true' } });
      } else if (!podTrue) {
        ctx.fail(path, `${describeContainer(c)} does not set runAsNonRoot and the pod does not set it to true: the restricted Pod Security Standard requires it (runAsNonRoot)`,
          { fix: { description: 'set securityContext.runAsNonRoot: true on the pod' } });
      }
    }
  },
});
