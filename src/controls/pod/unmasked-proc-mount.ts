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
  failsWhen:
    'a container (regular, init or ephemeral) sets securityContext.procMount to anything but Default (Unmasked, or a '
    + 'value Kubernetes does not know), unless the pod runs in a user namespace (hostUsers: false), where the baseline Pod '
    + 'Security Standard allows every value (Pod Security admission relaxes it so where the API server enables the '
    + 'UserNamespacesPodSecurityStandards feature gate).',
  rationale:
    'By default the container runtime masks and makes read-only sensitive parts of /proc (such as /proc/kcore, '
    + '/proc/sys and /proc/sysrq-trigger) that expose kernel memory and host-wide settings. procMount: Unmasked '
    + 'removes that protection, giving a compromised process information and levers for escaping to the node. The '
    + 'NSA/CISA Kubernetes Hardening Guidance asks that containers run with the least privilege they need, which the '
    + 'baseline Pod Security Standard enforces by allowing only the Default proc mount.',
  remediation: 'Remove securityContext.procMount or set it to Default; a workload that needs an unmasked /proc (a nested container runtime) runs in a user namespace (spec.hostUsers: false).',
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
      procMount: Unmasked
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
      procMount: Default
`,
  },
  // k8s.io/pod-security-admission/policy/check_procMount.go (baseline, since 1.0): every container
  // (visitContainers: containers, initContainers, ephemeralContainers) whose procMount is set and is not
  // "Default" fails; a pod with hostUsers: false is allowed whatever it sets (relaxPolicyForUserNamespacePod:
  // /proc is then the user namespace's, not the node's). Upstream applies that relaxation where the API server
  // enables it (the UserNamespacesPodSecurityStandards feature gate); Palisade always does, as the issue asks.
  check({ pod, container }, ctx) {
    const value: unknown = containerSecurityContext(container).procMount;
    if (value === undefined || value === null || value === 'Default') return;
    if (pod.spec.hostUsers === false) return;
    const path = [...container.path, 'securityContext', 'procMount'];
    const message = value === 'Unmasked'
      ? `${describeContainer(container)} mounts /proc unmasked (procMount: Unmasked) in the node's user namespace`
      : `${describeContainer(container)} sets procMount: ${JSON.stringify(value)}, which is not Default`;
    ctx.fail(path, message, {
      fix: setFix('set procMount: Default', path, 'Default', value === 'Unmasked'
        ? { review: 'the container asks for an unmasked /proc: a container runtime nested in it may need that (or run the pod with hostUsers: false)' }
        : 'safe'),
    });
  },
});
