import { defineControl } from '../define.js';
import { boolFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.4.1, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'scheduler-profiling',
  aliases: ['C-0151'],
  title: 'Scheduler profiling is on',
  severity: 'low',
  section: 'control-plane',
  failsWhen: '--profiling is not false (it defaults to true).',
  rationale: 'The profiling endpoints reveal the program\'s internals and can be used to load it; production does not need them.',
  remediation: 'Start kube-scheduler with --profiling=false.',
  example: {
    failing: staticPod('kube-scheduler', ['--profiling=true']),
    passing: staticPod('kube-scheduler', ['--profiling=false']),
  },
  ...boolFlag(['kube-scheduler'], 'profiling', false, true, '/debug/pprof is served'),
});
