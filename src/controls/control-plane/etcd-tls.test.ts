import { testControl } from '../../testing/control-tester.js';
import { INSECURE_ETCD, KUBEADM_ETCD } from '../../testing/control-plane-fixtures.js';
import control from './etcd-tls.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';
const at = (flag: string) => `${CMD}[${INSECURE_ETCD.findIndex((f) => f.startsWith(flag)) + 1}]`;

testControl(control, {
  valid: [
    staticPod('etcd', KUBEADM_ETCD),
    { name: 'Go flag syntax with one dash', yaml: staticPod('etcd', KUBEADM_ETCD.map((f) => f.slice(1))) },
  ],
  invalid: [
    { name: 'insecure etcd', yaml: staticPod('etcd', INSECURE_ETCD),
      paths: [CMD, CMD, at('--client-cert-auth'), CMD, at('--auto-tls'), at('--peer-auto-tls'), at('--listen-client-urls')],
      messages: [/--peer-cert-file is not set/, /--client-cert-auth=false/, /--peer-client-cert-auth is unset \(default false\)/, /--auto-tls=true/, /--peer-auto-tls: self-signed/, /http:\/\/0\.0\.0\.0:2379 serves plain HTTP/] },
  ],
  skipped: [
    { name: 'an application\'s etcd is not the cluster\'s', reason: /no etcd in the input/,
      yaml: staticPod('etcd', ['--listen-client-urls=http://0.0.0.0:2379']).replace('namespace: kube-system', 'namespace: shop').replace('labels: {component: etcd, tier: control-plane}', 'labels: {app: etcd}') },
    { name: 'rke2\'s etcd takes its settings from --config-file, which a manifest does not hold (its flags are ignored)',
      reason: /an etcd started with --config-file \(rke2\) takes its settings from that file.*scan the node with --node/,
      yaml: staticPod('etcd', ['--config-file=/var/lib/rancher/rke2/server/db/etcd/config', '--client-cert-auth=false']) },
  ],
});
