import { defineControl, editFix } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { isObj } from '../../model/guards.js';
import { builtInComponents, describeBuiltIn } from '../../inventory/static-pods.js';
import { BUILT_IN_REASON } from '../templates/grants.js';

/**
 * The handlers with a `host` field, as the baseline Pod Security Standard lists them ("Host Probes /
 * Lifecycle Hooks (v1.34+)"): the three probes and the two lifecycle hooks, each through httpGet and
 * tcpSocket. grpc and exec handlers have no host; sleep has none either.
 */
const HANDLERS: ReadonlyArray<readonly string[]> = [
  ['livenessProbe'], ['readinessProbe'], ['startupProbe'], ['lifecycle', 'postStart'], ['lifecycle', 'preStop'],
];
const ACTIONS = ['httpGet', 'tcpSocket'] as const;

export default defineControl({
  id: 'probe-host',
  aliases: [],
  title: 'Probe or lifecycle hook sends the kubelet to another host',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen:
    'a container\'s livenessProbe, readinessProbe, startupProbe, lifecycle.postStart or lifecycle.preStop sets httpGet.host '
    + 'or tcpSocket.host to anything but an empty string (the baseline Pod Security Standard forbids it since Kubernetes 1.34). '
    + 'The probes kubeadm writes into the control plane\'s own static pods (host: the advertise address or 127.0.0.1, on the host '
    + 'network) are reported as excepted, "Kubernetes built-in" (see host-network for how those pods are recognised).',
  rationale:
    'The kubelet runs HTTP and TCP probes and lifecycle hooks itself, from the node, and by default aims them at the pod\'s '
    + 'own IP. A host field sends those requests wherever the manifest says instead: to the node\'s localhost, to the cloud '
    + 'metadata service, or to any address the node can reach and the pod cannot, so whoever can create pods can make the '
    + 'kubelet probe and poke internal services for them (a server-side request forgery through the node). The NSA/CISA '
    + 'Kubernetes Hardening Guidance asks that pod security enforcement keep workloads from reaching past their own '
    + 'isolation; the baseline Pod Security Standard added this restriction in Kubernetes 1.34.',
  remediation:
    'Remove the host field from the probe or hook, so that the kubelet targets the pod\'s own IP; set an HTTP Host header '
    + 'with httpGet.httpHeaders when the application needs a virtual host name.',
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
        path: /latest/meta-data/
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
  // Pod Security Standards, baseline, "Host Probes / Lifecycle Hooks (v1.34+)": restricted fields
  // spec.{containers,initContainers}[*].{liveness,readiness,startup}Probe.{httpGet,tcpSocket}.host and
  // .lifecycle.{postStart,preStop}.{httpGet,tcpSocket}.host; allowed values undefined/nil and "".
  // Every container type is visited, as pod-security-admission's visitContainers does (API validation
  // forbids probes and hooks on ephemeral containers anyway).
  check({ resource, pod, container }, ctx) {
    let builtIn: ReturnType<typeof builtInComponents> | undefined; // looked up only for a pod that sets a host
    for (const handler of HANDLERS) {
      let at: unknown = container.spec;
      for (const seg of handler) at = isObj(at) ? at[seg] : undefined;
      if (!isObj(at)) continue;
      for (const action of ACTIONS) {
        const target: unknown = at[action];
        if (!isObj(target)) continue;
        const host: unknown = target.host;
        if (host === undefined || host === null || host === '') continue;
        const path = [...container.path, ...handler, action, 'host'];
        const shown = typeof host === 'string' ? host : JSON.stringify(host);
        builtIn ??= builtInComponents(ctx.inventory, resource, pod).filter((b) => b.container === container);
        if (builtIn.length) {
          // kubeadm's static pods probe the component on the host network at its own address
          // (cmd/kubeadm/app/util/staticpod: LivenessProbe/ReadinessProbe/StartupProbe with Host)
          ctx.fail(path, `${describeContainer(container)}'s ${handler.join('.')} probes host ${shown} (${action}.host): the ${describeBuiltIn(builtIn)} `
            + 'of the control plane runs on the host network and is probed at its own address', { exceptedBy: BUILT_IN_REASON });
          continue;
        }
        ctx.fail(path, `${describeContainer(container)}'s ${handler.join('.')} sends the kubelet to host ${shown} (${action}.host) instead of the pod's own IP`, {
          fix: editFix(`remove ${handler.join('.')}.${action}.host`, [{ op: 'remove', path }], {
            review: 'the handler aims at another address on purpose (a pod on the host network probing 127.0.0.1): it then checks the pod\'s IP',
          }),
        });
      }
    }
  },
});
