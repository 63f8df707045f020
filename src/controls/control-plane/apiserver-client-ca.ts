import { defineControl } from '../define.js';
import { flagsSet } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.25, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-client-ca',
  aliases: ['C-0139'],
  title: 'API server has no client CA',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--client-ca-file is missing.',
  rationale: 'The client CA verifies the certificates kubelets and components authenticate with; without it they fall back to weaker credentials.',
  remediation: 'Start kube-apiserver with --client-ca-file.',
  example: {
    failing: staticPod('kube-apiserver', []),
    passing: staticPod('kube-apiserver', ['--client-ca-file=/etc/kubernetes/pki/x.crt']),
  },
  ...flagsSet(['kube-apiserver'], ['client-ca-file'], 'client certificates are not verified, so none can be used to authenticate'),
});
