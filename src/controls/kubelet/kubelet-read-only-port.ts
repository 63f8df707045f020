import { defineControl } from '../define.js';
import { failSetting, kubeletControl } from '../templates/kubelet-control.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';

export default defineControl({
  id: 'kubelet-read-only-port',
  aliases: ['C-0175'],
  title: 'Kubelet read-only port is open',
  severity: 'high',
  section: 'kubelet',
  failsWhen: 'the read-only port is not 0 (default: 10255 with flags only, 0 in a config file).',
  rationale:
    'The read-only port serves the node\'s pod list, specs and metrics over plain HTTP with no authentication at '
    + 'all: environment variables, images and volumes of every pod on the node, for anyone on the network.',
  remediation: 'Set readOnlyPort: 0 in the KubeletConfiguration (or --read-only-port=0).',
  example: {
    failing: kubeletConfig('readOnlyPort: 10255\n'),
    passing: kubeletConfig('readOnlyPort: 0\n'),
  },
  ...kubeletControl((view, ctx) => {
    const s = view.setting('readOnlyPort');
    if (s.value === 0) return;
    failSetting(view, ctx, s, 'the unauthenticated read-only port is open', 'set readOnlyPort: 0 (--read-only-port=0)');
  }),
});
