import { defineControl } from '../define.js';
import { flagsSet } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.3.5, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'controller-manager-root-ca',
  aliases: ['C-0148'],
  title: 'Controller manager gives pods no root CA',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: '--root-ca-file is missing.',
  rationale: 'The root CA is published to every namespace (kube-root-ca.crt) so pods can verify the API server they talk to.',
  remediation: 'Start kube-controller-manager with --root-ca-file.',
  example: {
    failing: staticPod('kube-controller-manager', []),
    passing: staticPod('kube-controller-manager', ['--root-ca-file=/etc/kubernetes/pki/x.crt']),
  },
  ...flagsSet(['kube-controller-manager'], ['root-ca-file'], 'pods do not get the cluster CA to verify the API server'),
});
