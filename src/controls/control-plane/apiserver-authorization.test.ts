import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_APISERVER } from '../../testing/control-plane-fixtures.js';
import control from './apiserver-authorization.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';
const AUTHZ = `apiVersion: apiserver.config.k8s.io/v1
kind: AuthorizationConfiguration
authorizers:
- type: Node
  name: node
- type: Webhook
  name: opa
`;

testControl(control, {
  valid: [
    staticPod('kube-apiserver', KUBEADM_APISERVER),
    { name: 'webhook after Node,RBAC', yaml: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC,Webhook']) },
    { name: 'slice flag repeated: pflag appends', yaml: staticPod('kube-apiserver', ['--authorization-mode=Node', '--authorization-mode=RBAC']) },
  ],
  invalid: [
    { name: 'unset: AlwaysAllow', yaml: staticPod('kube-apiserver', ['--secure-port=6443']), paths: [CMD], messages: [/default is AlwaysAllow/] },
    { name: 'AlwaysAllow', yaml: staticPod('kube-apiserver', ['--authorization-mode=AlwaysAllow']), paths: [`${CMD}[1]`, `${CMD}[1]`, `${CMD}[1]`], messages: [/includes AlwaysAllow/, /lacks RBAC/, /lacks Node/] },
    { name: 'RBAC only', yaml: staticPod('kube-apiserver', ['--authorization-mode=RBAC']), paths: [`${CMD}[1]`], messages: [/lacks Node/] },
    { name: 'AlwaysAllow in a second occurrence', yaml: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC', '--authorization-mode=AlwaysAllow']), paths: [`${CMD}[2]`] },
    {
      name: 'structured authorization config in the input, without RBAC', noWorkloadVariants: true,
      yaml: `${staticPod('kube-apiserver', ['--authorization-config=/etc/kubernetes/case.yaml'])}---\n${AUTHZ}`,
      paths: ['authorization.authorizers'], messages: [/AuthorizationConfiguration .* lacks RBAC/],
    },
    {
      name: 'structured authorization config not in the input', noWorkloadVariants: true,
      yaml: staticPod('kube-apiserver', ['--authorization-config=/etc/kubernetes/authz.yaml']),
      paths: [`${CMD}[1]`], messages: [/not in the input/],
    },
  ],
});
