import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER, KUBEADM_APISERVER } from '../../testing/control-plane-fixtures.js';
import control from './apiserver-tls.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';

testControl(control, {
  valid: [staticPod('kube-apiserver', HARDENED_APISERVER)],
  invalid: [
    { name: 'kubeadm default lacks --kubelet-certificate-authority', yaml: staticPod('kube-apiserver', KUBEADM_APISERVER), paths: [CMD],
      messages: [/--kubelet-certificate-authority is not set/] },
    { name: 'secure port 0', yaml: staticPod('kube-apiserver', [...HARDENED_APISERVER, '--secure-port=0']), paths: [`${CMD}[${HARDENED_APISERVER.length + 1}]`] },
    { name: 'empty value counts as missing', yaml: staticPod('kube-apiserver', [...HARDENED_APISERVER, '--client-ca-file=']), paths: [`${CMD}[${HARDENED_APISERVER.length + 1}]`] },
  ],
});
