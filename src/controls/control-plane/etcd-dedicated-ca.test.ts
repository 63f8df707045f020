import { testControl } from '../../testing/control-tester.js';
import { INSECURE_ETCD, KUBEADM_APISERVER, KUBEADM_ETCD } from '../../testing/control-plane-fixtures.js';
import control from './etcd-dedicated-ca.js';
import { staticPod } from '../templates/static-pod-example.js';

const API = staticPod('kube-apiserver', KUBEADM_APISERVER);

testControl(control, {
  valid: [`${API}---\n${staticPod('etcd', KUBEADM_ETCD)}`],
  invalid: [
    { name: 'etcd trusts the cluster CA', yaml: `${API}---\n${staticPod('etcd', INSECURE_ETCD)}`,
      paths: [`spec.containers[0].command[${INSECURE_ETCD.findIndex((f) => f.startsWith('--trusted-ca-file')) + 1}]`], messages: [/is the API server's --client-ca-file/] },
    { name: 'same file written differently', yaml: `${API}---\n${staticPod('etcd', ['--trusted-ca-file', '/etc/kubernetes//pki/ca.crt'])}`, paths: ['spec.containers[0].command[2]'] },
  ],
  skipped: [
    { name: 'etcd alone', yaml: staticPod('etcd', KUBEADM_ETCD), reason: /both are needed/ },
    { name: 'etcd with its settings in a --config-file the input does not hold', reason: /started with --config-file/,
      yaml: `${API}---\n${staticPod('etcd', ['--config-file=/var/lib/rancher/rke2/server/db/etcd/config', '--trusted-ca-file=/etc/kubernetes/pki/ca.crt'])}` },
  ],
});
