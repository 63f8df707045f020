import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-kubelet-client-cert.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/the API server cannot authenticate to the kubelets, which then must accept it unauthenticated/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    fails('--kubelet-client-certificate and --kubelet-client-key unset', [...without(OK, 'kubelet-client-certificate', 'kubelet-client-key'), ], ['kubelet-client-certificate', 'kubelet-client-key']),
    fails('--kubelet-client-key unset', [...without(OK, 'kubelet-client-key'), ], ['kubelet-client-key']),
  ],
});
