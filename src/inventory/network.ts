// Network policy relations: which pods each policy selects, in which direction, and which
// namespaces are isolated by default. Kubernetes NetworkPolicies are read here; the CNIs' own
// kinds (Cilium, Calico) and the cluster-wide AdminNetworkPolicy/BaselineAdminNetworkPolicy in
// network-cilium.ts, network-calico.ts and network-admin.ts, each with its own semantics. Namespaced
// policies are indexed by namespace; cluster-wide ones are few and tried against every namespace.
import type { Resource } from '../model/types.js';
import { apiGroup } from '../model/kinds.js';
import type { Workload } from './index.js';
import { compileSelector } from './selectors.js';
import { stringLabels, type Direction, type Labels, type PodFacts, type PolicyInfo, type NamespaceFacts } from './network-policy.js';
import { isObj } from '../model/guards.js';
import { ciliumPolicies, CILIUM_KINDS } from './network-cilium.js';
import { calicoPolicies, CALICO_KINDS, isCalico } from './network-calico.js';
import { adminPolicies, ADMIN_KINDS } from './network-admin.js';

/** Every kind whose objects decide network isolation (the network controls' `reads`). */
export const NETWORK_POLICY_KINDS: readonly string[] = ['NetworkPolicy', ...CILIUM_KINDS, ...CALICO_KINDS, ...ADMIN_KINDS];

export type { Direction, Verdict, Layer, NamespaceFacts, PodFacts, PolicyInfo } from './network-policy.js';
export { selectsWithOnly, stringLabels } from './network-policy.js';

/** A Kubernetes NetworkPolicy (networking.k8s.io/v1). */
export function policyInfo(policy: Resource): PolicyInfo {
  const spec = isObj(policy.object.spec) ? policy.object.spec : {};
  const types = Array.isArray(spec.policyTypes) && spec.policyTypes.length ? spec.policyTypes.filter((t: unknown) => t === 'Ingress' || t === 'Egress') : undefined;
  // Without policyTypes (absent or empty) a policy is Ingress, plus Egress when it has egress rules
  // (pkg/apis/networking/v1/defaults.go, SetDefaults_NetworkPolicySpec: `if len(PolicyTypes) == 0`).
  const directions: Direction[] = types ?? (Array.isArray(spec.egress) ? ['Ingress', 'Egress'] : ['Ingress']);
  const allowsAllIn = (rules: unknown, peerKey: 'from' | 'to') => Array.isArray(rules) && rules.some((r) => {
    if (!isObj(r)) return false;
    const peers = r[peerKey];
    const ports = r.ports;
    return (peers === undefined || peers === null || (Array.isArray(peers) && peers.length === 0))
      && (ports === undefined || ports === null || (Array.isArray(ports) && ports.length === 0));
  });
  const namespace = policy.effectiveNamespace ?? 'default';
  const selector = compileSelector(spec.podSelector ?? {});
  return {
    policy,
    label: `NetworkPolicy ${policy.name}`,
    namespace,
    layer: 'namespace',
    directions,
    allowsAll: { Ingress: allowsAllIn(spec.ingress, 'from'), Egress: allowsAllIn(spec.egress, 'to') },
    selects: (ns, pod) => ns.name === namespace && selector.matches(pod.labels),
    selectsAll: (ns) => ns.name === namespace && selector.empty,
  };
}

/** What protects a namespace by default in one direction, or what opens it. */
export interface DefaultDeny {
  /** The policies that deny, by default, the traffic of every pod of the namespace (empty: none). */
  by: PolicyInfo[];
  /** A policy that lets all traffic through before any default deny applies (an AdminNetworkPolicy Allow, an allow-all rule). */
  openedBy?: PolicyInfo;
  /** Every policy, of any kind and direction, that selects every pod of the namespace. */
  selectingAll: readonly PolicyInfo[];
}

export class NetworkIndex {
  private readonly byNamespace = new Map<string, PolicyInfo[]>();
  private readonly clusterWide: PolicyInfo[] = [];
  private readonly namespaceLabels = new Map<string, Labels>();
  private readonly namespaceFacts = new Map<string, NamespaceFacts>();
  private readonly forNamespace = new Map<string, readonly PolicyInfo[]>();
  private readonly verdicts = new Map<string, DefaultDeny>();
  private readonly selectingAll = new Map<string, readonly PolicyInfo[]>();

  /**
   * `policies`: every object of NETWORK_POLICY_KINDS; `namespaces`: the Namespace objects, whose
   * labels cluster-wide policies select on.
   */
  constructor(policies: readonly Resource[], namespaces: readonly Resource[] = []) {
    for (const ns of namespaces) {
      const labels = isObj(ns.object.metadata?.labels) ? ns.object.metadata.labels as Record<string, unknown> : {};
      this.namespaceLabels.set(ns.name, stringLabels(labels));
    }
    for (const p of policies) {
      for (const info of infosOf(p)) {
        if (info.namespace === undefined) {
          this.clusterWide.push(info);
          continue;
        }
        const list = this.byNamespace.get(info.namespace) ?? [];
        list.push(info);
        this.byNamespace.set(info.namespace, list);
      }
    }
  }

  /** A namespace's name and labels; `kubernetes.io/metadata.name` is set on every namespace (Kubernetes 1.21+). */
  namespace(name: string): NamespaceFacts {
    let facts = this.namespaceFacts.get(name);
    if (!facts) this.namespaceFacts.set(name, (facts = { name, labels: { ...this.namespaceLabels.get(name), 'kubernetes.io/metadata.name': name } }));
    return facts;
  }

  /** The namespaced policies of a namespace. */
  policiesIn(namespace: string): readonly PolicyInfo[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /** Namespaced policies of a namespace and the cluster-wide policies that select some pod in it. */
  policiesFor(namespace: string): readonly PolicyInfo[] {
    let list = this.forNamespace.get(namespace);
    if (!list) {
      const ns = this.namespace(namespace);
      list = [...this.policiesIn(namespace), ...this.clusterWide.filter((p) => p.appliesIn?.(ns) ?? true)];
      this.forNamespace.set(namespace, list);
    }
    return list;
  }

  /** Policies that select a workload's pods, for one direction. */
  selecting(workload: Workload, direction: Direction): PolicyInfo[] {
    const ns = this.namespace(workload.resource.effectiveNamespace ?? 'default');
    const policies = this.policiesFor(ns.name);
    // no policy can select it (a namespace without any, the common case): the pod's labels are not
    // copied for nothing (this runs up to 4 times per workload: two controls and the attack paths)
    if (policies.length === 0) return [];
    const labels = isObj(workload.pod.metadata.labels) ? stringLabels(workload.pod.metadata.labels as Record<string, unknown>) : {};
    const pod: PodFacts = { labels, serviceAccount: workload.pod.serviceAccount };
    return policies.filter((p) => p.directions.includes(direction) && p.selects(ns, pod));
  }

  /**
   * Whether every pod of a namespace is isolated by default for a direction, following the order of
   * evaluation: AdminNetworkPolicies by priority (a Deny of all traffic protects, an Allow of all opens,
   * a Pass hands over), then the namespace's policies, then the BaselineAdminNetworkPolicy.
   */
  defaultDenyOf(namespace: string, direction: Direction): DefaultDeny {
    const key = `${direction}\u0000${namespace}`;
    let verdict = this.verdicts.get(key);
    if (!verdict) {
      const ns = this.namespace(namespace);
      let all = this.selectingAll.get(namespace);
      if (!all) this.selectingAll.set(namespace, (all = this.policiesFor(namespace).filter((p) => p.selectsAll(ns))));
      this.verdicts.set(key, (verdict = { ...this.decide(all, direction), selectingAll: all }));
    }
    return verdict;
  }

  private decide(all: readonly PolicyInfo[], direction: Direction): Omit<DefaultDeny, 'selectingAll'> {
    // admin layers: their verdict on all traffic decides, whatever directions they isolate
    const admin = ordered(all.filter((p) => p.layer === 'admin'));
    for (const p of admin) {
      const v = p.verdict?.[direction];
      if (v === 'Deny') return { by: [p] };
      if (v === 'Allow') return { by: [], openedBy: p };
      if (v === 'Pass') break; // network-policy-api: Pass skips the lower-priority ANPs, to NetworkPolicies
    }
    const local = all.filter((p) => p.layer === 'namespace' && p.directions.includes(direction));
    // Where Calico enforces, it runs Kubernetes NetworkPolicies as policies of its default tier with
    // order 1000 (Calico docs, "Kubernetes policy"): they join that tier's chain.
    const calico = local.some((p) => p.tier !== undefined);
    const entries = local.map((p): PolicyInfo => (calico && p.tier === undefined && p.policy.kind === 'NetworkPolicy'
      ? { ...p, tier: 'default', order: 1000, verdict: p.allowsAll[direction] ? { [direction]: 'Allow' } : {} }
      : p));
    // Kubernetes and Cilium allow rules add up: one select-all policy that allows everything opens every pod.
    const plain = entries.filter((p) => p.tier === undefined);
    const opener = plain.find((p) => p.allowsAll[direction]);
    if (opener) return { by: [], openedBy: opener };
    const denies = [...plain];
    let opened: PolicyInfo | undefined;
    for (const chain of tiers(entries.filter((p) => p.tier !== undefined))) {
      // Calico: policies in order; the first rule that matches decides; traffic that none matches is
      // dropped at the end of the tier when some policy of the tier selects the pod ("end of tier drop").
      const decided = chain.find((p) => p.verdict?.[direction] !== undefined);
      if (!decided || decided.verdict![direction] === 'Deny') denies.push(...(decided ? [decided] : chain));
      else opened ??= decided;
    }
    if (denies.length) return { by: denies };
    if (opened) return { by: [], openedBy: opened };
    const baseline = ordered(all.filter((p) => p.layer === 'baseline'));
    for (const p of baseline) {
      const v = p.verdict?.[direction];
      if (v === 'Deny') return { by: [p] };
      if (v === 'Allow') return { by: [] };
    }
    return { by: [] };
  }

  /** The policies that isolate a whole namespace by default for a direction (see defaultDenyOf). */
  defaultDeny(namespace: string, direction: Direction): PolicyInfo[] {
    return this.defaultDenyOf(namespace, direction).by;
  }
}

function infosOf(p: Resource): PolicyInfo[] {
  if (p.kind === 'NetworkPolicy') return isCalico(apiGroup(p.apiVersion)) ? calicoPolicies(p) : [policyInfo(p)];
  if (CILIUM_KINDS.includes(p.kind)) return ciliumPolicies(p);
  if (CALICO_KINDS.includes(p.kind)) return calicoPolicies(p);
  if (ADMIN_KINDS.includes(p.kind)) return adminPolicies(p);
  return [];
}

function ordered(list: PolicyInfo[]): PolicyInfo[] {
  return [...list].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.policy.name.localeCompare(b.policy.name));
}

function tiers(list: PolicyInfo[]): PolicyInfo[][] {
  const by = new Map<string, PolicyInfo[]>();
  for (const p of list) {
    const l = by.get(p.tier!) ?? [];
    l.push(p);
    by.set(p.tier!, l);
  }
  return [...by.values()].map(ordered);
}
