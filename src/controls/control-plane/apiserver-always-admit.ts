import { defineControl } from '../define.js';
import { admissionPlugin } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.2.10, as kube-bench's cfg/cis-1.10 tests it.
export default defineControl({
  id: 'apiserver-always-admit',
  aliases: ['C-0122'],
  title: 'API server admits every request (AlwaysAdmit)',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: '--enable-admission-plugins (or the deprecated --admission-control) includes AlwaysAdmit.',
  rationale: 'The AlwaysAdmit plugin admits every request, whatever the other plugins say.',
  remediation: 'Remove AlwaysAdmit from --enable-admission-plugins.',
  example: {
    failing: staticPod('kube-apiserver', ['--enable-admission-plugins=AlwaysAdmit']),
    passing: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
  },
  ...admissionPlugin('AlwaysAdmit', 'off', 'admission control is bypassed'),
});
