import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_CONTROLLER_MANAGER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './controller-manager-bind-address.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...KUBEADM_CONTROLLER_MANAGER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-controller-manager', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/its health and metrics port is reachable from the network/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-controller-manager', OK) },
  ],
  invalid: [
    fails('--bind-address unset', [...without(OK, 'bind-address'), ], ['bind-address']),
    fails('--bind-address=0.0.0.0', [...without(OK, 'bind-address'), '--bind-address=0.0.0.0'], ['bind-address']),
  ],
});
