// AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1, both
// cluster-scoped), from the network-policy-api specification (network-policy-api.sigs.k8s.io,
// "API reference" and "Policy evaluation"; apis/v1alpha1/adminnetworkpolicy_types.go):
// - `subject` selects pods: `namespaces` (a label selector on namespaces: every pod in them) or
//   `pods` (`namespaceSelector` and `podSelector`).
// - Rules (`ingress[].from`, `egress[].to`) have an `action`: Allow, Deny or Pass for an ANP, Allow or
//   Deny for the BANP; the first rule that matches decides. ANPs run by ascending `priority`
//   (0 first), before NetworkPolicies; Pass hands the traffic over to the NetworkPolicies; the BANP
//   (one per cluster, named "default") runs after them, for what they leave undecided.
// - Ingress peers are `namespaces` and `pods`: `namespaces: {}` is every pod of the cluster. Egress
//   peers add `nodes`, `networks` (CIDRs) and `domainNames`: every destination is all pods and
//   a `/0` network. A rule with `ports` matches only those ports.
// An ANP or BANP isolates, for this inventory, the directions in which it has a Deny rule: a policy
// with only Allow (or Pass) rules leaves the rest of the traffic as it was.
import type { Resource } from '../model/types.js';
import { isObj } from '../model/guards.js';
import { compileSelector } from './selectors.js';
import type { Direction, PolicyInfo, Verdict } from './network-policy.js';

export const ADMIN_KINDS: readonly string[] = ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'];

const EMPTY = (v: unknown) => isObj(v) && compileSelector(v).empty;

/** A peer that is every pod in the cluster. */
function allPods(peer: Record<string, any>): boolean {
  if (peer.namespaces !== undefined) return EMPTY(peer.namespaces);
  if (isObj(peer.pods)) return EMPTY(peer.pods.namespaceSelector) && EMPTY(peer.pods.podSelector);
  return false;
}

function coversAll(rule: Record<string, any>, direction: Direction): boolean {
  if (Array.isArray(rule.ports) && rule.ports.length) return false;
  const peers = direction === 'Ingress' ? rule.from : rule.to;
  if (!Array.isArray(peers)) return false;
  const objs = peers.filter(isObj);
  if (!objs.some(allPods)) return false;
  if (direction === 'Ingress') return true;
  return objs.some((p) => Array.isArray(p.networks) && p.networks.some((n: unknown) => n === '0.0.0.0/0' || n === '::/0'));
}

export function adminPolicies(policy: Resource): PolicyInfo[] {
  const spec = isObj(policy.object.spec) ? policy.object.spec : {};
  const baseline = policy.kind === 'BaselineAdminNetworkPolicy';
  const actions: readonly string[] = baseline ? ['Allow', 'Deny'] : ['Allow', 'Deny', 'Pass'];
  const subject = isObj(spec.subject) ? spec.subject : {};
  // exactly one of namespaces / pods; anything else selects nothing
  const nsSelector = subject.namespaces !== undefined ? compileSelector(subject.namespaces)
    : isObj(subject.pods) ? compileSelector(subject.pods.namespaceSelector ?? {}) : compileSelector(null);
  const podSelector = subject.namespaces !== undefined ? compileSelector({})
    : isObj(subject.pods) ? compileSelector(subject.pods.podSelector ?? {}) : undefined;
  const valid = (subject.namespaces === undefined) !== (subject.pods === undefined) && isObj(subject.namespaces ?? subject.pods);
  const verdict: Partial<Record<Direction, Verdict>> = {};
  const directions: Direction[] = [];
  for (const d of ['Ingress', 'Egress'] as const) {
    const rules = (Array.isArray(spec[d.toLowerCase()]) ? spec[d.toLowerCase()] : []).filter(isObj) as Array<Record<string, any>>;
    const usable = rules.filter((r) => actions.includes(r.action));
    if (usable.some((r) => r.action === 'Deny')) directions.push(d);
    const first = usable.find((r) => coversAll(r, d));
    if (first) verdict[d] = first.action as Verdict;
  }
  return [{
    policy,
    label: `${policy.kind} ${policy.name}${baseline ? '' : ` (priority ${spec.priority ?? 'unset'})`}`,
    layer: baseline ? 'baseline' : 'admin',
    directions: valid ? directions : [],
    allowsAll: { Ingress: verdict.Ingress === 'Allow', Egress: verdict.Egress === 'Allow' },
    verdict: valid ? verdict : {},
    order: baseline ? undefined : typeof spec.priority === 'number' ? spec.priority : undefined,
    ...(valid ? {} : { problem: 'its subject must name exactly one of namespaces or pods' }),
    appliesIn: (ns) => valid && nsSelector.matches(ns.labels),
    selects: (ns, pod) => valid && nsSelector.matches(ns.labels) && podSelector!.matches(pod.labels),
    selectsAll: (ns) => valid && nsSelector.matches(ns.labels) && podSelector!.empty,
  }];
}
