// Pod Security Standards, restricted, "Privilege Escalation (v1.8+)":
// k8s.io/pod-security-admission/policy/check_allowPrivilegeEscalation.go. allowPrivilegeEscalation_1_8: every
// container (containers, init, ephemeral) must set securityContext.allowPrivilegeEscalation: false.
// allowPrivilegeEscalation_1_25: a pod with spec.os.name: windows is allowed. Before v1.8 the check does not
// exist: the control is skipped. Not mapped to pod/allow-privilege-escalation, which exempts Windows pods at
// every version.
import { defineControl } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSC, pssMinor, windowsPod } from '../templates/pss.js';

export default defineControl({
  id: 'pss-allow-privilege-escalation',
  aliases: ['allowPrivilegeEscalation'],
  title: 'PSS restricted: privilege escalation allowed',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'pods',
  inputs: ['pssVersion'],
  failsWhen: 'from v1.8: a container does not set securityContext.allowPrivilegeEscalation: false; from v1.25 a Windows pod (spec.os.name: windows) is exempt (check allowPrivilegeEscalation).',
  rationale: 'Without allowPrivilegeEscalation: false a process can gain more privileges than its parent (setuid binaries, file '
    + 'capabilities). The restricted Pod Security Standard requires it to be off in every container.',
  remediation: 'Set securityContext.allowPrivilegeEscalation: false in every container, init container and ephemeral container.',
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
  skipIf: (inputs) => (pssMinor(inputs) < 8 ? `the Pod Security Standards have no allowPrivilegeEscalation check before v1.8 (judging at v1.${pssMinor(inputs)})` : undefined),
  check({ pod }, ctx) {
    if (pssMinor(ctx.inputs) >= 25 && windowsPod(pod)) return;
    for (const c of pod.containers) {
      const value: unknown = containerSC(c)?.allowPrivilegeEscalation;
      if (value === false) continue;
      ctx.fail([...c.path, 'securityContext', 'allowPrivilegeEscalation'],
        `${describeContainer(c)} ${value === undefined || value === null ? 'does not set allowPrivilegeEscalation' : `sets allowPrivilegeEscalation ${JSON.stringify(value)}`}: the restricted Pod Security Standard requires false (allowPrivilegeEscalation)`,
        { fix: { description: 'set securityContext.allowPrivilegeEscalation: false' } });
    }
  },
});
