import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-extend-token-expiration.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/projected tokens are valid for a year instead of their requested lifetime/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    fails('--service-account-extend-token-expiration unset', [...without(OK, 'service-account-extend-token-expiration'), ], ['service-account-extend-token-expiration']),
    fails('--service-account-extend-token-expiration=true', [...without(OK, 'service-account-extend-token-expiration'), '--service-account-extend-token-expiration=true'], ['service-account-extend-token-expiration']),
  ],
});
