import { defineControl } from '../define.js';
import { isWindowsPod } from '../../inventory/pods.js';
import { capabilityName, failAddedCapabilities } from '../templates/capabilities.js';

/** The one capability the restricted Pod Security Standard lets a container add. */
const ALLOWED = 'NET_BIND_SERVICE';

export default defineControl({
  id: 'capabilities-added',
  aliases: [],
  title: 'Container adds capabilities beyond NET_BIND_SERVICE',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen:
    'a container (regular, init or ephemeral) lists any capability other than NET_BIND_SERVICE in securityContext.capabilities.add, '
    + 'as the restricted Pod Security Standard forbids (Windows pods, spec.os.name: windows, are exempt as there since 1.25). '
    + 'Names are read as the container runtime reads them (case and a CAP_ prefix aside); Pod Security admission compares them '
    + 'as written and also rejects net_bind_service or CAP_NET_BIND_SERVICE. dangerous-capabilities judges the same list '
    + 'against its configurable list of the most powerful capabilities.',
  rationale:
    'Every capability a container adds is a piece of root\'s power the kernel grants its processes, whether or not the '
    + 'application uses it: CHOWN, DAC_OVERRIDE, FOWNER, SETUID or KILL look harmless one by one, but together they undo '
    + 'most of what running as a non-root user and dropping capabilities achieve. The NSA/CISA Kubernetes Hardening '
    + 'Guidance asks that containers run with the least privilege they need and that pod security enforcement restrict '
    + 'Linux capabilities; the restricted Pod Security Standard makes that concrete: drop ALL, and add back at most '
    + 'NET_BIND_SERVICE, which only lets a non-root process bind ports below 1024.',
  remediation:
    'Remove every capability but NET_BIND_SERVICE from securityContext.capabilities.add (keep drop: ["ALL"]). A workload '
    + 'that truly needs another one cannot meet the restricted standard: run it in a namespace at the baseline level and '
    + 'record an exception with the reason.',
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
      capabilities:
        drop: ["ALL"]
        add: ["NET_BIND_SERVICE", "CHOWN", "SETUID"]
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
      capabilities:
        drop: ["ALL"]
        add: ["NET_BIND_SERVICE"]
`,
  },
  // k8s.io/pod-security-admission/policy/check_capabilities_restricted.go (restricted; 1.22, and since
  // 1.25 capabilitiesRestrictedV1Dot25 allows pods with spec.os.name windows): for every container
  // (visitContainers: containers, initContainers, ephemeralContainers), each entry of
  // capabilities.add that is not NET_BIND_SERVICE is forbidden. Its drop-ALL half is capabilities-not-dropped.
  check({ pod, container }, ctx) {
    if (isWindowsPod(pod)) return; // capabilities are a Linux feature
    const allowed = (cap: unknown) => typeof cap === 'string' && capabilityName(cap) === ALLOWED;
    failAddedCapabilities(container, ctx, (cap) => !allowed(cap),
      (cap) => `${cap}: the restricted Pod Security Standard allows adding only NET_BIND_SERVICE`);
  },
});
