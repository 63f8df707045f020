import { defineControl } from '../define.js';
import { minFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.19, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-audit-log-maxsize',
  aliases: ['C-0133'],
  title: 'API server rotates audit logs under 100 MB',
  severity: 'low',
  section: 'control-plane',
  failsWhen: '--audit-log-maxsize is unset or below 100.',
  rationale: 'Small audit files rotate fast and, with a bounded number of backups, lose history quickly.',
  remediation: 'Start kube-apiserver with --audit-log-maxsize=100 or more.',
  example: {
    failing: staticPod('kube-apiserver', ['--audit-log-maxsize=10']),
    passing: staticPod('kube-apiserver', ['--audit-log-maxsize=100']),
  },
  ...minFlag(['kube-apiserver'], 'audit-log-maxsize', 100, 'megabytes an audit log file grows to before rotation'),
});
