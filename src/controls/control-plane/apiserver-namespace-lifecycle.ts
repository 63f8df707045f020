import { defineControl } from '../define.js';
import { admissionPlugin } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.13, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-namespace-lifecycle',
  aliases: ['C-0126'],
  title: 'API server\'s NamespaceLifecycle admission plugin is off',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: 'NamespaceLifecycle is in --disable-admission-plugins, or missing from a --admission-control list (it is on by default).',
  rationale: 'NamespaceLifecycle refuses objects in namespaces being terminated or not existing, and protects the system namespaces from deletion.',
  remediation: 'Remove NamespaceLifecycle from --disable-admission-plugins.',
  example: {
    failing: staticPod('kube-apiserver', ['--disable-admission-plugins=NamespaceLifecycle']),
    passing: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
  },
  ...admissionPlugin('NamespaceLifecycle', 'on', 'objects can be created in namespaces that do not exist or are being deleted'),
});
