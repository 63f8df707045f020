import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_CONTROLLER_MANAGER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './controller-manager-sa-private-key.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...KUBEADM_CONTROLLER_MANAGER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-controller-manager', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/service-account tokens cannot be signed with a dedicated key/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-controller-manager', OK) },
  ],
  invalid: [
    fails('--service-account-private-key-file unset', [...without(OK, 'service-account-private-key-file'), ], ['service-account-private-key-file']),
  ],
});
