import { defineControl } from '../define.js';
import { boolFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.21, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-service-account-lookup',
  aliases: ['C-0135'],
  title: 'API server does not check that service-account tokens still exist',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: '--service-account-lookup=false (it defaults to true).',
  rationale: 'Without the lookup, a token stays valid after its ServiceAccount or Secret is deleted, until it expires.',
  remediation: 'Remove --service-account-lookup=false (or set it to true).',
  example: {
    failing: staticPod('kube-apiserver', ['--service-account-lookup=false']),
    passing: staticPod('kube-apiserver', ['--service-account-lookup=true']),
  },
  ...boolFlag(['kube-apiserver'], 'service-account-lookup', true, true, 'tokens of deleted service accounts stay valid'),
});
