import { defineControl } from '../define.js';
import { failSetting, kubeletControl } from '../templates/kubelet-control.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';

export default defineControl({
  id: 'kubelet-client-tls',
  aliases: ['C-0070', 'C-0174'],
  title: 'Kubelet does not verify client certificates',
  severity: 'critical',
  section: 'kubelet',
  failsWhen: 'no client CA file is set (--client-ca-file / authentication.x509.clientCAFile).',
  rationale:
    'Without a client CA the kubelet cannot authenticate the API server (or anyone else) by certificate, so '
    + 'callers are either anonymous or rely on bearer tokens alone. The guidance asks for mutual TLS between '
    + 'the control plane and the kubelets.',
  remediation: 'Set authentication.x509.clientCAFile to the cluster CA (kubeadm: /etc/kubernetes/pki/ca.crt), or --client-ca-file.',
  example: {
    failing: kubeletConfig('authentication:\n  webhook: {enabled: true}\n'),
    passing: kubeletConfig('authentication:\n  x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}\n'),
  },
  ...kubeletControl((view, ctx) => {
    const s = view.setting('clientCAFile');
    if (typeof s.value === 'string' && s.value !== '') return;
    failSetting(view, ctx, s, 'no client CA: client certificates are not verified', 'set authentication.x509.clientCAFile (--client-ca-file)');
  }),
});
