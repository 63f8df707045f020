import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-authz-rbac.js';
import { staticPod } from '../templates/static-pod-example.js';

const authz = (...types: string[]) => `apiVersion: apiserver.config.k8s.io/v1
kind: AuthorizationConfiguration
authorizers:
${types.map((t) => `- type: ${t}\n  name: ${t.toLowerCase()}`).join('\n')}
`;
const structured = (...types: string[]) => `${staticPod('kube-apiserver', ['--authorization-config=/etc/kubernetes/case.yaml'])}---\n${authz(...types)}`;
const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/Roles and RoleBindings are not enforced/],
});

testControl(control, {
  valid: [
    { name: 'structured authorization (--authorization-config)', yaml: structured('Node', 'RBAC'), noWorkloadVariants: true },
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    { name: 'structured authorization: lacks RBAC', yaml: structured('Node', 'Webhook'), noWorkloadVariants: true, paths: ['authorization.authorizers'], messages: [/AuthorizationConfiguration .* lacks RBAC/] },
    {
      name: 'structured authorization not in the input: cannot be confirmed', noWorkloadVariants: true,
      yaml: staticPod('kube-apiserver', ['--authorization-config=/etc/kubernetes/authz.yaml']), paths: ['spec.containers[0].command[1]'], messages: [/not in the input/],
    },
    fails('--authorization-mode=Node', [...without(OK, 'authorization-mode'), '--authorization-mode=Node'], ['authorization-mode']),
  ],
});
