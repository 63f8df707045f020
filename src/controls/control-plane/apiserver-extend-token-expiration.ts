import { defineControl } from '../define.js';
import { boolFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.30, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-extend-token-expiration',
  aliases: [],
  title: 'API server extends service-account token lifetimes',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: '--service-account-extend-token-expiration is not false (it defaults to true).',
  rationale: 'The extension makes bound tokens valid for up to a year while old clients migrate: a stolen token lasts that long.',
  remediation: 'Start kube-apiserver with --service-account-extend-token-expiration=false once clients reload their tokens.',
  example: {
    failing: staticPod('kube-apiserver', ['--service-account-extend-token-expiration=true']),
    passing: staticPod('kube-apiserver', ['--service-account-extend-token-expiration=false']),
  },
  ...boolFlag(['kube-apiserver'], 'service-account-extend-token-expiration', false, true, 'projected tokens are valid for a year instead of their requested lifetime'),
});
