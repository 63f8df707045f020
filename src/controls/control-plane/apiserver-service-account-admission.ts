import { defineControl } from '../define.js';
import { admissionPlugin } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.12, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-service-account-admission',
  aliases: ['C-0125'],
  title: 'API server\'s ServiceAccount admission plugin is off',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: 'ServiceAccount is in --disable-admission-plugins, or missing from a --admission-control list (it is on by default).',
  rationale: 'The ServiceAccount plugin sets each pod\'s ServiceAccount, refuses pods naming one that does not exist and mounts its token the way the account asks.',
  remediation: 'Remove ServiceAccount from --disable-admission-plugins.',
  example: {
    failing: staticPod('kube-apiserver', ['--disable-admission-plugins=ServiceAccount']),
    passing: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
  },
  ...admissionPlugin('ServiceAccount', 'on', 'pods are not checked against their ServiceAccount and its token automounting'),
});
