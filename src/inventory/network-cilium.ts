// Cilium's policies: CiliumNetworkPolicy (namespaced) and CiliumClusterwideNetworkPolicy
// (cluster-scoped), cilium.io/v2. Semantics from the Cilium docs ("Layer 3 examples", "Policy
// Enforcement Modes", "Kubernetes: Namespaces") and pkg/policy/api/rule.go:
// - A policy holds one rule (`spec`) or several (`specs`); each rule selects endpoints with
//   `endpointSelector` (a label selector) or nodes with `nodeSelector` (a host policy: not pods).
// - Labels carry a source prefix: `k8s:app` is the pod label app; a key without prefix (or `any:`)
//   matches any source; `reserved:`, `cidr:` and other sources are never pod labels. Cilium adds to
//   each pod `k8s:io.kubernetes.pod.namespace`, `k8s:io.cilium.k8s.policy.serviceaccount` and
//   `k8s:io.cilium.k8s.namespace.labels.<key>` for each label of its namespace.
// - A CiliumNetworkPolicy selects only endpoints of its own namespace; a clusterwide one selects in
//   every namespace its selector matches.
// - Default deny (rule.go, EnableDefaultDeny): "If not specified, the default is true for each traffic
//   direction that has rules, and false otherwise": a rule with `ingress` or `ingressDeny` entries —
//   even `ingress: [{}]`, which allows nothing — puts the endpoints it selects into default deny for
//   ingress; an absent (or empty) section leaves that direction alone; `enableDefaultDeny:
//   {ingress: false}` turns it off (the rule then only adds to what other policies allow or deny).
// - `fromEntities: [all]` (`toEntities: [all]`), or `world` with `cluster`, with no `toPorts`, allows
//   every peer; deny rules take precedence over allow rules.
import type { Resource } from '../model/types.js';
import { isObj } from '../model/guards.js';
import { compileSelector } from './selectors.js';
import { perNamespace, selectsWithOnly, type Direction, type NamespaceFacts, type PolicyInfo } from './network-policy.js';

export const CILIUM_KINDS: readonly string[] = ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'];

const NS_LABEL = 'io.kubernetes.pod.namespace';
const NS_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';
const SA_LABEL = 'io.cilium.k8s.policy.serviceaccount';

/** `k8s:app` and `any:app` → `app`; another source (`reserved:host`) → a key no pod label has. */
function podKey(key: string): string {
  const colon = key.indexOf(':');
  if (colon < 0) return key;
  const source = key.slice(0, colon);
  return source === 'k8s' || source === 'any' ? key.slice(colon + 1) : `\u0000${key}`;
}

function podKeysOf(selector: unknown): unknown {
  if (!isObj(selector)) return selector;
  const out: Record<string, unknown> = { ...selector };
  if (isObj(selector.matchLabels)) {
    out.matchLabels = Object.fromEntries(Object.entries(selector.matchLabels).map(([k, v]) => [podKey(k), v]));
  }
  if (Array.isArray(selector.matchExpressions)) {
    out.matchExpressions = selector.matchExpressions.map((e: unknown) => (isObj(e) && typeof e.key === 'string' ? { ...e, key: podKey(e.key) } : e));
  }
  return out;
}

const ALL_ENTITIES = (entities: unknown): boolean => Array.isArray(entities)
  && (entities.includes('all') || (entities.includes('world') && entities.includes('cluster')));

function coversAll(rules: unknown, entitiesKey: 'fromEntities' | 'toEntities'): boolean {
  return Array.isArray(rules) && rules.some((r) => isObj(r) && ALL_ENTITIES(r[entitiesKey])
    && (r.toPorts === undefined || (Array.isArray(r.toPorts) && r.toPorts.length === 0)));
}

const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);

export function ciliumPolicies(policy: Resource): PolicyInfo[] {
  const o = policy.object;
  const rules: Array<[Record<string, any>, string]> = [];
  if (isObj(o.spec)) rules.push([o.spec, 'spec']);
  if (Array.isArray(o.specs)) o.specs.forEach((r: unknown, i: number) => isObj(r) && rules.push([r, `specs[${i}]`]));
  const clusterWide = policy.kind === 'CiliumClusterwideNetworkPolicy';
  const namespace = clusterWide ? undefined : policy.effectiveNamespace ?? 'default';
  const out: PolicyInfo[] = [];
  for (const [rule, where] of rules) {
    if (rule.nodeSelector !== undefined || !isObj(rule.endpointSelector)) continue; // host policies, or no pods
    const selector = compileSelector(podKeysOf(rule.endpointSelector));
    const enable = isObj(rule.enableDefaultDeny) ? rule.enableDefaultDeny : {};
    const directions: Direction[] = [];
    const has = { Ingress: count(rule.ingress) + count(rule.ingressDeny) > 0, Egress: count(rule.egress) + count(rule.egressDeny) > 0 };
    for (const d of ['Ingress', 'Egress'] as const) {
      const flag = enable[d.toLowerCase()];
      // enableDefaultDeny: true on a direction without rules is left out: nothing says Cilium enforces it then
      if (has[d] && flag !== false) directions.push(d);
    }
    const allowsAll = {
      Ingress: coversAll(rule.ingress, 'fromEntities') && !coversAll(rule.ingressDeny, 'fromEntities'),
      Egress: coversAll(rule.egress, 'toEntities') && !coversAll(rule.egressDeny, 'toEntities'),
    };
    const fixed = perNamespace((ns: NamespaceFacts): Record<string, string> => {
      const l: Record<string, string> = { [NS_LABEL]: ns.name };
      for (const [k, v] of Object.entries(ns.labels)) l[`${NS_LABELS_PREFIX}${k}`] = v;
      return l;
    });
    out.push({
      policy,
      label: `${policy.kind} ${policy.name}${rules.length > 1 ? ` (${where})` : ''}`,
      namespace,
      layer: 'namespace',
      directions,
      allowsAll,
      selects: (ns, pod) => (namespace === undefined || ns.name === namespace)
        && selector.matches({ ...pod.labels, ...fixed(ns), [SA_LABEL]: pod.serviceAccount }),
      selectsAll: (ns) => (namespace === undefined || ns.name === namespace) && selectsWithOnly(selector, fixed(ns)),
    });
  }
  return out;
}
