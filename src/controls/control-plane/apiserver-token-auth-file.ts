import { defineControl } from '../define.js';
import { flagUnset } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.2, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-token-auth-file',
  aliases: ['C-0114'],
  title: 'API server accepts static tokens',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--token-auth-file is set.',
  rationale: 'A static token file holds bearer tokens in clear text on the control-plane node; they last until the file is edited and the API server restarted, and cannot be revoked one by one.',
  remediation: 'Remove --token-auth-file from kube-apiserver; authenticate users with client certificates, OIDC or a webhook.',
  example: {
    failing: staticPod('kube-apiserver', ['--token-auth-file=/etc/kubernetes/tokens.csv']),
    passing: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
  },
  ...flagUnset(['kube-apiserver'], 'token-auth-file', 'tokens in a file never expire and change only when the API server restarts'),
});
