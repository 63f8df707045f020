import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_ETCD } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './etcd-auto-tls.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...KUBEADM_ETCD];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('etcd', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/etcd serves clients with a self-signed certificate/],
});

testControl(control, {
  valid: [
    { name: 'passing', yaml: staticPod('etcd', OK) },
    { name: 'unset: the default (false) is what the benchmark asks', yaml: staticPod('etcd', without(OK, 'auto-tls')) },
  ],
  invalid: [
    fails('--auto-tls=true', [...without(OK, 'auto-tls'), '--auto-tls=true'], ['auto-tls']),
    fails('--auto-tls', [...without(OK, 'auto-tls'), '--auto-tls'], ['auto-tls']),
  ],
  skipped: [
    { name: 'rke2\'s etcd takes its settings from --config-file, which a manifest does not hold (its flags are ignored)',
      reason: /an etcd started with --config-file \(rke2\) takes its settings from that file.*scan the node with --node/,
      yaml: staticPod('etcd', ['--config-file=/var/lib/rancher/rke2/server/db/etcd/config', '--auto-tls=true', '--client-cert-auth=false']) },
  ],
});
