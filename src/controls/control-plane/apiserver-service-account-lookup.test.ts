import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-service-account-lookup.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/tokens of deleted service accounts stay valid/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
    { name: 'unset: the default (true) is what the benchmark asks', yaml: staticPod('kube-apiserver', without(OK, 'service-account-lookup')) },
  ],
  invalid: [
    fails('--service-account-lookup=false', [...without(OK, 'service-account-lookup'), '--service-account-lookup=false'], ['service-account-lookup']),
  ],
});
