import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_CONTROLLER_MANAGER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './controller-manager-profiling.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...without(KUBEADM_CONTROLLER_MANAGER, 'profiling'), '--profiling=false'];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-controller-manager', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/\/debug\/pprof is served/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-controller-manager', OK) },
  ],
  invalid: [
    fails('--profiling unset', [...without(OK, 'profiling'), ], ['profiling']),
    fails('--profiling=true', [...without(OK, 'profiling'), '--profiling=true'], ['profiling']),
  ],
});
