// `palisade explain path`: how attack paths are built and scored, from the same constants the
// builder uses (build.ts, links.ts), so the text cannot drift from the code.
import { SEVERITY_WEIGHT } from '../../model/types.js';
import { PATH_SEVERITY_SCORES } from './build.js';
import { MAX_REACHES } from './links.js';

export interface PathStepRule {
  tactic: string;
  title: string;
  /** The controls (or `vulnerability`) whose failed findings back the step. */
  backedBy: string[];
  /** Findings needed as well. */
  requires?: string[];
  when: string;
}

export const PATH_STEP_RULES: PathStepRule[] = [
  {
    tactic: 'initial-access', title: 'reachable from outside the cluster', backedBy: ['externally-exposed', 'host-network', 'host-port'],
    when: 'a LoadBalancer or NodePort Service (or externalIPs), an Ingress or a Gateway API route reaches the workload\'s pods (the finding on that Service, Ingress or route), or the pod uses the node\'s network or ports',
  },
  {
    tactic: 'execution', title: 'code execution through a vulnerable image', backedBy: ['vulnerability'],
    when: 'an image of the workload has a critical or high vulnerability (needs --image or --scan-images and a database); a fixable one weighs 2 more',
  },
  {
    tactic: 'privilege-escalation', title: 'escape to the node',
    backedBy: ['privileged-container', 'host-path-volume', 'host-namespaces', 'dangerous-capabilities', 'allow-privilege-escalation'],
    when: 'privileged, a hostPath volume (a container runtime socket weighs 3 more), host PID/IPC, a dangerous capability, or allowPrivilegeEscalation while non-root-user fails (root user)',
  },
  {
    tactic: 'credential-access', title: 'read credentials with the pod\'s token', backedBy: ['cluster-admin-binding', 'rbac-secrets-access', 'rbac-escalation-verbs'],
    requires: ['service-account-token-mounted'],
    when: 'the pod mounts its token and a binding of its ServiceAccount (or of system:serviceaccounts, system:serviceaccounts:<namespace>, system:authenticated) fails one of these controls at that subject; rbac-escalation-verbs counts here when it allows impersonation or token requests',
  },
  {
    tactic: 'lateral-movement', title: 'reach other workloads', backedBy: ['workload-not-isolated'],
    when: `no policy isolates the pods' egress, and other workloads fail workload-not-isolated with ingress open: those are named (the first ${MAX_REACHES}, and how many in all)`,
  },
  {
    tactic: 'impact', title: 'create workloads or bind roles', backedBy: ['cluster-admin-binding', 'rbac-create-workloads', 'rbac-escalation-verbs'],
    requires: ['service-account-token-mounted'],
    when: 'the pod\'s token may create workloads, bind or escalate roles (or use another escalation verb of rbac-escalation-verbs than impersonation: webhooks, CSR approval, nodes/proxy), or is cluster-admin (in all but name too)',
  },
  {
    tactic: 'impact', title: 'write to the node', backedBy: ['host-path-volume'],
    when: 'a hostPath volume is mounted writable',
  },
];

export const PATH_RULES = {
  scope: 'only the findings of the controls the scan ran (--controls, --exclude-controls, the framework) and the vulnerabilities of the images it read can back a step: a step whose controls were not run is absent',
  path: 'one per workload: initial access, and at least one more step after it; each step holds through any one of its links (and every finding it requires)',
  excepted: 'an excepted finding or vulnerability backs nothing: a path that holds only through excepted ones is listed as excepted (it never trips --fail-on-path), and the links exceptions broke are named in brokenBy',
  score: `the sum over the steps of the heaviest link's weight (severity: ${Object.entries(SEVERITY_WEIGHT).map(([s, w]) => `${s} ${w}`).join(', ')}), times 1 + log2(replicas)/10 (at most 2)`,
  severity: `from the score: ${PATH_SEVERITY_SCORES.map(([s, n]) => `${s} at ${n} or more`).join(', ')}, low below`,
  links: 'each failed link with what fixing it alone does, found by building the path again without it: removes (no path left), shortens (a step goes), weakens (every step holds through another link)',
  order: 'open paths first, then by score (highest first), then by workload id; links by effect, severity, then id',
};

export function pathExplanationText(): string {
  const lines = [
    'Attack paths: what to fix first',
    '',
    'Each step of a path is backed by a finding or a vulnerability of the same report.',
    '',
    ...PATH_STEP_RULES.flatMap((r) => [
      `${r.tactic} — ${r.title}`,
      `  backed by: ${r.backedBy.join(', ')}${r.requires ? `; requires: ${r.requires.join(', ')}` : ''}`,
      `  when ${r.when}`,
    ]),
    '',
    ...Object.entries(PATH_RULES).map(([k, v]) => `${k}: ${v}`),
    '',
    'Gate on them with --fail-on-path SEVERITY (exit 1). Paths are in every format: "Fix these first" (pretty), attackPaths (json), a picture per path (html), related locations (sarif).',
  ];
  return lines.join('\n') + '\n';
}
