import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_ETCD } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './etcd-peer-client-cert-auth.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...KUBEADM_ETCD];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('etcd', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/anyone who reaches the peer port can join the cluster/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('etcd', OK) },
  ],
  invalid: [
    fails('--peer-client-cert-auth unset', [...without(OK, 'peer-client-cert-auth'), ], ['peer-client-cert-auth']),
    fails('--peer-client-cert-auth=false', [...without(OK, 'peer-client-cert-auth'), '--peer-client-cert-auth=false'], ['peer-client-cert-auth']),
  ],
  skipped: [
    { name: 'rke2\'s etcd takes its settings from --config-file, which a manifest does not hold (its flags are ignored)',
      reason: /an etcd started with --config-file \(rke2\) takes its settings from that file.*scan the node with --node/,
      yaml: staticPod('etcd', ['--config-file=/var/lib/rancher/rke2/server/db/etcd/config', '--auto-tls=true', '--client-cert-auth=false']) },
  ],
});
