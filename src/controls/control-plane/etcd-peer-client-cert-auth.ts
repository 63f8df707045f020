import { defineControl } from '../define.js';
import { boolFlag } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 2.5, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'etcd-peer-client-cert-auth',
  aliases: ['C-0157'],
  title: 'etcd does not authenticate its peers',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--peer-client-cert-auth is not true (it defaults to false).',
  rationale: 'Without peer client-certificate authentication, a rogue member can join and receive the whole data set.',
  remediation: 'Start etcd with --peer-client-cert-auth=true and --peer-trusted-ca-file.',
  example: {
    failing: staticPod('etcd', ['--peer-client-cert-auth=false']),
    passing: staticPod('etcd', ['--peer-client-cert-auth=true']),
  },
  ...boolFlag(['etcd'], 'peer-client-cert-auth', true, false, 'anyone who reaches the peer port can join the cluster'),
});
