import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-audit-log-maxage.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/days audit log files are kept/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    fails('--audit-log-maxage unset', [...without(OK, 'audit-log-maxage'), ], ['audit-log-maxage']),
    fails('--audit-log-maxage=7', [...without(OK, 'audit-log-maxage'), '--audit-log-maxage=7'], ['audit-log-maxage']),
  ],
});
