import { defineControl } from '../define.js';
import { boolFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.15, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-profiling-on',
  aliases: ['C-0129'],
  title: 'API server profiling is on',
  severity: 'low',
  section: 'control-plane',
  failsWhen: '--profiling is not false (it defaults to true).',
  rationale: 'The profiling endpoints reveal the program\'s internals and can be used to load it; production does not need them.',
  remediation: 'Start kube-apiserver with --profiling=false.',
  example: {
    failing: staticPod('kube-apiserver', ['--profiling=true']),
    passing: staticPod('kube-apiserver', ['--profiling=false']),
  },
  ...boolFlag(['kube-apiserver'], 'profiling', false, true, '/debug/pprof is served'),
});
