import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-authz-always-allow.js';
import { staticPod } from '../templates/static-pod-example.js';

const authz = (...types: string[]) => `apiVersion: apiserver.config.k8s.io/v1
kind: AuthorizationConfiguration
authorizers:
${types.map((t) => `- type: ${t}\n  name: ${t.toLowerCase()}`).join('\n')}
`;
const structured = (...types: string[]) => `${staticPod('kube-apiserver', ['--authorization-config=/etc/kubernetes/case.yaml'])}---\n${authz(...types)}`;
const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/every authenticated request is allowed/],
});

testControl(control, {
  valid: [
    { name: 'structured authorization (--authorization-config)', yaml: structured('Node', 'RBAC', 'Webhook'), noWorkloadVariants: true },
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    { name: 'structured authorization: includes AlwaysAllow', yaml: structured('Node', 'RBAC', 'AlwaysAllow'), noWorkloadVariants: true, paths: ['authorization.authorizers[2].type'], messages: [/AuthorizationConfiguration .* includes AlwaysAllow/] },
    {
      name: 'structured authorization not in the input: cannot be confirmed', noWorkloadVariants: true,
      yaml: staticPod('kube-apiserver', ['--authorization-config=/etc/kubernetes/authz.yaml']), paths: ['spec.containers[0].command[1]'], messages: [/not in the input/],
    },
    fails('--authorization-mode=AlwaysAllow', [...without(OK, 'authorization-mode'), '--authorization-mode=AlwaysAllow'], ['authorization-mode']),
    fails('--authorization-mode=RBAC,AlwaysAllow', [...without(OK, 'authorization-mode'), '--authorization-mode=RBAC,AlwaysAllow'], ['authorization-mode']),
  ],
});
