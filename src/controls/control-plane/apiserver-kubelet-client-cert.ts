import { defineControl } from '../define.js';
import { flagsSet } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.4, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-kubelet-client-cert',
  aliases: ['C-0116'],
  title: 'API server has no client certificate for kubelets',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--kubelet-client-certificate or --kubelet-client-key is missing.',
  rationale: 'The API server calls every kubelet (logs, exec, port-forward). Without a client certificate the kubelets cannot tell it from anyone else, so they would have to serve anonymous requests.',
  remediation: 'Start kube-apiserver with --kubelet-client-certificate and --kubelet-client-key (kubeadm: apiserver-kubelet-client.crt/.key).',
  example: {
    failing: staticPod('kube-apiserver', []),
    passing: staticPod('kube-apiserver', ['--kubelet-client-certificate=/etc/kubernetes/pki/x.crt', '--kubelet-client-key=/etc/kubernetes/pki/x.key']),
  },
  ...flagsSet(['kube-apiserver'], ['kubelet-client-certificate', 'kubelet-client-key'], 'the API server cannot authenticate to the kubelets, which then must accept it unauthenticated'),
});
