import { defineControl } from '../define.js';
import { admissionPlugin } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.14, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-node-restriction',
  aliases: ['C-0127'],
  title: 'API server\'s NodeRestriction admission plugin is off',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: 'NodeRestriction is not in --enable-admission-plugins (it is off by default).',
  rationale: 'NodeRestriction limits each kubelet to its own Node object and the pods bound to it; without it a compromised node can relabel other nodes and attract workloads.',
  remediation: 'Add NodeRestriction to --enable-admission-plugins.',
  example: {
    failing: staticPod('kube-apiserver', ['--enable-admission-plugins=PodSecurity']),
    passing: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
  },
  ...admissionPlugin('NodeRestriction', 'on', 'a kubelet may modify other nodes and their pods'),
});
