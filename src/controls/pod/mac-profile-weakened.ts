import { defineControl, editFix, setFix, type CheckContext, type Safety } from '../define.js';
import type { PathSegments } from '../../model/types.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSecurityContext, podSecurityContext } from '../../inventory/security-context.js';
import { isObj } from '../../model/guards.js';

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const UNCONFINED_WANTED: Safety = { review: 'the manifest asks for AppArmor Unconfined: the workload may do what the runtime\'s default profile denies' };
const SELINUX_CONTAINER_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** One seLinuxOptions object (the pod's or a container's) against the baseline standard; `who` names its owner. */
function checkSelinux(options: Record<string, unknown>, base: PathSegments, who: string, ctx: CheckContext): void {
  if (isSet(options.type) && !SELINUX_CONTAINER_TYPES.has(options.type)) {
    ctx.fail([...base, 'type'], `${who} runs with the SELinux type ${options.type} (seLinuxOptions.type), not a container type`, {
      fix: { description: 'remove seLinuxOptions.type, or use container_t, container_init_t, container_kvm_t or container_engine_t' },
    });
  }
  for (const field of ['user', 'role'] as const) {
    const value = options[field];
    if (!isSet(value)) continue;
    ctx.fail([...base, field], `${who} sets the SELinux ${field} ${value} (seLinuxOptions.${field})`, {
      fix: { description: `remove seLinuxOptions.${field}` },
    });
  }
}

function isSet(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

export default defineControl({
  id: 'mac-profile-weakened',
  aliases: ['C-0055'],
  title: 'AppArmor or SELinux confinement weakened',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen:
    'a container\'s AppArmor profile is unconfined (appArmorProfile.type: Unconfined or the legacy container.apparmor.security.beta.kubernetes.io '
    + 'annotation), or the pod\'s or a container\'s seLinuxOptions (each judged on its own, as Pod Security admission does) sets '
    + 'a type other than container_t, container_init_t, container_kvm_t or container_engine_t (1.31), or sets user or role.',
  rationale:
    'AppArmor and SELinux are the mandatory access control layer between a container and its node: even a process '
    + 'running as root inside the container is refused access to host files, devices and kernel interfaces its profile '
    + 'or label does not allow. Running a container unconfined, or giving it an SELinux type, user or role of its own '
    + '(spc_t, unconfined_t, system_u), switches that layer off for it. The NSA/CISA Kubernetes Hardening Guidance '
    + 'recommends kernel-based hardening such as SELinux and AppArmor for containers and lists both among the settings '
    + 'pod security enforcement must restrict, which the baseline Pod Security Standard does by forbidding exactly these '
    + 'values.',
  remediation:
    'Remove appArmorProfile.type: Unconfined and the unconfined AppArmor annotation (use RuntimeDefault or a Localhost '
    + 'profile), and remove custom seLinuxOptions type, user and role, or use one of the container types '
    + '(container_t, container_init_t, container_kvm_t, container_engine_t).',
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
      appArmorProfile:
        type: Unconfined
      seLinuxOptions:
        type: spc_t
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
      appArmorProfile:
        type: RuntimeDefault
      seLinuxOptions:
        level: "s0:c123,c456"
`,
  },
  check({ pod, container }, ctx) {
    const who = describeContainer(container);

    // AppArmor, in the kubelet's order: the container's field, the container's legacy annotation, the pod's field.
    const ownProfile = containerSecurityContext(container).appArmorProfile;
    const annotations = isObj(pod.metadata.annotations) ? pod.metadata.annotations : {};
    const annotationKey = APPARMOR_ANNOTATION_PREFIX + container.name;
    const annotation: unknown = annotations[annotationKey];
    const containerTypePath = [...container.path, 'securityContext', 'appArmorProfile', 'type'];
    if (ownProfile !== undefined && ownProfile !== null) {
      if (isObj(ownProfile) && ownProfile.type === 'Unconfined') {
        ctx.fail(containerTypePath, `${who} runs without AppArmor confinement: appArmorProfile.type: Unconfined`, {
          fix: setFix('set appArmorProfile.type: RuntimeDefault', containerTypePath, 'RuntimeDefault', UNCONFINED_WANTED),
        });
      }
    } else if (annotation !== undefined && annotation !== null) {
      if (typeof annotation === 'string' && annotation.trim() === 'unconfined') {
        const path = [...pod.metadataPath, 'annotations', annotationKey];
        ctx.fail(path, `${who} runs without AppArmor confinement: annotation ${annotationKey}: unconfined`, {
          // Kubernetes rejects a field and an annotation that disagree, so the annotation goes.
          fix: editFix('set appArmorProfile.type: RuntimeDefault and remove the deprecated annotation', [
            { op: 'set', path: containerTypePath, value: 'RuntimeDefault' },
            { op: 'remove', path },
          ], UNCONFINED_WANTED),
        });
      }
    } else {
      const podProfile = podSecurityContext(pod).appArmorProfile;
      if (isObj(podProfile) && podProfile.type === 'Unconfined') {
        const path = [...pod.specPath, 'securityContext', 'appArmorProfile', 'type'];
        ctx.fail(path, `${who} runs without AppArmor confinement: appArmorProfile.type: Unconfined on the pod`, {
          fix: setFix('set appArmorProfile.type: RuntimeDefault', path, 'RuntimeDefault', UNCONFINED_WANTED),
        });
      }
    }

    // SELinux, as k8s.io/pod-security-admission/policy/check_seLinuxOptions.go judges it (baseline): the
    // pod's seLinuxOptions and each container's (containers, initContainers, ephemeralContainers) are
    // checked each on its own — a bad pod-level value fails even when every container sets its own.
    // type: unset, "", container_t, container_init_t, container_kvm_t (1.0) or container_engine_t (1.31);
    // user and role: unset or "".
    const podOptions = podSecurityContext(pod).seLinuxOptions;
    if (isObj(podOptions)) checkSelinux(podOptions, [...pod.specPath, 'securityContext', 'seLinuxOptions'], 'the pod', ctx);
    const own = containerSecurityContext(container).seLinuxOptions;
    if (isObj(own)) checkSelinux(own, [...container.path, 'securityContext', 'seLinuxOptions'], who, ctx);
  },
});
