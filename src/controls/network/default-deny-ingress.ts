import { defineControl } from '../define.js';
import { checkDefaultDeny, defaultDenyPolicy } from '../templates/default-deny.js';

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
  reads: ['NetworkPolicy'],
  appliesTo: 'inventory',
  failsWhen: 'a namespace has no NetworkPolicy that selects all its pods (empty podSelector), lists Ingress in policyTypes and has no rule allowing all sources.',
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
