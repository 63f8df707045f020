import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_APISERVER } from '../../testing/control-plane-fixtures.js';
import control from './apiserver-static-credentials.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';

testControl(control, {
  valid: [staticPod('kube-apiserver', KUBEADM_APISERVER)],
  invalid: [
    { name: 'token file', yaml: staticPod('kube-apiserver', ['--token-auth-file=/etc/kubernetes/tokens.csv']), paths: [`${CMD}[1]`], messages: [/tokens\.csv/] },
    { name: 'both', yaml: staticPod('kube-apiserver', ['--basic-auth-file', '/etc/k/users.csv', '--token-auth-file=/t.csv']), paths: [`${CMD}[2]`, `${CMD}[3]`] },
  ],
});
