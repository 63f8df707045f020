// Calico's policies: NetworkPolicy (namespaced) and GlobalNetworkPolicy (cluster-scoped), in the API
// group projectcalico.org/v3 (Calico's API server) and crd.projectcalico.org/v1 (the CRDs behind it),
// with the same spec. Semantics from the Calico docs (reference: "Network policy", "Global network
// policy", "Selectors"; "Policy tiers": evaluation):
// - `selector` (Calico's selector language, calico-selector.ts; absent = all()) picks the workload
//   endpoints; a NetworkPolicy picks only pods of its namespace; a GlobalNetworkPolicy picks pods of
//   every namespace its `namespaceSelector` matches (absent: every namespace). `serviceAccountSelector`
//   narrows to pods whose ServiceAccount matches. Policies with `doNotTrack` or `preDNAT` apply to
//   host endpoints only.
// - Calico labels each pod endpoint with its pod labels plus `projectcalico.org/namespace`,
//   `projectcalico.org/orchestrator: k8s` and `projectcalico.org/serviceaccount`, and with its
//   namespace's labels as `pcns.<key>`; a namespaceSelector sees the namespace's labels and
//   `projectcalico.org/name`.
// - `types` when omitted or empty: Ingress when there are no egress rules, Egress when there are egress
//   rules and no ingress rules, both when there are both (the table in the NetworkPolicy reference;
//   libcalico-go lib/clientv3/policy.go, defaultPolicyTypesField).
// - Evaluation: within a tier (`tier`, default "default") the policies that apply to the endpoint run
//   by ascending `order` (absent = last), rules in order; the first rule that matches decides: Allow,
//   Deny, or Pass (to the next tier, and after the last one to the Kubernetes profile, which allows);
//   Log records and goes on. Traffic that no rule of the tier matches is dropped, when some policy of
//   the tier applies to the endpoint ("end of tier drop").
import type { Resource } from '../model/types.js';
import { isObj } from '../model/guards.js';
import { CalicoSelectorError, parseCalicoSelector, type CalicoSelector } from './calico-selector.js';
import { perNamespace, type Direction, type NamespaceFacts, type PolicyInfo, type Verdict } from './network-policy.js';

/** Calico kinds besides NetworkPolicy (whose kind name is Kubernetes' too: told apart by API group). */
export const CALICO_KINDS: readonly string[] = ['GlobalNetworkPolicy'];

export function isCalico(group: string): boolean {
  return group === 'projectcalico.org' || group === 'crd.projectcalico.org';
}

const NOTHING: CalicoSelector = { text: '', keys: new Set(), global: false, matches: () => false };

function selectorOf(value: unknown, problems: string[], field: string): CalicoSelector {
  if (value === undefined || value === null) return parseCalicoSelector('');
  if (typeof value !== 'string') {
    problems.push(`${field} is not a string`);
    return NOTHING;
  }
  try {
    return parseCalicoSelector(value);
  } catch (e) {
    if (!(e instanceof CalicoSelectorError)) throw e;
    problems.push(`${field} "${value.slice(0, 80)}" does not parse (${e.message})`);
    return NOTHING;
  }
}

const EMPTY = (v: unknown) => v === undefined || v === null || (isObj(v) && Object.keys(v).length === 0);
/** Rule fields that narrow the traffic a rule matches (besides source and destination). */
const NARROWING = ['protocol', 'notProtocol', 'icmp', 'notICMP', 'ipVersion', 'http'];

/** The action of the first rule that matches all traffic of a direction, if one does. */
function verdictOf(rules: unknown): Verdict | undefined {
  if (!Array.isArray(rules)) return undefined;
  for (const r of rules) {
    if (!isObj(r) || r.action === 'Log') continue;
    const all = EMPTY(r.source) && EMPTY(r.destination) && NARROWING.every((k) => r[k] === undefined || r[k] === null);
    if (all && (r.action === 'Allow' || r.action === 'Deny' || r.action === 'Pass')) return r.action;
  }
  return undefined;
}

function endpointLabels(ns: NamespaceFacts): Record<string, string> {
  const l: Record<string, string> = { 'projectcalico.org/namespace': ns.name, 'projectcalico.org/orchestrator': 'k8s' };
  for (const [k, v] of Object.entries(ns.labels)) l[`pcns.${k}`] = v;
  return l;
}

export function calicoPolicies(policy: Resource): PolicyInfo[] {
  const spec = isObj(policy.object.spec) ? policy.object.spec : {};
  if (spec.doNotTrack === true || spec.preDNAT === true) return [];
  const global = policy.kind === 'GlobalNetworkPolicy';
  const namespace = global ? undefined : policy.effectiveNamespace ?? 'default';
  const problems: string[] = [];
  const selector = selectorOf(spec.selector, problems, 'selector');
  const accounts = selectorOf(spec.serviceAccountSelector, problems, 'serviceAccountSelector');
  const namespaces = global && spec.namespaceSelector !== undefined ? selectorOf(spec.namespaceSelector, problems, 'namespaceSelector') : undefined;
  const hasIn = Array.isArray(spec.ingress) && spec.ingress.length > 0;
  const hasOut = Array.isArray(spec.egress) && spec.egress.length > 0;
  // an empty types list is defaulted as an absent one (libcalico-go lib/clientv3/policy.go, defaultPolicyTypesField: `if len(*types) > 0`)
  const declared = Array.isArray(spec.types) && spec.types.length ? spec.types.filter((t: unknown): t is Direction => t === 'Ingress' || t === 'Egress') : undefined;
  const directions: Direction[] = declared ?? (hasIn && hasOut ? ['Ingress', 'Egress'] : hasOut ? ['Egress'] : ['Ingress']);
  const verdict = { Ingress: verdictOf(spec.ingress), Egress: verdictOf(spec.egress) };
  const inNamespace = (ns: NamespaceFacts): boolean => {
    if (namespace !== undefined) return ns.name === namespace;
    if (!namespaces) return true;
    // the namespace's labels and its name; projectcalico.org/namespace is set so that global() (non-namespaced only) is false
    return namespaces.matches((k) => (k === 'projectcalico.org/name' || k === 'projectcalico.org/namespace' ? ns.name : ns.labels[k]));
  };
  const fixedOf = perNamespace(endpointLabels);
  const order = typeof spec.order === 'number' ? spec.order : undefined;
  return [{
    policy,
    label: `${policy.kind} ${policy.name} (${policy.apiVersion})`,
    namespace,
    layer: 'namespace',
    directions,
    allowsAll: { Ingress: verdict.Ingress === 'Allow' || verdict.Ingress === 'Pass', Egress: verdict.Egress === 'Allow' || verdict.Egress === 'Pass' },
    verdict,
    tier: typeof spec.tier === 'string' && spec.tier ? spec.tier : 'default',
    order,
    ...(problems.length ? { problem: problems.join('; ') } : {}),
    appliesIn: inNamespace,
    selects: (ns, pod) => {
      if (!inNamespace(ns)) return false;
      const fixed = fixedOf(ns);
      const label = (k: string) => (k === 'projectcalico.org/serviceaccount' ? pod.serviceAccount : k in fixed ? fixed[k] : pod.labels[k]);
      return selector.matches(label) && accounts.matches((k) => (k === 'projectcalico.org/name' ? pod.serviceAccount : undefined));
    },
    selectsAll: (ns) => {
      if (!inNamespace(ns)) return false;
      const fixed = fixedOf(ns);
      return [...selector.keys].every((k) => k in fixed) && selector.matches((k) => fixed[k])
        && accounts.keys.size === 0 && accounts.matches(() => undefined);
    },
  }];
}
