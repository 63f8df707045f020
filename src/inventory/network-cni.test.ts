// The NetworkIndex over every policy kind: selection per kind, and the order of evaluation
// (AdminNetworkPolicy by priority with Pass, the namespace's policies, the baseline).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inventoryFromYaml } from '../testing/inventory.js';

const BASE = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {env: prod}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {serviceAccountName: web-sa, containers: [{name: web, image: nginx:1.27}]}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  ingress: [{name: deny, action: Deny, from: [{namespaces: {}}]}]
`;
const anp = (name: string, priority: number, action: string) => `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: ${name}}
spec:
  priority: ${priority}
  subject: {namespaces: {matchLabels: {env: prod}}}
  ingress: [{name: r, action: ${action}, from: [{pods: {namespaceSelector: {}, podSelector: {}}}]}]
`;

describe('NetworkIndex: the order of evaluation', () => {
  it('the baseline protects when nothing before it decides', () => {
    const net = inventoryFromYaml(BASE).network();
    const v = net.defaultDenyOf('shop', 'Ingress');
    assert.deepEqual(v.by.map((p) => p.label), ['BaselineAdminNetworkPolicy default']);
    assert.deepEqual(v.selectingAll.map((p) => p.label), ['BaselineAdminNetworkPolicy default']);
    assert.deepEqual(net.defaultDenyOf('shop', 'Egress').by, []);
  });
  it('an ANP Pass skips the lower-priority ANPs (their Allow does not open), and the baseline still applies', () => {
    const net = inventoryFromYaml(`${BASE}---\n${anp('pass', 1, 'Pass')}---\n${anp('allow', 2, 'Allow')}`).network();
    assert.deepEqual(net.defaultDenyOf('shop', 'Ingress').by.map((p) => p.policy.name), ['default']);
  });
  it('a higher-priority (lower number) Allow opens before a Deny, whatever the order in the input', () => {
    const net = inventoryFromYaml(`${BASE}---\n${anp('deny', 20, 'Deny')}---\n${anp('allow', 10, 'Allow')}`).network();
    assert.equal(net.defaultDenyOf('shop', 'Ingress').openedBy?.policy.name, 'allow');
    const denyFirst = inventoryFromYaml(`${BASE}---\n${anp('deny', 5, 'Deny')}---\n${anp('allow', 10, 'Allow')}`).network();
    assert.deepEqual(denyFirst.defaultDenyOf('shop', 'Ingress').by.map((p) => p.policy.name), ['deny']);
  });
  it('a Kubernetes allow-all NetworkPolicy keeps the traffic from ever reaching the baseline', () => {
    const inv = inventoryFromYaml(`${BASE}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: open, namespace: shop}
spec: {podSelector: {}, ingress: [{}]}
`);
    assert.equal(inv.network().defaultDenyOf('shop', 'Ingress').openedBy?.policy.name, 'open');
  });
});

describe('NetworkIndex: selection per kind', () => {
  const inv = inventoryFromYaml(`${BASE}---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: by-namespace-label}
spec:
  endpointSelector:
    matchLabels: {k8s:io.cilium.k8s.namespace.labels.env: prod, k8s:app: web}
  egress: [{toEntities: [kube-apiserver]}]
---
apiVersion: crd.projectcalico.org/v1
kind: GlobalNetworkPolicy
metadata: {name: by-account}
spec:
  selector: projectcalico.org/serviceaccount == 'web-sa' && pcns.env == 'prod'
  types: [Ingress]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: host-only}
spec:
  doNotTrack: true
  selector: all()
  types: [Ingress]
`);
  const web = inv.workloads.find((w) => w.resource.name === 'web')!;
  const net = inv.network();
  it('Cilium namespace-label keys, Calico pcns. and service account labels select the pod; host-endpoint policies do not', () => {
    assert.deepEqual(net.selecting(web, 'Egress').map((p) => p.policy.name), ['by-namespace-label']);
    assert.deepEqual(net.selecting(web, 'Ingress').map((p) => p.policy.name).sort(), ['by-account', 'default']);
  });
  it('a policy that reads pod labels does not select every pod of the namespace', () => {
    assert.deepEqual(net.defaultDenyOf('shop', 'Egress').by, []);
    assert.ok(!net.defaultDenyOf('shop', 'Egress').selectingAll.some((p) => p.policy.name === 'by-namespace-label'));
  });
});
