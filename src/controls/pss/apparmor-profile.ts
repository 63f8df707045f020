// Pod Security Standards, baseline, "AppArmor": k8s.io/pod-security-admission/policy/check_appArmorProfile.go
// (appArmorProfile_1_0, the only version). The pod's and each container's securityContext.appArmorProfile.type
// must be RuntimeDefault or Localhost when the profile is set (allowedProfileType); every annotation whose key
// starts with container.apparmor.security.beta.kubernetes.io/ must be empty, runtime/default or localhost/…
// (allowedAnnotationValue), whether or not it names a container of the pod.
import { defineControl } from '../define.js';
import { isObj } from '../../model/guards.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSC, podAnnotations, podSC, str } from '../templates/pss.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);

function allowedAnnotationValue(v: string): boolean {
  return v === '' || v === 'runtime/default' || v.startsWith('localhost/');
}

export default defineControl({
  id: 'pss-apparmor-profile',
  aliases: ['appArmorProfile'],
  title: 'PSS baseline: AppArmor profile overridden',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'pods',
  failsWhen: 'the pod or a container sets securityContext.appArmorProfile.type to anything but RuntimeDefault or Localhost, '
    + `or an annotation ${ANNOTATION_PREFIX}<name> is not empty, runtime/default or localhost/<profile> (check appArmorProfile, every version).`,
  rationale: 'AppArmor confines what a container may do on the node; an Unconfined profile removes that confinement. '
    + 'The baseline Pod Security Standard forbids overriding or disabling the default profile.',
  remediation: 'Remove the appArmorProfile (or annotation), or set it to RuntimeDefault or a Localhost profile.',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  securityContext:
    appArmorProfile:
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
    appArmorProfile:
      type: RuntimeDefault
  containers:
  - name: web
    image: nginx:1.27
`,
  },
  check({ pod }, ctx) {
    const podProfile: unknown = podSC(pod)?.appArmorProfile;
    if (isObj(podProfile) && !ALLOWED_TYPES.has(str(podProfile.type))) {
      ctx.fail([...pod.specPath, 'securityContext', 'appArmorProfile', 'type'],
        `the pod sets appArmorProfile.type ${JSON.stringify(str(podProfile.type))}: the baseline Pod Security Standard allows RuntimeDefault or Localhost (appArmorProfile)`,
        { fix: { description: 'set appArmorProfile.type: RuntimeDefault' } });
    }
    for (const c of pod.containers) {
      const profile: unknown = containerSC(c)?.appArmorProfile;
      if (!isObj(profile) || ALLOWED_TYPES.has(str(profile.type))) continue;
      ctx.fail([...c.path, 'securityContext', 'appArmorProfile', 'type'],
        `${describeContainer(c)} sets appArmorProfile.type ${JSON.stringify(str(profile.type))}: the baseline Pod Security Standard allows RuntimeDefault or Localhost (appArmorProfile)`,
        { fix: { description: 'set appArmorProfile.type: RuntimeDefault' } });
    }
    for (const [key, value] of Object.entries(podAnnotations(pod))) {
      if (!key.startsWith(ANNOTATION_PREFIX) || allowedAnnotationValue(str(value))) continue;
      ctx.fail([...pod.metadataPath, 'annotations', key],
        `annotation ${key}=${JSON.stringify(str(value))} overrides the AppArmor profile: the baseline Pod Security Standard allows runtime/default or localhost/<profile> (appArmorProfile)`,
        { fix: { description: `remove the annotation ${key}, or set it to runtime/default` } });
    }
  },
});
