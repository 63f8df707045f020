import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_APISERVER } from '../../testing/control-plane-fixtures.js';
import control from './apiserver-etcd-tls.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';

testControl(control, {
  valid: [
    staticPod('kube-apiserver', KUBEADM_APISERVER),
    { name: 'k3s kine over a local socket', yaml: staticPod('kube-apiserver', ['--etcd-servers=unix://kine.sock']) },
  ],
  invalid: [
    { name: 'http etcd and no client certificate', yaml: staticPod('kube-apiserver', ['--etcd-servers=https://10.0.0.2:2379,http://10.0.0.3:2379']),
      paths: [`${CMD}[1]`, CMD, CMD, CMD], messages: [/http:\/\/10\.0\.0\.3:2379 is plain HTTP/, /--etcd-cafile is not set/] },
    { name: 'credentials in an etcd URL are never shown', yaml: staticPod('kube-apiserver', ['--etcd-servers=http://root:hunter2@10.0.0.3:2379', '--etcd-cafile=/a', '--etcd-certfile=/b', '--etcd-keyfile=/c']),
      paths: [`${CMD}[1]`], messages: [/^(?!.*hunter2).*http:\/\/\*\*\*@10\.0\.0\.3/] },
  ],
});
