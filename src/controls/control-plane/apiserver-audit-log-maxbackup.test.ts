import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-audit-log-maxbackup.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/rotated audit log files kept/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    fails('--audit-log-maxbackup unset', [...without(OK, 'audit-log-maxbackup'), ], ['audit-log-maxbackup']),
    fails('--audit-log-maxbackup=3', [...without(OK, 'audit-log-maxbackup'), '--audit-log-maxbackup=3'], ['audit-log-maxbackup']),
  ],
});
