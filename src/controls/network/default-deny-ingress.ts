import { defineControl } from '../define.js';
import { checkDefaultDeny, defaultDenyPolicy } from '../templates/default-deny.js';
import { NETWORK_POLICY_KINDS } from '../../inventory/network.js';

const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

export default defineControl({
  id: 'default-deny-ingress',
  aliases: ['C-0054', 'C-0206'],
  title: 'Namespace without default-deny ingress policy',
  severity: 'medium',
  section: 'network',
  reads: NETWORK_POLICY_KINDS,
  appliesTo: 'inventory',
  failsWhen: 'no policy denies ingress traffic by default to every pod of a namespace: a NetworkPolicy that selects all its pods (empty podSelector), lists Ingress in policyTypes and has no rule allowing all sources; '
    + 'or a CiliumNetworkPolicy/CiliumClusterwideNetworkPolicy, Calico NetworkPolicy/GlobalNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy that does the same by its own rules: a Cilium rule with an ingress section (even `- {}`) and enableDefaultDeny not false; a Calico policy of type Ingress whose tier ends without an Allow or Pass of all traffic; an AdminNetworkPolicy (by priority) or BaselineAdminNetworkPolicy whose first rule covering every peer is Deny. A cluster-wide policy counts for every namespace it selects; an AdminNetworkPolicy that allows all traffic opens the namespace whatever its NetworkPolicies say.',
  rationale:
    'Kubernetes lets every pod talk to every other pod unless a NetworkPolicy says otherwise. The guidance asks for a '
    + 'default-deny policy in each namespace so that a compromised pod cannot reach every service in the cluster, and '
    + 'for explicit policies that allow only the traffic each workload needs.',
  remediation:
    'Add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress]` and no ingress rules to every namespace, '
    + 'then add policies that allow the traffic each workload needs. It takes effect only with a CNI that enforces NetworkPolicies.',
  nothingToEvaluate: 'no namespaces in the input (no Namespace objects and no namespaced resources)',
  example: { failing: NAMESPACE, passing: `${NAMESPACE}---\n${defaultDenyPolicy('shop', 'Ingress')}` },
  targets: (inventory) => inventory.namespaceResources(),
  check: (target, ctx) => checkDefaultDeny('Ingress', target, ctx),
});
