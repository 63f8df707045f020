import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-namespace-lifecycle.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/objects can be created in namespaces that do not exist or are being deleted/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    fails('the deprecated --admission-control replaces the defaults', [...without(OK, 'enable-admission-plugins'), '--admission-control=NodeRestriction'], ['admission-control']),
    fails('--disable-admission-plugins=NamespaceLifecycle', [...without(OK, 'disable-admission-plugins'), '--disable-admission-plugins=NamespaceLifecycle'], ['disable-admission-plugins']),
  ],
});
