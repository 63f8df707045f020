import { defineControl } from '../define.js';
import { etcdClientFlagsSet } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.26, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-etcd-ca',
  aliases: ['C-0140'],
  title: 'API server does not verify etcd\'s certificate',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--etcd-cafile is missing, unless every --etcd-servers URL is a local unix:// socket (k3s\' kine).',
  rationale: 'Without etcd\'s CA the API server cannot verify it talks to the real etcd, which holds every Secret.',
  remediation: 'Start kube-apiserver with --etcd-cafile.',
  example: {
    failing: staticPod('kube-apiserver', []),
    passing: staticPod('kube-apiserver', ['--etcd-cafile=/etc/kubernetes/pki/x.crt']),
  },
  ...etcdClientFlagsSet(['etcd-cafile'], 'etcd\'s serving certificate is not verified'),
});
