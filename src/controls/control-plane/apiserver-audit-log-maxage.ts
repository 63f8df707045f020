import { defineControl } from '../define.js';
import { minFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.17, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-audit-log-maxage',
  aliases: ['C-0131'],
  title: 'API server keeps audit logs under 30 days',
  severity: 'low',
  section: 'control-plane',
  failsWhen: '--audit-log-maxage is unset or below 30.',
  rationale: 'Audit logs must be kept long enough to investigate an incident found weeks later.',
  remediation: 'Start kube-apiserver with --audit-log-maxage=30 or more.',
  example: {
    failing: staticPod('kube-apiserver', ['--audit-log-maxage=7']),
    passing: staticPod('kube-apiserver', ['--audit-log-maxage=30']),
  },
  ...minFlag(['kube-apiserver'], 'audit-log-maxage', 30, 'days audit log files are kept'),
});
