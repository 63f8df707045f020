import { defineControl } from '../define.js';
import { loopbackFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.3.7, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'controller-manager-bind-address',
  aliases: ['C-0150'],
  title: 'Controller manager listens on every interface',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: '--bind-address is unset (it defaults to 0.0.0.0) or is not a loopback address.',
  rationale: 'The controller manager\'s secure port serves health and metrics; nothing off the node needs it.',
  remediation: 'Start kube-controller-manager with --bind-address=127.0.0.1.',
  example: {
    failing: staticPod('kube-controller-manager', ['--bind-address=0.0.0.0']),
    passing: staticPod('kube-controller-manager', ['--bind-address=127.0.0.1']),
  },
  ...loopbackFlag(['kube-controller-manager'], 'bind-address', 'its health and metrics port is reachable from the network'),
});
