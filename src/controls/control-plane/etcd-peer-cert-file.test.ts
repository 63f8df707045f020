import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_ETCD } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './etcd-peer-cert-file.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...KUBEADM_ETCD];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('etcd', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/peers replicate the cluster's data in clear text/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('etcd', OK) },
  ],
  invalid: [
    fails('--peer-cert-file and --peer-key-file unset', [...without(OK, 'peer-cert-file', 'peer-key-file'), ], ['peer-cert-file', 'peer-key-file']),
    fails('--peer-key-file unset', [...without(OK, 'peer-key-file'), ], ['peer-key-file']),
  ],
  skipped: [
    { name: 'rke2\'s etcd takes its settings from --config-file, which a manifest does not hold (its flags are ignored)',
      reason: /an etcd started with --config-file \(rke2\) takes its settings from that file.*scan the node with --node/,
      yaml: staticPod('etcd', ['--config-file=/var/lib/rancher/rke2/server/db/etcd/config', '--auto-tls=true', '--client-cert-auth=false']) },
  ],
});
