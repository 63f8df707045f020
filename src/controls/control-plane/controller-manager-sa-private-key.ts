import { defineControl } from '../define.js';
import { flagsSet } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.3.4, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'controller-manager-sa-private-key',
  aliases: ['C-0147'],
  title: 'Controller manager has no service-account signing key',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: '--service-account-private-key-file is missing.',
  rationale: 'A dedicated key pair for service-account tokens lets them be rotated on their own.',
  remediation: 'Start kube-controller-manager with --service-account-private-key-file (kubeadm: sa.key).',
  example: {
    failing: staticPod('kube-controller-manager', []),
    passing: staticPod('kube-controller-manager', ['--service-account-private-key-file=/etc/kubernetes/pki/x.key']),
  },
  ...flagsSet(['kube-controller-manager'], ['service-account-private-key-file'], 'service-account tokens cannot be signed with a dedicated key'),
});
