import { defineControl } from '../define.js';
import { NETWORK_POLICY_KINDS } from '../../inventory/network.js';

export default defineControl({
  id: 'workload-not-isolated',
  aliases: ['C-0030', 'C-0260'],
  title: 'Workload not selected by any NetworkPolicy',
  severity: 'medium',
  section: 'network',
  reads: NETWORK_POLICY_KINDS,
  appliesTo: 'pods',
  failsWhen: 'a workload\'s pods are selected by no network policy for ingress, or by none for egress: a NetworkPolicy (matchLabels and '
    + 'matchExpressions both evaluated), a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy rule that puts them in default deny '
    + '(an ingress/egress section, enableDefaultDeny not false), a Calico NetworkPolicy or GlobalNetworkPolicy of that type (Calico '
    + 'selector expressions), or an AdminNetworkPolicy/BaselineAdminNetworkPolicy with a Deny rule in that direction whose subject holds them.',
  rationale:
    'A pod that no NetworkPolicy selects accepts connections from, and opens connections to, anything in the '
    + 'cluster. The guidance asks that every pod be covered by policies, so that lateral movement from a compromised '
    + 'pod is limited to what the workload really needs.',
  remediation:
    'Add NetworkPolicies whose podSelector matches the workload\'s pod labels for both Ingress and Egress (a '
    + 'namespace-wide default-deny policy covers every pod in the namespace).',
  example: {
    failing: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: shop/api:1.4.2}]
`,
    passing: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: shop/api:1.4.2}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress, Egress]
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
  egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]
`,
  },
  check({ resource, pod }, ctx) {
    const net = ctx.inventory.network();
    const w = { resource, pod };
    const missing = (['Ingress', 'Egress'] as const).filter((d) => net.selecting(w, d).length === 0);
    if (missing.length === 0) return;
    const labels = pod.metadata.labels && typeof pod.metadata.labels === 'object' ? pod.metadata.labels : undefined;
    const path = labels ? [...pod.metadataPath, 'labels'] : pod.metadataPath;
    ctx.fail(path, `no NetworkPolicy in namespace ${resource.effectiveNamespace}, and no Cilium, Calico or admin network policy, selects these pods for ${missing.join(' or ')}`, {
      fix: { description: `add a NetworkPolicy selecting the pods' labels with policyTypes [${missing.join(', ')}]` },
    });
  },
});
