import { defineControl } from '../define.js';
import { flagsSet } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.22, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-service-account-key-file',
  aliases: ['C-0136'],
  title: 'API server has no service-account key file',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: '--service-account-key-file is missing.',
  rationale: 'A dedicated key pair for service-account tokens lets them be rotated without touching the API server\'s TLS key.',
  remediation: 'Start kube-apiserver with --service-account-key-file (kubeadm: sa.pub) and the controller manager with the private key.',
  example: {
    failing: staticPod('kube-apiserver', []),
    passing: staticPod('kube-apiserver', ['--service-account-key-file=/etc/kubernetes/pki/x.key']),
  },
  ...flagsSet(['kube-apiserver'], ['service-account-key-file'], 'service-account tokens are verified with the TLS key, so the two cannot be rotated apart'),
});
