import { defineControl } from '../define.js';
import { flagsSet } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.5, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-kubelet-ca',
  aliases: ['C-0117'],
  title: 'API server does not verify kubelets\' certificates',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--kubelet-certificate-authority is missing.',
  rationale: 'Without a CA to verify the kubelets\' serving certificates, the API server\'s connections to kubelets (exec, logs, port-forward) can be intercepted.',
  remediation: 'Start kube-apiserver with --kubelet-certificate-authority naming the CA that signs the kubelets\' serving certificates.',
  example: {
    failing: staticPod('kube-apiserver', []),
    passing: staticPod('kube-apiserver', ['--kubelet-certificate-authority=/etc/kubernetes/pki/x.crt']),
  },
  ...flagsSet(['kube-apiserver'], ['kubelet-certificate-authority'], 'the kubelets\' serving certificates are not verified: a man in the middle can pose as a kubelet'),
});
