// Pod Security Standards, baseline, "Seccomp": k8s.io/pod-security-admission/policy/check_seccompProfile_baseline.go.
// seccompProfileBaseline_1_0: the annotation seccomp.security.alpha.kubernetes.io/pod, and
// container.seccomp.security.alpha.kubernetes.io/<name> of each container, must not be `unconfined`.
// seccompProfileBaseline_1_19: the annotations are no longer read; the pod's and each container's
// securityContext.seccompProfile.type, when the profile is set, must be RuntimeDefault or Localhost (validSeccomp).
import { defineControl, type CheckContext } from '../define.js';
import { isObj } from '../../model/guards.js';
import { describeContainer, type PodInfo } from '../../inventory/index.js';
import { containerSC, podAnnotations, podSC, pssMinor, str } from '../templates/pss.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** validSeccomp of check_seccompProfile_baseline.go. */
export function validSeccomp(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** seccompProfileBaseline_1_0: the annotations. `level` names the standard in messages. */
export function seccompAnnotations(pod: PodInfo, ctx: CheckContext, level: string, check: string): void {
  const annotations = podAnnotations(pod);
  const keys = [POD_ANNOTATION, ...pod.containers.map((c) => CONTAINER_ANNOTATION_PREFIX + c.name)];
  for (const key of new Set(keys)) {
    if (!Object.hasOwn(annotations, key) || str(annotations[key]) !== 'unconfined') continue;
    ctx.fail([...pod.metadataPath, 'annotations', key],
      `annotation ${key}="unconfined" disables seccomp, which the ${level} Pod Security Standard forbids (${check}, v1.${pssMinor(ctx.inputs)})`,
      { fix: { description: `remove the annotation ${key}, or set it to runtime/default` } });
  }
}

/** seccompProfileBaseline_1_19: explicitly set profiles of a type other than RuntimeDefault or Localhost. */
export function seccompFieldsBaseline(pod: PodInfo, ctx: CheckContext): void {
  const podProfile: unknown = podSC(pod)?.seccompProfile;
  if (isObj(podProfile) && !validSeccomp(podProfile.type)) {
    ctx.fail([...pod.specPath, 'securityContext', 'seccompProfile', 'type'],
      `the pod sets seccompProfile.type ${JSON.stringify(str(podProfile.type))}: the baseline Pod Security Standard allows RuntimeDefault or Localhost (seccompProfile_baseline)`,
      { fix: { description: 'set seccompProfile.type: RuntimeDefault' } });
  }
  for (const c of pod.containers) {
    const profile: unknown = containerSC(c)?.seccompProfile;
    if (!isObj(profile) || validSeccomp(profile.type)) continue;
    ctx.fail([...c.path, 'securityContext', 'seccompProfile', 'type'],
      `${describeContainer(c)} sets seccompProfile.type ${JSON.stringify(str(profile.type))}: the baseline Pod Security Standard allows RuntimeDefault or Localhost (seccompProfile_baseline)`,
      { fix: { description: 'set seccompProfile.type: RuntimeDefault' } });
  }
}

export default defineControl({
  id: 'pss-seccomp-baseline',
  aliases: ['seccompProfile_baseline'],
  title: 'PSS baseline: seccomp profile disabled',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'pods',
  inputs: ['pssVersion'],
  failsWhen: 'from v1.19: the pod or a container sets seccompProfile.type to anything but RuntimeDefault or Localhost; '
    + 'before v1.19: a seccomp annotation of the pod or a container is `unconfined` (check seccompProfile_baseline).',
  rationale: 'Seccomp limits the system calls a container may make; Unconfined removes the filter. The baseline Pod Security '
    + 'Standard forbids disabling it explicitly (leaving it unset is allowed at baseline; restricted requires it).',
  remediation: 'Set seccompProfile.type to RuntimeDefault (or a Localhost profile), or remove the Unconfined profile.',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  securityContext:
    seccompProfile:
      type: Unconfined
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
    if (pssMinor(ctx.inputs) >= 19) seccompFieldsBaseline(pod, ctx);
    else seccompAnnotations(pod, ctx, 'baseline', 'seccompProfile_baseline');
  },
});
