// Words for attack paths shared by the formats (pretty, html, sarif, junit): step names, a path's
// one-line summary, a link's label and place. Derived from the report only.
import type { AttackLink, AttackPath, AttackTactic } from '../model/attack-path.js';

export const TACTIC_LABEL: Record<AttackTactic, string> = {
  'initial-access': 'initial access',
  execution: 'execution',
  'privilege-escalation': 'privilege escalation',
  'credential-access': 'credential access',
  'lateral-movement': 'lateral movement',
  impact: 'impact',
};

/** `Deployment shop/web`. */
export function workloadLabel(p: AttackPath): string {
  return `${p.workload.kind} ${p.workload.namespace ? `${p.workload.namespace}/` : ''}${p.workload.name}`;
}

/** `reachable from outside the cluster → code execution … → escape to the node`. */
export function stepsText(p: AttackPath): string {
  return p.steps.map((s) => s.title).join(' → ');
}

/** What the link is: the control id, or the advisory id with package and image. */
export function linkName(l: AttackLink): string {
  return l.type === 'vulnerability' ? `${l.vulnerabilityId} (${l.package} in ${l.image})` : l.controlId ?? '';
}

/** `file:line:column`, the field path, or the resource id when neither is known. */
export function linkWhere(l: AttackLink): string {
  const loc = l.location;
  if (loc?.line) return `${loc.file}:${loc.line}${loc.column ? `:${loc.column}` : ''}`;
  if (l.path) return `${l.resourceId} ${l.path}`;
  return loc?.file ?? l.resourceId;
}

export const EFFECT_TEXT = {
  removes: 'removes the path',
  shortens: 'shortens it',
  weakens: 'weakens it',
} as const;
