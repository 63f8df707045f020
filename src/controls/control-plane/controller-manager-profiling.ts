import { defineControl } from '../define.js';
import { boolFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.3.2, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'controller-manager-profiling',
  aliases: ['C-0145'],
  title: 'Controller manager profiling is on',
  severity: 'low',
  section: 'control-plane',
  failsWhen: '--profiling is not false (it defaults to true).',
  rationale: 'The profiling endpoints reveal the program\'s internals and can be used to load it; production does not need them.',
  remediation: 'Start kube-controller-manager with --profiling=false.',
  example: {
    failing: staticPod('kube-controller-manager', ['--profiling=true']),
    passing: staticPod('kube-controller-manager', ['--profiling=false']),
  },
  ...boolFlag(['kube-controller-manager'], 'profiling', false, true, '/debug/pprof is served'),
});
