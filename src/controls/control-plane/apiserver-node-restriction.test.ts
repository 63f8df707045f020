import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-node-restriction.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/a kubelet may modify other nodes and their pods/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    fails('--enable-admission-plugins=PodSecurity', [...without(OK, 'enable-admission-plugins'), '--enable-admission-plugins=PodSecurity'], ['enable-admission-plugins']),
    fails('--disable-admission-plugins=NodeRestriction', [...without(OK, 'disable-admission-plugins'), '--disable-admission-plugins=NodeRestriction'], ['disable-admission-plugins']),
  ],
});
