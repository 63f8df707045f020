import { defineControl } from '../define.js';
import { boolFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 2.2, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'etcd-client-cert-auth',
  aliases: ['C-0154'],
  title: 'etcd does not authenticate clients',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--client-cert-auth is not true (it defaults to false).',
  rationale: 'Without client-certificate authentication, anyone who reaches etcd\'s port reads every Secret and writes any object.',
  remediation: 'Start etcd with --client-cert-auth=true and --trusted-ca-file.',
  example: {
    failing: staticPod('etcd', ['--client-cert-auth=false']),
    passing: staticPod('etcd', ['--client-cert-auth=true']),
  },
  ...boolFlag(['etcd'], 'client-cert-auth', true, false, 'any client that reaches etcd reads and writes the whole cluster'),
});
