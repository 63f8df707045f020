import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-audit-log-path.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/no audit log is written to a file/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    fails('--audit-log-path unset', [...without(OK, 'audit-log-path'), ], ['audit-log-path']),
  ],
});
