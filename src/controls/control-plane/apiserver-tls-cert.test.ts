import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-tls-cert.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/the API server serves with a self-signed certificate clients cannot verify/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    fails('--tls-cert-file and --tls-private-key-file unset', [...without(OK, 'tls-cert-file', 'tls-private-key-file'), ], ['tls-cert-file', 'tls-private-key-file']),
    fails('--tls-private-key-file unset', [...without(OK, 'tls-private-key-file'), ], ['tls-private-key-file']),
  ],
});
