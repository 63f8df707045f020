import { defineControl } from '../define.js';
import { boolFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 2.3, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'etcd-auto-tls',
  aliases: ['C-0155'],
  title: 'etcd uses self-signed client certificates (auto-tls)',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--auto-tls is true.',
  rationale: 'With auto-tls etcd generates a self-signed certificate clients cannot verify, and does not authenticate them.',
  remediation: 'Remove --auto-tls (or set it to false) and give etcd --cert-file and --key-file.',
  example: {
    failing: staticPod('etcd', ['--auto-tls=true']),
    passing: staticPod('etcd', ['--auto-tls=false']),
  },
  ...boolFlag(['etcd'], 'auto-tls', false, false, 'etcd serves clients with a self-signed certificate'),
});
