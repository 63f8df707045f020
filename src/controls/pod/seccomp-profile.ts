import { defineControl, editFix, setFix, type Safety } from '../define.js';
import { describeContainer, type ContainerInfo, type PodInfo } from '../../inventory/index.js';
import { containerSecurityContext, podSecurityContext } from '../../inventory/security-context.js';
import type { PathSegments } from '../../model/types.js';
import { isWindowsPod } from '../../inventory/pods.js';
import { isObj } from '../../model/guards.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

type Verdict = 'pass' | 'unconfined' | 'invalid';

interface Decision {
  /** How the deciding setting reads in a message. */
  shown: string;
  verdict: Verdict;
  /** The field or annotation that decided. */
  path: PathSegments;
  level: 'container' | 'pod';
  kind: 'field' | 'annotation';
}

function fieldDecision(profile: unknown, base: PathSegments, level: 'container' | 'pod'): Decision {
  const type = isObj(profile) ? profile.type : undefined;
  const hasType = isObj(profile) && type !== undefined && type !== null;
  const path = hasType ? [...base, 'type'] : base;
  const verdict: Verdict = type === 'RuntimeDefault' || type === 'Localhost' ? 'pass' : type === 'Unconfined' ? 'unconfined' : 'invalid';
  const shown = hasType ? `seccompProfile.type: ${String(type)}` : 'a seccompProfile without a type';
  return { shown, verdict, path, level, kind: 'field' };
}

function annotationDecision(value: unknown, key: string, pod: PodInfo, level: 'container' | 'pod'): Decision {
  const text = typeof value === 'string' ? value.trim() : '';
  const verdict: Verdict = text === 'runtime/default' || text === 'docker/default' || (text.startsWith('localhost/') && text.length > 'localhost/'.length)
    ? 'pass'
    : text === 'unconfined' ? 'unconfined' : 'invalid';
  return { shown: `annotation ${key}: ${String(value)}`, verdict, path: [...pod.metadataPath, 'annotations', key], level, kind: 'annotation' };
}

/**
 * The setting that decides a container's seccomp profile, in Kubernetes order: the container's field,
 * the container's legacy annotation, the pod's field, the pod's legacy annotation.
 */
function decide(pod: PodInfo, container: ContainerInfo): Decision | undefined {
  const own = containerSecurityContext(container).seccompProfile;
  if (own !== undefined && own !== null) return fieldDecision(own, [...container.path, 'securityContext', 'seccompProfile'], 'container');
  const annotations = isObj(pod.metadata.annotations) ? pod.metadata.annotations : {};
  const containerKey = CONTAINER_ANNOTATION_PREFIX + container.name;
  if (annotations[containerKey] !== undefined && annotations[containerKey] !== null) {
    return annotationDecision(annotations[containerKey], containerKey, pod, 'container');
  }
  const inherited = podSecurityContext(pod).seccompProfile;
  if (inherited !== undefined && inherited !== null) return fieldDecision(inherited, [...pod.specPath, 'securityContext', 'seccompProfile'], 'pod');
  if (annotations[POD_ANNOTATION] !== undefined && annotations[POD_ANNOTATION] !== null) {
    return annotationDecision(annotations[POD_ANNOTATION], POD_ANNOTATION, pod, 'pod');
  }
  return undefined;
}

export default defineControl({
  id: 'seccomp-profile',
  aliases: ['C-0055', 'C-0210'],
  title: 'Container runs without a seccomp profile',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen: 'a container\'s effective seccomp profile (container field, container annotation, pod field, pod annotation, in that order) is unset or Unconfined (Windows pods, spec.os.name: windows, are exempt as in the restricted Pod Security Standard).',
  rationale:
    'Seccomp filters the system calls a process may make, and the runtime\'s default profile blocks the rarely '
    + 'needed calls (kernel module loading, keyctl, unshare of new namespaces, and others) through which container '
    + 'escapes and kernel exploits usually go. Kubernetes runs containers Unconfined unless a profile is asked for. '
    + 'The NSA/CISA Kubernetes Hardening Guidance recommends hardening container environments with kernel-based '
    + 'solutions such as seccomp and enabling a seccomp profile through the pod\'s securityContext, so that a '
    + 'compromised application has as little of the kernel within reach as possible.',
  remediation:
    'Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or on each container), or Localhost with a '
    + 'profile written for the application. Replace the deprecated seccomp.security.alpha.kubernetes.io annotations '
    + 'with the field, and never use Unconfined or unconfined.',
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
  check({ pod, container }, ctx) {
    if (isWindowsPod(pod)) return; // seccomp is a Linux feature
    const decision = decide(pod, container);
    if (decision?.verdict === 'pass') return;
    const who = describeContainer(container);
    if (!decision) {
      const path = [...container.path, 'securityContext', 'seccompProfile'];
      ctx.fail(path, `${who} has no seccomp profile: neither it nor the pod sets seccompProfile, so it runs Unconfined`, {
        fix: setFix('set seccompProfile.type: RuntimeDefault', [...path, 'type'], 'RuntimeDefault', 'safe'),
      });
      return;
    }
    const where = decision.level === 'pod' ? ' on the pod' : '';
    const message = decision.verdict === 'unconfined'
      ? `${who} runs with seccomp disabled: ${decision.shown}${where}`
      : `${who} has no valid seccomp profile: ${decision.shown}${where} is not RuntimeDefault or Localhost`;
    // The field at the level that decided; for a legacy annotation, the field that replaces it.
    const fieldPath = decision.level === 'pod'
      ? [...pod.specPath, 'securityContext', 'seccompProfile', 'type']
      : [...container.path, 'securityContext', 'seccompProfile', 'type'];
    // Kubernetes rejects a pod whose field and annotation at the same level disagree, so the annotation goes.
    const safety: Safety = decision.verdict === 'unconfined'
      ? { review: 'the manifest asks for seccomp Unconfined: the workload may make system calls RuntimeDefault blocks' }
      : 'safe';
    const fix = decision.kind === 'annotation'
      ? editFix('set seccompProfile.type: RuntimeDefault and remove the deprecated annotation', [
        { op: 'set', path: fieldPath, value: 'RuntimeDefault' },
        { op: 'remove', path: decision.path },
      ], safety)
      : setFix('set seccompProfile.type: RuntimeDefault', fieldPath, 'RuntimeDefault', safety);
    ctx.fail(decision.path, message, { fix });
  },
});
