import { defineControl } from '../define.js';
import { flagsSet } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 2.4, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'etcd-peer-cert-file',
  aliases: ['C-0156'],
  title: 'etcd talks to its peers without TLS',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--peer-cert-file or --peer-key-file is missing.',
  rationale: 'etcd members replicate every object between them; that traffic must be encrypted and authenticated.',
  remediation: 'Start etcd with --peer-cert-file and --peer-key-file.',
  example: {
    failing: staticPod('etcd', []),
    passing: staticPod('etcd', ['--peer-cert-file=/etc/kubernetes/pki/x.crt', '--peer-key-file=/etc/kubernetes/pki/x.key']),
  },
  ...flagsSet(['etcd'], ['peer-cert-file', 'peer-key-file'], 'peers replicate the cluster\'s data in clear text'),
});
