import { defineControl } from '../define.js';
import { isLoopbackHost } from '../../model/flags.js';
import { componentControl, failFlag, shown } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

export default defineControl({
  id: 'scheduler-hardening',
  aliases: ['C-0152'],
  title: 'Scheduler listens on every interface',
  severity: 'low',
  section: 'control-plane',
  failsWhen: '--bind-address of kube-scheduler is not a loopback address (it defaults to 0.0.0.0).',
  rationale:
    'The scheduler\'s health and metrics port needs to be reachable only from its own node. Bound to every '
    + 'interface it is one more network service for an attacker inside the cluster network to probe.',
  remediation: 'Start kube-scheduler with --bind-address=127.0.0.1.',
  example: {
    failing: staticPod('kube-scheduler', ['--bind-address=0.0.0.0']),
    passing: staticPod('kube-scheduler', ['--bind-address=127.0.0.1']),
  },
  ...componentControl(['kube-scheduler'], (c, ctx) => {
    const bind = c.flags.value('bind-address');
    if (bind === undefined) failFlag(c, ctx, 'bind-address', '--bind-address is unset: it defaults to 0.0.0.0, every interface');
    else if (!isLoopbackHost(bind)) failFlag(c, ctx, 'bind-address', `${shown(c, 'bind-address')} is not a loopback address`);
  }),
});
