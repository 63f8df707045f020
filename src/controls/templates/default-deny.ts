// Template, not a control: checkDefaultDeny(direction). Used by network/default-deny-ingress and network/default-deny-egress.
// Shared logic of default-deny-ingress and default-deny-egress: one rule, two directions. What
// counts as a default deny, per policy kind and in which order, is the inventory's (network.ts).
import type { Direction } from '../../inventory/network.js';
import type { CheckContext, ResourceTarget } from '../define.js';

export function checkDefaultDeny(direction: Direction, { resource }: ResourceTarget, ctx: CheckContext): void {
  const net = ctx.inventory.network();
  const verdict = net.defaultDenyOf(resource.name, direction);
  if (verdict.by.length) return;
  const lower = direction === 'Ingress' ? 'ingress' : 'egress';
  const policies = net.policiesIn(resource.name);
  const wide = verdict.selectingAll.filter((p) => p.namespace === undefined);
  const problems = net.policiesFor(resource.name).filter((p) => p.problem).map((p) => `${p.label}: ${p.problem}`);
  let detail: string;
  if (verdict.openedBy) {
    detail = `has ${verdict.openedBy.label}, which allows all ${lower} traffic to every pod in it`;
  } else if (policies.length === 0 && wide.length === 0) {
    detail = 'has no NetworkPolicy at all';
  } else {
    const count = policies.length + wide.length;
    detail = `has ${count} network polic${count === 1 ? 'y' : 'ies'}${wide.length ? ` (${wide.length} cluster-wide)` : ''}, `
      + `but none selects every pod (podSelector: {}) for ${direction} without allowing all traffic back`;
  }
  const notes = problems.length ? ` (not counted: ${problems.slice(0, 3).join('; ')})` : '';
  ctx.fail(['metadata', 'name'],
    `namespace ${resource.name} ${detail}: ${lower} traffic is allowed by default${notes}`, {
      fix: { description: `add a NetworkPolicy in namespace ${resource.name} with podSelector: {} and policyTypes: [${direction}] and no ${lower} rules, then allow what each workload needs` },
    });
}

export function defaultDenyPolicy(namespace: string, direction: Direction): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-${direction.toLowerCase()}
  namespace: ${namespace}
spec:
  podSelector: {}
  policyTypes: [${direction}]
`;
}
