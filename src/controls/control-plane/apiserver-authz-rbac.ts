import { defineControl } from '../define.js';
import { authorizer } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.8, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-authz-rbac',
  aliases: ['C-0120'],
  title: 'API server does not run the RBAC authorizer',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--authorization-mode does not include RBAC (unset: AlwaysAllow only); with --authorization-config, no authorizer of type RBAC.',
  rationale: 'Without the RBAC authorizer, Roles and bindings are ignored: least privilege for users and service accounts is not enforced.',
  remediation: 'Start kube-apiserver with --authorization-mode=Node,RBAC.',
  example: {
    failing: staticPod('kube-apiserver', ['--authorization-mode=Node']),
    passing: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
  },
  ...authorizer('RBAC', 'on', 'Roles and RoleBindings are not enforced'),
});
