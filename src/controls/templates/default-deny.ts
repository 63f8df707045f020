// Template, not a control: checkDefaultDeny(direction). Used by network/default-deny-ingress and network/default-deny-egress.
// Shared logic of default-deny-ingress and default-deny-egress: one rule, two directions.
import type { Direction } from '../../inventory/network.js';
import type { CheckContext, ResourceTarget } from '../define.js';

export function checkDefaultDeny(direction: Direction, { resource }: ResourceTarget, ctx: CheckContext): void {
  const net = ctx.inventory.network();
  if (net.defaultDeny(resource.name, direction).length) return;
  const policies = net.policiesIn(resource.name);
  const detail = policies.length === 0
    ? 'has no NetworkPolicy at all'
    : `has ${policies.length} NetworkPolic${policies.length === 1 ? 'y' : 'ies'}, but none selects every pod (podSelector: {}) for ${direction} without allowing all traffic back`;
  ctx.fail(['metadata', 'name'],
    `namespace ${resource.name} ${detail}: ${direction.toLowerCase()} traffic is allowed by default`, {
      fix: { description: `add a NetworkPolicy in namespace ${resource.name} with podSelector: {} and policyTypes: [${direction}] and no ${direction === 'Ingress' ? 'ingress' : 'egress'} rules, then allow what each workload needs` },
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
