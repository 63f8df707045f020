import { defineControl, setFix } from '../define.js';
import { builtInComponents, describeBuiltIn } from '../../inventory/static-pods.js';
import { BUILT_IN_REASON } from '../templates/grants.js';

export default defineControl({
  id: 'host-network',
  aliases: ['C-0041'],
  title: 'Pod uses the host network',
  severity: 'high',
  section: 'pod-security',
  appliesTo: 'pods',
  failsWhen:
    'the pod sets hostNetwork: true. The control plane\'s own static pods (kube-apiserver, kube-controller-manager, '
    + 'kube-scheduler, etcd: a mirror pod or a manifest in a static pod directory, in kube-system, whose container runs the '
    + 'component its component or k8s-app label names) need the node\'s network and are reported as excepted, "Kubernetes built-in".',
  rationale:
    'A pod on the host network shares the node\'s network namespace: it can bind any port on the node\'s '
    + 'interfaces, sniff traffic of the node and of other pods, reach services bound to localhost on the node (such '
    + 'as the kubelet\'s or a runtime\'s local endpoints), and is not subject to NetworkPolicies written for pod '
    + 'traffic. The guidance counts host networking among the pod settings that weaken the separation between '
    + 'containers and the node and asks that pod security enforcement forbid it for application workloads.',
  remediation:
    'Remove hostNetwork from the pod spec (or set it to false) and expose the application through a Service '
    + '(ClusterIP, NodePort or LoadBalancer) or an Ingress instead.',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  hostNetwork: true
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
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
`,
  },
  check({ resource, pod }, ctx) {
    if (pod.spec.hostNetwork !== true) return;
    const path = [...pod.specPath, 'hostNetwork'];
    const builtIn = builtInComponents(ctx.inventory, resource, pod);
    if (builtIn.length) {
      // kubeadm's static pods set hostNetwork: true (cmd/kubeadm/app/util/staticpod: ComponentPod): the
      // apiserver serves on the node's address, etcd and the others on its localhost, before any pod network exists
      ctx.fail(path, `the pod uses the host's network namespace (hostNetwork: true): it is the ${describeBuiltIn(builtIn)} `
        + 'of the control plane, which serves on the node\'s addresses before any pod network exists', { exceptedBy: BUILT_IN_REASON });
      return;
    }
    ctx.fail(path, 'the pod uses the host\'s network namespace (hostNetwork: true): it can bind node ports, '
      + 'see node traffic and reach services listening on the node\'s localhost', {
      fix: setFix('set hostNetwork: false', path, false, {
        review: 'the pod asks for the node\'s network: it may serve on the node\'s addresses or reach services on its localhost',
      }),
    });
  },
});
