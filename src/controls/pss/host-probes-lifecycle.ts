// Pod Security Standards, baseline, "Host Probes / Lifecycle Hooks (v1.34+)":
// k8s.io/pod-security-admission/policy/check_hostProbesAndHostLifecycle.go (MinimumVersion 1.34): every
// container's liveness/readiness/startup probe and postStart/preStop hook must leave httpGet.host and
// tcpSocket.host unset or empty. Before v1.34 the check does not exist: the control is skipped.
// Not mapped to pod/probe-host, which excepts control-plane components and judges at every version.
import { defineControl } from '../define.js';
import { isObj } from '../../model/guards.js';
import { describeContainer } from '../../inventory/index.js';
import { pssMinor, str } from '../templates/pss.js';

const HANDLERS: ReadonlyArray<readonly string[]> = [
  ['livenessProbe'], ['readinessProbe'], ['startupProbe'], ['lifecycle', 'postStart'], ['lifecycle', 'preStop'],
];

export default defineControl({
  id: 'pss-host-probes-lifecycle',
  aliases: ['hostProbesAndhostLifecycle'],
  title: 'PSS baseline: probe or lifecycle hook on another host',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'pods',
  inputs: ['pssVersion'],
  failsWhen: 'from v1.34: a container\'s probe or lifecycle hook sets httpGet.host or tcpSocket.host (check hostProbesAndhostLifecycle).',
  rationale: 'A probe or hook with a host makes the kubelet connect from the node to any address the pod names: a way to reach '
    + 'node-local services or cloud metadata. The baseline Pod Security Standard forbids it from v1.34.',
  remediation: 'Remove the host field so that the kubelet probes the pod\'s own IP.',
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
    livenessProbe:
      httpGet:
        host: 169.254.169.254
        port: 80
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
    livenessProbe:
      httpGet:
        path: /healthz
        port: 80
`,
  },
  skipIf: (inputs) => (pssMinor(inputs) < 34 ? `the Pod Security Standards have no hostProbesAndhostLifecycle check before v1.34 (judging at v1.${pssMinor(inputs)})` : undefined),
  check({ pod }, ctx) {
    for (const c of pod.containers) {
      for (const where of HANDLERS) {
        let handler: unknown = c.spec;
        for (const seg of where) handler = isObj(handler) ? handler[seg] : undefined;
        if (!isObj(handler)) continue;
        for (const kind of ['httpGet', 'tcpSocket'] as const) {
          const action: unknown = handler[kind];
          if (!isObj(action) || str(action.host) === '') continue;
          ctx.fail([...c.path, ...where, kind, 'host'],
            `${describeContainer(c)} ${where.join('.')} ${kind} sets host ${JSON.stringify(str(action.host))}, which the baseline Pod Security Standard forbids from v1.34 (hostProbesAndhostLifecycle)`,
            { fix: { description: `remove ${where.join('.')}.${kind}.host` } });
        }
      }
    }
  },
});
