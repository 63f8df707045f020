import { defineControl } from '../define.js';
import { failSetting, kubeletControl } from '../templates/kubelet-control.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';

export default defineControl({
  id: 'kubelet-seccomp-default',
  aliases: [],
  title: 'Kubelet does not apply RuntimeDefault seccomp',
  severity: 'low',
  section: 'kubelet',
  failsWhen: 'seccompDefault (--seccomp-default) is not true (it defaults to false).',
  rationale:
    'Containers without a seccomp profile run Unconfined: every system call of the kernel is open to them. With '
    + 'seccompDefault the kubelet gives such containers the runtime\'s default profile, which blocks the calls '
    + 'container escapes rely on.',
  remediation: 'Set seccompDefault: true in the KubeletConfiguration (or --seccomp-default), after checking workloads run under RuntimeDefault.',
  example: {
    failing: kubeletConfig('seccompDefault: false\n'),
    passing: kubeletConfig('seccompDefault: true\n'),
  },
  ...kubeletControl((view, ctx) => {
    const s = view.setting('seccompDefault');
    if (s.value === true) return;
    failSetting(view, ctx, s, 'containers without a seccomp profile run Unconfined', 'set seccompDefault: true (--seccomp-default)');
  }),
});
