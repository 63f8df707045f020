import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-always-admit.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/admission control is bypassed/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    fails('--enable-admission-plugins=AlwaysAdmit', [...without(OK, 'enable-admission-plugins'), '--enable-admission-plugins=AlwaysAdmit'], ['enable-admission-plugins']),
  ],
});
