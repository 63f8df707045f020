// NetworkPolicy relations: which pods each policy selects, in which direction, and which
// namespaces are isolated by default. Policies are indexed by namespace, and workloads by
// namespace and label, so that the cost stays near-linear in the input (never all pairs).
import type { Resource } from '../model/types.js';
import type { Workload } from './index.js';
import { compileSelector, type CompiledSelector } from './selectors.js';
import { isObj } from '../model/guards.js';

export type Direction = 'Ingress' | 'Egress';

export interface PolicyInfo {
  policy: Resource;
  namespace: string;
  selector: CompiledSelector;
  /** Directions the policy isolates (its `policyTypes`, or Kubernetes' default when absent). */
  directions: Direction[];
  /** Per direction: true when one of its rules allows all peers on all ports (`- {}`). */
  allowsAll: Record<Direction, boolean>;
}

export function policyInfo(policy: Resource): PolicyInfo {
  const spec = isObj(policy.object.spec) ? policy.object.spec : {};
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes.filter((t: unknown) => t === 'Ingress' || t === 'Egress') : undefined;
  // Without policyTypes a policy is Ingress, plus Egress when it has egress rules (API default).
  const directions: Direction[] = types ?? (Array.isArray(spec.egress) ? ['Ingress', 'Egress'] : ['Ingress']);
  const allowsAllIn = (rules: unknown, peerKey: 'from' | 'to') => Array.isArray(rules) && rules.some((r) => {
    if (!isObj(r)) return false;
    const peers = r[peerKey];
    const ports = r.ports;
    return (peers === undefined || peers === null || (Array.isArray(peers) && peers.length === 0))
      && (ports === undefined || ports === null || (Array.isArray(ports) && ports.length === 0));
  });
  return {
    policy,
    namespace: policy.effectiveNamespace ?? 'default',
    selector: compileSelector(spec.podSelector ?? {}),
    directions,
    allowsAll: { Ingress: allowsAllIn(spec.ingress, 'from'), Egress: allowsAllIn(spec.egress, 'to') },
  };
}

export class NetworkIndex {
  private readonly byNamespace = new Map<string, PolicyInfo[]>();

  constructor(policies: readonly Resource[]) {
    for (const p of policies) {
      const info = policyInfo(p);
      const list = this.byNamespace.get(info.namespace) ?? [];
      list.push(info);
      this.byNamespace.set(info.namespace, list);
    }
  }

  policiesIn(namespace: string): readonly PolicyInfo[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /** Policies that select a workload's pods, for one direction. */
  selecting(workload: Workload, direction: Direction): PolicyInfo[] {
    const ns = workload.resource.effectiveNamespace ?? 'default';
    const labels = workload.pod.metadata.labels as Record<string, string> | undefined;
    return this.policiesIn(ns).filter((p) => p.directions.includes(direction) && p.selector.matches(labels));
  }

  /**
   * The policies that isolate a whole namespace by default for a direction: they select every
   * pod (empty podSelector), list the direction, and do not allow every peer back in.
   */
  defaultDeny(namespace: string, direction: Direction): PolicyInfo[] {
    return this.policiesIn(namespace).filter((p) => p.selector.empty && p.directions.includes(direction) && !p.allowsAll[direction]);
  }
}
