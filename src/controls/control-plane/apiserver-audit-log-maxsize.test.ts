import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-audit-log-maxsize.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/megabytes an audit log file grows to before rotation/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    fails('--audit-log-maxsize unset', [...without(OK, 'audit-log-maxsize'), ], ['audit-log-maxsize']),
    fails('--audit-log-maxsize=10', [...without(OK, 'audit-log-maxsize'), '--audit-log-maxsize=10'], ['audit-log-maxsize']),
  ],
});
