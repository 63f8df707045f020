import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER } from '../../testing/control-plane-fixtures.js';
import { flagAt, without } from '../../testing/flag-cases.js';
import control from './apiserver-etcd-ca.js';
import { staticPod } from '../templates/static-pod-example.js';

const OK = [...HARDENED_APISERVER];
const fails = (name: string, flags: string[], at: string[]) => ({
  name, yaml: staticPod('kube-apiserver', flags), paths: at.map((f) => flagAt(flags, f)), messages: [/etcd's serving certificate is not verified/],
});

testControl(control, {
  valid: [
    { name: 'k3s: etcd over kine\'s local socket needs no certificates', yaml: staticPod('kube-apiserver', [...without(OK, 'etcd-servers', 'etcd-cafile', 'etcd-certfile', 'etcd-keyfile'), '--etcd-servers=unix://kine.sock']) },
    { name: 'passing', yaml: staticPod('kube-apiserver', OK) },
  ],
  invalid: [
    fails('a TCP server beside the socket', [...without(OK, 'etcd-servers', 'etcd-cafile', 'etcd-certfile', 'etcd-keyfile'), '--etcd-servers=unix://kine.sock,https://10.0.0.5:2379'], ['etcd-cafile']),
    fails('--etcd-cafile unset', [...without(OK, 'etcd-cafile'), ], ['etcd-cafile']),
  ],
});
