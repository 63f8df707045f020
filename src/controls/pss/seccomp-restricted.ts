// Pod Security Standards, restricted, "Seccomp (v1.19+)": k8s.io/pod-security-admission/policy/check_seccompProfile_restricted.go.
// seccompProfileRestricted_1_19 (overrides seccompProfile_baseline): the pod's profile, when set, must be
// RuntimeDefault or Localhost; a container's, when set, too; a container that sets none must be covered by a
// valid pod-level profile. seccompProfileRestricted_1_25: a pod with spec.os.name: windows is allowed. Before
// v1.19 there is no restricted form and no override: restricted judges with seccompProfile_baseline 1.0 (annotations).
import { defineControl } from '../define.js';
import { isObj } from '../../model/guards.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSC, podSC, pssMinor, str, windowsPod } from '../templates/pss.js';
import { seccompAnnotations, validSeccomp } from './seccomp-baseline.js';

export default defineControl({
  id: 'pss-seccomp-restricted',
  aliases: ['seccompProfile_restricted'],
  title: 'PSS restricted: seccomp profile not set',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'pods',
  inputs: ['pssVersion'],
  failsWhen: 'from v1.19: a container runs without a RuntimeDefault or Localhost seccomp profile (its own, else the pod\'s), or the pod or a container sets another type; '
    + 'from v1.25 a Windows pod is exempt; before v1.19 the baseline annotation check applies (check seccompProfile_restricted).',
  rationale: 'The restricted Pod Security Standard requires every container to run under a seccomp filter: the runtime\'s default '
    + 'or a profile on the node.',
  remediation: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod.',
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
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: web
    image: nginx:1.27
`,
  },
  check({ pod }, ctx) {
    const minor = pssMinor(ctx.inputs);
    if (minor < 19) {
      seccompAnnotations(pod, ctx, 'restricted', 'seccompProfile_baseline');
      return;
    }
    if (minor >= 25 && windowsPod(pod)) return;
    const podProfile: unknown = podSC(pod)?.seccompProfile;
    let podSet = false;
    if (isObj(podProfile)) {
      if (validSeccomp(podProfile.type)) podSet = true;
      else {
        ctx.fail([...pod.specPath, 'securityContext', 'seccompProfile', 'type'],
          `the pod sets seccompProfile.type ${JSON.stringify(str(podProfile.type))}: the restricted Pod Security Standard requires RuntimeDefault or Localhost (seccompProfile_restricted)`,
          { fix: { description: 'set seccompProfile.type: RuntimeDefault' } });
      }
    }
    for (const c of pod.containers) {
      const profile: unknown = containerSC(c)?.seccompProfile;
      if (isObj(profile)) {
        if (validSeccomp(profile.type)) continue;
        ctx.fail([...c.path, 'securityContext', 'seccompProfile', 'type'],
          `${describeContainer(c)} sets seccompProfile.type ${JSON.stringify(str(profile.type))}: the restricted Pod Security Standard requires RuntimeDefault or Localhost (seccompProfile_restricted)`,
          { fix: { description: 'set seccompProfile.type: RuntimeDefault' } });
      } else if (!podSet) {
        ctx.fail([...c.path, 'securityContext', 'seccompProfile'],
          `${describeContainer(c)} has no seccomp profile and the pod sets no valid one: the restricted Pod Security Standard requires RuntimeDefault or Localhost (seccompProfile_restricted)`,
          { fix: { description: 'set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod' } });
      }
    }
  },
});
