import { defineControl } from '../define.js';
import { failSetting, kubeletControl } from '../templates/kubelet-control.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';

export default defineControl({
  id: 'kubelet-pod-pid-limit',
  aliases: ['C-0284'],
  title: 'Kubelet does not limit process ids per pod',
  severity: 'low',
  section: 'kubelet',
  failsWhen: 'podPidsLimit (--pod-max-pids) is unset or -1 (no limit; values of 0 or less are no limit too).',
  rationale:
    'Process ids are a node-wide resource: a fork bomb in one pod exhausts them and takes the node down with '
    + 'every other pod on it. The guidance\'s resource policies include limiting process ids.',
  remediation: 'Set podPidsLimit in the KubeletConfiguration (or --pod-max-pids) to a bound suited to the workloads, e.g. 4096.',
  example: {
    failing: kubeletConfig('podPidsLimit: -1\n'),
    passing: kubeletConfig('podPidsLimit: 4096\n'),
  },
  ...kubeletControl((view, ctx) => {
    const s = view.setting('podPidsLimit');
    if (typeof s.value === 'number' && s.value > 0) return;
    failSetting(view, ctx, s, 'pods have no process-id limit', 'set podPidsLimit (--pod-max-pids) to a positive number');
  }),
});
