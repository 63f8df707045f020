import { defineControl } from '../define.js';
import { failSetting, kubeletControl } from '../templates/kubelet-control.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';

// CIS Kubernetes Benchmark v1.10.0 4.2.10 ("--rotate-certificates is not set to false"). Judged on the
// effective value: rotateCertificates defaults to false as a flag and in the config file (kubelet's
// options, KubeletConfiguration v1beta1), so an unset value leaves rotation off and fails here,
// where kube-bench's test passes an unset one.
export default defineControl({
  id: 'kubelet-rotate-certificates',
  aliases: ['C-0182'],
  title: 'Kubelet does not rotate its client certificate',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: 'rotateCertificates is not true (--rotate-certificates; the default is false, so unset fails too).',
  rationale:
    'A kubelet that does not rotate its client certificate keeps one credential until it expires or someone replaces '
    + 'it by hand: a stolen certificate stays good, and an expired one takes the node down.',
  remediation: 'Set rotateCertificates: true in the KubeletConfiguration (or --rotate-certificates=true).',
  example: {
    failing: kubeletConfig('rotateCertificates: false\n'),
    passing: kubeletConfig('rotateCertificates: true\n'),
  },
  ...kubeletControl((view, ctx) => {
    const s = view.setting('rotateCertificates');
    if (s.value === true) return;
    failSetting(view, ctx, s, 'client certificates are not rotated', 'set rotateCertificates: true (--rotate-certificates=true)');
  }),
});
