import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER, KUBEADM_APISERVER } from '../../testing/control-plane-fixtures.js';
import control from './external-authentication.js';
import { staticPod } from '../templates/static-pod-example.js';

testControl(control, {
  valid: [
    staticPod('kube-apiserver', HARDENED_APISERVER),
    { name: 'structured authentication config', yaml: staticPod('kube-apiserver', ['--authentication-config=/etc/kubernetes/authn.yaml']) },
    { name: 'webhook', yaml: staticPod('kube-apiserver', ['--authentication-token-webhook-config-file', '/etc/kubernetes/webhook.yaml']) },
  ],
  invalid: [
    { name: 'kubeadm default', yaml: staticPod('kube-apiserver', KUBEADM_APISERVER), paths: ['spec.containers[0].command'], lines: [12] },
  ],
});
