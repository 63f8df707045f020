import { defineControl } from '../define.js';
import { boolFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 2.6, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'etcd-peer-auto-tls',
  aliases: ['C-0158'],
  title: 'etcd uses self-signed peer certificates (peer-auto-tls)',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--peer-auto-tls is true.',
  rationale: 'With peer-auto-tls members use self-signed certificates and do not authenticate each other.',
  remediation: 'Remove --peer-auto-tls (or set it to false) and give etcd --peer-cert-file and --peer-key-file.',
  example: {
    failing: staticPod('etcd', ['--peer-auto-tls=true']),
    passing: staticPod('etcd', ['--peer-auto-tls=false']),
  },
  ...boolFlag(['etcd'], 'peer-auto-tls', false, false, 'peers use self-signed certificates'),
});
