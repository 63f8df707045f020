import { defineControl } from '../define.js';
import { authorizer } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.7, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-authz-node',
  aliases: ['C-0119'],
  title: 'API server does not run the Node authorizer',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--authorization-mode does not include Node (unset: AlwaysAllow only); with --authorization-config, no authorizer of type Node.',
  rationale: 'The Node authorizer lets a kubelet read only the Secrets, ConfigMaps and volumes of the pods bound to its node; without it a compromised node reads the whole cluster\'s.',
  remediation: 'Start kube-apiserver with --authorization-mode=Node,RBAC.',
  example: {
    failing: staticPod('kube-apiserver', ['--authorization-mode=RBAC']),
    passing: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
  },
  ...authorizer('Node', 'on', 'kubelets are not limited to the objects of their own pods'),
});
