import { defineControl } from '../define.js';
import { authorizer } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.6, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-authz-always-allow',
  aliases: ['C-0118'],
  title: 'API server authorizes every request (AlwaysAllow)',
  severity: 'critical',
  section: 'control-plane',
  failsWhen: '--authorization-mode includes AlwaysAllow, or is unset (the default is AlwaysAllow); with --authorization-config, an authorizer of type AlwaysAllow.',
  rationale: 'AlwaysAllow lets any authenticated request do anything, which makes RBAC meaningless.',
  remediation: 'Start kube-apiserver with --authorization-mode=Node,RBAC (without AlwaysAllow).',
  example: {
    failing: staticPod('kube-apiserver', ['--authorization-mode=AlwaysAllow']),
    passing: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
  },
  ...authorizer('AlwaysAllow', 'off', 'every authenticated request is allowed'),
});
