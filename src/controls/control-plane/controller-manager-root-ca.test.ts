import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_CONTROLLER_MANAGER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './controller-manager-root-ca.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...KUBEADM_CONTROLLER_MANAGER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-controller-manager', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/pods do not get the cluster CA to verify the API server/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-controller-manager', OK) },
  ],
  invalid: [
    fails('--root-ca-file unset', [...without(OK, 'root-ca-file'), ], ['root-ca-file']),
  ],
});
