// The shape every network policy takes in the inventory, whatever its kind (Kubernetes, Cilium,
// Calico, AdminNetworkPolicy): what it selects, in which directions it isolates, what it lets through.
import type { Resource } from '../model/types.js';
import type { CompiledSelector, Labels } from './selectors.js';

export type { Labels };

export type Direction = 'Ingress' | 'Egress';
export type Verdict = 'Allow' | 'Deny' | 'Pass';

/** A namespace as policies see it: its name and labels (`kubernetes.io/metadata.name` included). */
export interface NamespaceFacts {
  name: string;
  labels: Labels;
}

/** A pod as policies see it. */
export interface PodFacts {
  labels: Labels;
  serviceAccount: string;
}

/**
 * Where a policy acts in the order of evaluation: AdminNetworkPolicies first, then the namespace's
 * own policies (Kubernetes, Cilium, Calico), then the BaselineAdminNetworkPolicy
 * (network-policy-api, "API overview": ANP → NetworkPolicy → BANP).
 */
export type Layer = 'admin' | 'namespace' | 'baseline';

export interface PolicyInfo {
  policy: Resource;
  /** `NetworkPolicy shop/deny`, `CiliumClusterwideNetworkPolicy deny` (with the rule, for multi-rule policies). */
  label: string;
  /** The namespace of a namespaced policy; undefined for a cluster-wide one. */
  namespace?: string;
  layer: Layer;
  /** Directions in which the pods it selects are isolated (traffic it does not allow is denied). */
  directions: Direction[];
  /** Per direction: some rule lets all traffic of that direction through (Allow, or Pass for Calico). */
  allowsAll: Record<Direction, boolean>;
  /** Per direction, for ordered policies (Calico, admin): the action of the first rule that matches all traffic. */
  verdict?: Partial<Record<Direction, Verdict>>;
  /** Calico: the tier and the order within it; admin: the priority (lower first). */
  tier?: string;
  order?: number;
  /** Why the policy selects nothing (a selector that does not parse), for messages. */
  problem?: string;
  /** For a cluster-wide policy: whether it may select pods of the namespace at all (a cheap pre-filter; absent = may). */
  appliesIn?(ns: NamespaceFacts): boolean;
  selects(ns: NamespaceFacts, pod: PodFacts): boolean;
  /** Whether it selects every pod of the namespace, whatever the pods' labels. */
  selectsAll(ns: NamespaceFacts): boolean;
}

/** Whether every key a selector reads is one of `fixed`, and the selector matches those values. */
export function selectsWithOnly(selector: CompiledSelector, fixed: Labels): boolean {
  return selector.keys !== undefined && selector.keys.every((k) => k in fixed) && selector.matches(fixed);
}

export function stringLabels(labels: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  return out;
}

/** A value computed once per namespace, by name (a Map: a WeakMap per policy costs the garbage collector far more). */
export function perNamespace<T>(compute: (ns: NamespaceFacts) => T): (ns: NamespaceFacts) => T {
  const memo = new Map<string, T>();
  return (ns) => {
    let value = memo.get(ns.name);
    if (value === undefined && !memo.has(ns.name)) memo.set(ns.name, (value = compute(ns)));
    return value as T;
  };
}
