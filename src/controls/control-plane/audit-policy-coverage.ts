import { defineControl } from '../define.js';
import { apiGroup } from '../../model/kinds.js';
import { judgePolicy } from '../templates/audit-rules.js';

const POLICY = (rules: string) => `apiVersion: audit.k8s.io/v1
kind: Policy
metadata: {name: audit-policy}
rules:
${rules}`;

export default defineControl({
  id: 'audit-policy-coverage',
  aliases: ['C-0160', 'C-0161'],
  title: 'Audit policy leaks secrets or misses requests',
  severity: 'medium',
  section: 'control-plane',
  appliesTo: { kinds: ['Policy'] },
  failsWhen: 'an audit Policy logs secrets, configmaps or tokenreviews at Request or RequestResponse, has no catch-all rule, or logs nothing.',
  rationale:
    'At Request or RequestResponse level the audit log records request and response bodies: for Secrets, '
    + 'ConfigMaps and TokenReviews that is the secret values and tokens themselves, copied into log files '
    + 'that many more people can read. The guidance warns about exactly this, and also asks that the policy '
    + 'cover every request (a catch-all rule at Metadata) rather than log nothing.',
  remediation: 'Log secrets, configmaps and tokenreviews at Metadata level, in a rule placed before any broader rule, and end the policy with a catch-all rule such as `- level: Metadata`.',
  nothingToEvaluate: 'no audit Policy (audit.k8s.io) in the input: scan the file given to --audit-policy-file, or run palisade scan --node on a control-plane node',
  example: {
    failing: POLICY('- level: RequestResponse\n'),
    passing: POLICY('- level: Metadata\n  resources:\n  - group: ""\n    resources: [secrets, configmaps]\n  - group: authentication.k8s.io\n    resources: [tokenreviews]\n- level: RequestResponse\n  resources:\n  - group: ""\n    resources: [pods]\n- level: Metadata\n'),
  },
  check({ resource }, ctx) {
    if (apiGroup(resource.apiVersion) !== 'audit.k8s.io') return;
    for (const p of judgePolicy(resource.object)) ctx.fail(p.path, `audit Policy ${resource.name}: ${p.message}`);
  },
});
