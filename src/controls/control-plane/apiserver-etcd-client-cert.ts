import { defineControl } from '../define.js';
import { etcdClientFlagsSet } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.23, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-etcd-client-cert',
  aliases: ['C-0137'],
  title: 'API server has no client certificate for etcd',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--etcd-certfile or --etcd-keyfile is missing, unless every --etcd-servers URL is a local unix:// socket (k3s\' kine).',
  rationale: 'etcd holds every object of the cluster, Secrets included; it must accept only clients with certificates, the API server first.',
  remediation: 'Start kube-apiserver with --etcd-certfile and --etcd-keyfile (kubeadm: apiserver-etcd-client.crt/.key).',
  example: {
    failing: staticPod('kube-apiserver', []),
    passing: staticPod('kube-apiserver', ['--etcd-certfile=/etc/kubernetes/pki/x.crt', '--etcd-keyfile=/etc/kubernetes/pki/x.key']),
  },
  ...etcdClientFlagsSet(['etcd-certfile', 'etcd-keyfile'], 'the API server cannot authenticate to etcd with a certificate'),
});
