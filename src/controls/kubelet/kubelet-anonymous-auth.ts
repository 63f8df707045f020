import { defineControl } from '../define.js';
import { failSetting, kubeletControl } from '../templates/kubelet-control.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';

export default defineControl({
  id: 'kubelet-anonymous-auth',
  aliases: ['C-0069', 'C-0172'],
  title: 'Kubelet allows anonymous requests',
  severity: 'critical',
  section: 'kubelet',
  failsWhen: 'the kubelet\'s anonymous authentication is enabled (default: true with flags only, false in a config file).',
  rationale:
    'The kubelet API runs commands in containers, reads their logs and lists the node\'s pods. With anonymous '
    + 'authentication anyone who reaches port 10250 is system:anonymous, and with AlwaysAllow authorization that '
    + 'is remote code execution on every pod of the node — the attack the guidance describes.',
  remediation: 'Set authentication.anonymous.enabled: false in the KubeletConfiguration (or --anonymous-auth=false).',
  example: {
    failing: kubeletConfig('authentication:\n  anonymous: {enabled: true}\n'),
    passing: kubeletConfig('authentication:\n  anonymous: {enabled: false}\n'),
  },
  ...kubeletControl((view, ctx) => {
    const s = view.setting('anonymousAuth');
    if (s.value === false) return;
    failSetting(view, ctx, s, 'anonymous requests are accepted', 'set authentication.anonymous.enabled: false (--anonymous-auth=false)');
  }),
});
