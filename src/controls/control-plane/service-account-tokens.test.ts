import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER, KUBEADM_APISERVER } from '../../testing/control-plane-fixtures.js';
import control from './service-account-tokens.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';

testControl(control, {
  valid: [staticPod('kube-apiserver', HARDENED_APISERVER)],
  invalid: [
    { name: 'kubeadm default extends token expiration', yaml: staticPod('kube-apiserver', KUBEADM_APISERVER), paths: [CMD],
      messages: [/--service-account-extend-token-expiration is unset \(default true\)/] },
    { name: 'lookup off, no key file', yaml: staticPod('kube-apiserver', ['--service-account-lookup=false', '--service-account-extend-token-expiration=false']),
      paths: [`${CMD}[1]`, CMD], messages: [/--service-account-lookup=false/, /--service-account-key-file is not set/] },
    { name: 'a boolean that is not a Go boolean', yaml: staticPod('kube-apiserver', ['--service-account-key-file=/sa.pub', '--service-account-extend-token-expiration=no']),
      paths: [`${CMD}[2]`], messages: [/is not a boolean/] },
  ],
});
