import { defineControl } from '../define.js';
import { checkDefaultDeny, defaultDenyPolicy } from '../templates/default-deny.js';

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
  reads: ['NetworkPolicy'],
  appliesTo: 'inventory',
  failsWhen: 'a namespace has no NetworkPolicy that selects all its pods (empty podSelector), lists Egress in policyTypes and has no rule allowing all destinations.',
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
