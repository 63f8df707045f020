import { defineControl } from '../define.js';
import { boolFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.3.3, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'controller-manager-sa-credentials',
  aliases: ['C-0146'],
  title: 'Controllers share the controller manager\'s credentials',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: '--use-service-account-credentials is not true (it defaults to false).',
  rationale: 'With a service account per controller, a compromised controller holds only its own permissions, not all of them.',
  remediation: 'Start kube-controller-manager with --use-service-account-credentials=true.',
  example: {
    failing: staticPod('kube-controller-manager', ['--use-service-account-credentials=false']),
    passing: staticPod('kube-controller-manager', ['--use-service-account-credentials=true']),
  },
  ...boolFlag(['kube-controller-manager'], 'use-service-account-credentials', true, false, 'all controllers share the controller manager\'s own credentials'),
});
