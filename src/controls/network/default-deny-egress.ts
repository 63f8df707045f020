import { defineControl } from '../define.js';
import { checkDefaultDeny, defaultDenyPolicy } from '../templates/default-deny.js';
import { NETWORK_POLICY_KINDS } from '../../inventory/network.js';

const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

export default defineControl({
  id: 'default-deny-egress',
  aliases: ['C-0054'],
  title: 'Namespace without default-deny egress policy',
  severity: 'medium',
  section: 'network',
  reads: NETWORK_POLICY_KINDS,
  appliesTo: 'inventory',
  failsWhen: 'no policy denies egress traffic by default to every pod of a namespace: a NetworkPolicy that selects all its pods (empty podSelector), lists Egress in policyTypes and has no rule allowing all destinations; '
    + 'or a CiliumNetworkPolicy/CiliumClusterwideNetworkPolicy, Calico NetworkPolicy/GlobalNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy that does the same by its own rules: a Cilium rule with an egress section (even `- {}`) and enableDefaultDeny not false; a Calico policy of type Egress whose tier ends without an Allow or Pass of all traffic; an AdminNetworkPolicy (by priority) or BaselineAdminNetworkPolicy whose first rule covering every peer is Deny. A cluster-wide policy counts for every namespace it selects; an AdminNetworkPolicy that allows all traffic opens the namespace whatever its NetworkPolicies say.',
  rationale:
    'Without an egress policy a compromised pod can reach the Kubernetes API, cloud metadata endpoints, other '
    + 'namespaces and the internet. The guidance asks for default-deny policies for egress as well as ingress, so that '
    + 'each workload can only open the connections it needs.',
  remediation:
    'Add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Egress]` and no egress rules to every namespace, '
    + 'then allow DNS and the destinations each workload needs.',
  nothingToEvaluate: 'no namespaces in the input (no Namespace objects and no namespaced resources)',
  example: { failing: NAMESPACE, passing: `${NAMESPACE}---\n${defaultDenyPolicy('shop', 'Egress')}` },
  targets: (inventory) => inventory.namespaceResources(),
  check: (target, ctx) => checkDefaultDeny('Egress', target, ctx),
});
