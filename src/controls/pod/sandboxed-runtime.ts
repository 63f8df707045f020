import { defineControl, setFix } from '../define.js';

export default defineControl({
  id: 'sandboxed-runtime',
  aliases: ['C-0297'],
  title: 'Workload not in a sandboxed runtime',
  severity: 'low',
  section: 'pod-security',
  appliesTo: 'pods',
  inputs: ['sandboxRuntimeClasses'],
  skipIf(inputs) {
    if (!inputs.sandboxRuntimeClasses || inputs.sandboxRuntimeClasses.length === 0) {
      return 'sandboxRuntimeClasses is not configured: set inputs.sandboxRuntimeClasses in .palisade.yaml to the '
        + 'RuntimeClass names of your sandboxed runtimes (for example gvisor or kata)';
    }
    return undefined;
  },
  failsWhen: 'a workload\'s pod has no runtimeClassName, or one that is not in sandboxRuntimeClasses from the config.',
  rationale:
    'Containers on the default runtime share the node\'s kernel, so one kernel exploit from inside a container is '
    + 'a node compromise. The NSA/CISA Kubernetes Hardening Guidance recommends hardened container engines and '
    + 'sandboxing, such as gVisor or Kata Containers, that put a user-space kernel or a lightweight virtual machine '
    + 'between the workload and the host, so that a container escape does not reach the node; Kubernetes selects '
    + 'them per pod with a RuntimeClass.',
  remediation:
    'Install a sandboxed runtime (gVisor, Kata Containers) on the nodes, create a RuntimeClass for it, and set '
    + '`runtimeClassName` in the pod spec of workloads that handle untrusted input or code.',
  example: {
    inputs: { sandboxRuntimeClasses: ['gvisor'] },
    failing: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: renderer
  namespace: shop
spec:
  selector:
    matchLabels: {app: renderer}
  template:
    metadata:
      labels: {app: renderer}
    spec:
      containers:
      - name: renderer
        image: ghcr.io/acme/renderer:3.1.0
`,
    passing: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: renderer
  namespace: shop
spec:
  selector:
    matchLabels: {app: renderer}
  template:
    metadata:
      labels: {app: renderer}
    spec:
      runtimeClassName: gvisor
      containers:
      - name: renderer
        image: ghcr.io/acme/renderer:3.1.0
`,
  },
  check({ pod }, ctx) {
    const classes = ctx.inputs.sandboxRuntimeClasses ?? [];
    const current = pod.spec.runtimeClassName;
    if (typeof current === 'string' && classes.includes(current)) return;
    const path = [...pod.specPath, 'runtimeClassName'];
    const list = `sandboxRuntimeClasses: ${classes.join(', ')}`;
    const message = typeof current === 'string' && current !== ''
      ? `runtimeClassName "${current}" is not a sandboxed runtime class (${list})`
      : `the pod has no runtimeClassName and runs on the node's default, unsandboxed runtime (${list})`;
    ctx.fail(path, message, {
      fix: setFix(`set runtimeClassName: ${classes[0]} (a RuntimeClass of that name must exist)`, path, classes[0], {
        review: 'the RuntimeClass must exist on the cluster, and the sandbox may not support everything the workload does',
      }),
    });
  },
});
