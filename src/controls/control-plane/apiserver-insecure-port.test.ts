import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_APISERVER } from '../../testing/control-plane-fixtures.js';
import control from './apiserver-insecure-port.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';

testControl(control, {
  valid: [
    staticPod('kube-apiserver', KUBEADM_APISERVER),
    { name: '--insecure-port=0', yaml: staticPod('kube-apiserver', ['--insecure-port=0']) },
  ],
  invalid: [
    { name: 'insecure port', yaml: staticPod('kube-apiserver', ['--insecure-port=8080']), paths: [`${CMD}[1]`], messages: [/--insecure-port=8080/] },
    { name: '--flag value form', yaml: staticPod('kube-apiserver', ['--insecure-port', '8080']), paths: [`${CMD}[2]`] },
    { name: 'insecure bind address', yaml: staticPod('kube-apiserver', ['--insecure-bind-address=0.0.0.0', '--insecure-port=0']), paths: [`${CMD}[1]`] },
  ],
});
