import { defineControl } from '../define.js';
import { failSetting, kubeletControl } from '../templates/kubelet-control.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';

export default defineControl({
  id: 'kubelet-authorization',
  aliases: ['C-0173'],
  title: 'Kubelet authorizes every request',
  severity: 'critical',
  section: 'kubelet',
  failsWhen: 'the kubelet\'s authorization mode is AlwaysAllow (the default with flags only; Webhook in a config file).',
  rationale:
    'With AlwaysAllow the kubelet does not ask the API server whether a caller may exec into a pod or read its '
    + 'logs: any authenticated (or, with anonymous auth, any) caller may. Webhook mode checks each request '
    + 'against RBAC.',
  remediation: 'Set authorization.mode: Webhook in the KubeletConfiguration (or --authorization-mode=Webhook), with authentication.webhook.enabled: true.',
  example: {
    failing: kubeletConfig('authorization: {mode: AlwaysAllow}\n'),
    passing: kubeletConfig('authorization: {mode: Webhook}\n'),
  },
  ...kubeletControl((view, ctx) => {
    const s = view.setting('authorizationMode');
    if (s.value !== 'AlwaysAllow') return;
    failSetting(view, ctx, s, 'authorization mode is AlwaysAllow', 'set authorization.mode: Webhook (--authorization-mode=Webhook)');
  }),
});
