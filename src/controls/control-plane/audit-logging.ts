import { defineControl } from '../define.js';
import type { Component } from '../../inventory/components.js';
import type { CheckContext } from '../define.js';
import { componentControl, failFlag } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

const RETENTION: ReadonlyArray<[string, number, string]> = [
  ['audit-log-maxage', 30, 'days'], ['audit-log-maxbackup', 10, 'files'], ['audit-log-maxsize', 100, 'MB'],
];

export default defineControl({
  id: 'audit-logging',
  aliases: ['C-0067', 'C-0130', 'C-0131', 'C-0132', 'C-0133', 'C-0254'],
  title: 'API server audit logging is off',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--audit-policy-file is missing, or neither --audit-log-path nor --audit-webhook-config-file is set; '
    + 'retention below --audit-log-maxage=30, --audit-log-maxbackup=10, --audit-log-maxsize=100 is reported as a lesser problem.',
  rationale:
    'The audit log is the record of who did what in the cluster: without it an intrusion cannot be traced. The '
    + 'guidance asks that auditing be enabled with a policy, written to a log or a webhook, and kept long enough '
    + 'to investigate.',
  remediation: 'Start kube-apiserver with --audit-policy-file and --audit-log-path (or --audit-webhook-config-file), and --audit-log-maxage=30 --audit-log-maxbackup=10 --audit-log-maxsize=100.',
  example: {
    failing: staticPod('kube-apiserver', ['--audit-log-path=/var/log/kubernetes/audit.log']),
    passing: staticPod('kube-apiserver', [
      '--audit-policy-file=/etc/kubernetes/audit/policy.yaml', '--audit-log-path=/var/log/kubernetes/audit.log',
      '--audit-log-maxage=30', '--audit-log-maxbackup=10', '--audit-log-maxsize=100',
    ]),
  },
  ...componentControl(['kube-apiserver'], (c, ctx) => {
    if (!c.flags.value('audit-policy-file')) {
      failFlag(c, ctx, 'audit-policy-file', '--audit-policy-file is not set: the API server records no audit events');
    }
    const logPath = c.flags.value('audit-log-path');
    if (!logPath && !c.flags.value('audit-webhook-config-file')) {
      failFlag(c, ctx, 'audit-log-path', 'neither --audit-log-path nor --audit-webhook-config-file is set: audit events go nowhere');
    }
    if (logPath && logPath !== '-') retention(c, ctx);
  }),
});

/** Log rotation keeps too little: the defaults (0) keep every file forever, which also counts as unset here. */
function retention(c: Component, ctx: CheckContext): void {
  for (const [flag, min, unit] of RETENTION) {
    const raw = c.flags.value(flag);
    const n = raw === undefined ? undefined : Number(raw);
    if (n !== undefined && Number.isFinite(n) && n >= min) continue;
    const how = raw === undefined ? `--${flag} is unset` : `--${flag}=${raw}`;
    failFlag(c, ctx, flag, `lesser: audit log retention ${how}, below the recommended ${min} ${unit}`);
  }
}
