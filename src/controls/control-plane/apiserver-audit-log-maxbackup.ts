import { defineControl } from '../define.js';
import { minFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.18, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-audit-log-maxbackup',
  aliases: ['C-0132'],
  title: 'API server keeps fewer than 10 audit log files',
  severity: 'low',
  section: 'control-plane',
  failsWhen: '--audit-log-maxbackup is unset or below 10.',
  rationale: 'Rotated audit log files beyond the count are deleted: too few, and the history an investigation needs is gone.',
  remediation: 'Start kube-apiserver with --audit-log-maxbackup=10 or more.',
  example: {
    failing: staticPod('kube-apiserver', ['--audit-log-maxbackup=3']),
    passing: staticPod('kube-apiserver', ['--audit-log-maxbackup=10']),
  },
  ...minFlag(['kube-apiserver'], 'audit-log-maxbackup', 10, 'rotated audit log files kept'),
});
