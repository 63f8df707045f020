import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-authz-always-allow.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/every authenticated request is allowed/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    fails('--authorization-mode=AlwaysAllow', [...without(OK, 'authorization-mode'), '--authorization-mode=AlwaysAllow'], ['authorization-mode']),
    fails('--authorization-mode=RBAC,AlwaysAllow', [...without(OK, 'authorization-mode'), '--authorization-mode=RBAC,AlwaysAllow'], ['authorization-mode']),
  ],
});
