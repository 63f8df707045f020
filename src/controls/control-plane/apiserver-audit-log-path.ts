import { defineControl } from '../define.js';
import { flagsSet } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.16, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-audit-log-path',
  aliases: ['C-0130'],
  title: 'API server writes no audit log file',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: '--audit-log-path is missing.',
  rationale: 'The audit log records who did what in the cluster; without it an intrusion leaves no trace on the control plane.',
  remediation: 'Start kube-apiserver with --audit-log-path (and --audit-policy-file).',
  example: {
    failing: staticPod('kube-apiserver', []),
    passing: staticPod('kube-apiserver', ['--audit-log-path=/etc/kubernetes/pki/x.crt']),
  },
  ...flagsSet(['kube-apiserver'], ['audit-log-path'], 'no audit log is written to a file'),
});
