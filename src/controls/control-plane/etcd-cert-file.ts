import { defineControl } from '../define.js';
import { flagsSet } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 2.1, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'etcd-cert-file',
  aliases: ['C-0153'],
  title: 'etcd serves clients without TLS',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--cert-file or --key-file is missing (in a --config-file: client-transport-security.cert-file/key-file).',
  rationale: 'etcd holds every object of the cluster, Secrets included; its client traffic must be encrypted.',
  remediation: 'Start etcd with --cert-file and --key-file.',
  example: {
    failing: staticPod('etcd', []),
    passing: staticPod('etcd', ['--cert-file=/etc/kubernetes/pki/x.crt', '--key-file=/etc/kubernetes/pki/x.key']),
  },
  ...flagsSet(['etcd'], ['cert-file', 'key-file'], 'clients reach etcd in clear text'),
});
