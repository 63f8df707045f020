import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_CONTROLLER_MANAGER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './controller-manager-sa-credentials.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...KUBEADM_CONTROLLER_MANAGER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-controller-manager', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/all controllers share the controller manager's own credentials/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-controller-manager', OK) },
  ],
  invalid: [
    fails('--use-service-account-credentials unset', [...without(OK, 'use-service-account-credentials'), ], ['use-service-account-credentials']),
    fails('--use-service-account-credentials=false', [...without(OK, 'use-service-account-credentials'), '--use-service-account-credentials=false'], ['use-service-account-credentials']),
  ],
});
