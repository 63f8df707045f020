import { defineControl } from '../define.js';
import { flagsSet } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.24, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-tls-cert',
  aliases: ['C-0138'],
  title: 'API server has no serving certificate',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--tls-cert-file or --tls-private-key-file is missing.',
  rationale: 'Without a serving certificate from the cluster CA, clients cannot verify they talk to the real API server.',
  remediation: 'Start kube-apiserver with --tls-cert-file and --tls-private-key-file.',
  example: {
    failing: staticPod('kube-apiserver', []),
    passing: staticPod('kube-apiserver', ['--tls-cert-file=/etc/kubernetes/pki/x.crt', '--tls-private-key-file=/etc/kubernetes/pki/x.key']),
  },
  ...flagsSet(['kube-apiserver'], ['tls-cert-file', 'tls-private-key-file'], 'the API server serves with a self-signed certificate clients cannot verify'),
});
