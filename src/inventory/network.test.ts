import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inventoryFromYaml } from '../testing/inventory.js';
import { compileSelector, compileMapSelector } from './selectors.js';

describe('label selectors', () => {
  it('evaluates matchLabels and every matchExpressions operator', () => {
    const s = compileSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['front', 'edge'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'team', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
    assert.ok(s.matches({ app: 'web', tier: 'edge', team: 'a' }));
    assert.ok(s.matches({ app: 'web', tier: 'front', team: 'a', env: 'prod' }));
    assert.ok(!s.matches({ app: 'web', tier: 'front', team: 'a', env: 'dev' }));
    assert.ok(!s.matches({ app: 'web', tier: 'back', team: 'a' }));
    assert.ok(!s.matches({ app: 'web', tier: 'front' }));
    assert.ok(!s.matches({ app: 'web', tier: 'front', team: 'a', legacy: 'x' }));
  });
  it('selects everything when empty and nothing when malformed', () => {
    assert.ok(compileSelector({}).empty);
    assert.ok(compileSelector({}).matches(undefined));
    assert.ok(!compileSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }).matches({ a: 'b' }));
    assert.ok(!compileMapSelector({}).matches({ a: 'b' }), 'a Service without selector selects nothing');
  });
});

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db, tier: back}}
    spec: {containers: [{name: db, image: postgres:16}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-elsewhere, namespace: other, labels: {app: web}}
spec: {containers: [{name: web, image: nginx:1.27}]}
`;

describe('NetworkIndex', () => {
  const inv = inventoryFromYaml(`${WORKLOADS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: front, namespace: shop}
spec:
  podSelector:
    matchExpressions: [{key: tier, operator: In, values: [front]}]
  ingress: [{from: [{namespaceSelector: {}}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all-in, namespace: other}
spec:
  podSelector: {}
  ingress: [{}]
`);
  const net = inv.network();
  const byName = (n: string) => inv.workloads.find((w) => w.resource.name === n)!;

  it('selects pods by expressions within the policy\'s namespace only', () => {
    assert.deepEqual(net.selecting(byName('web'), 'Ingress').map((p) => p.policy.name).sort(), ['deny-all', 'front']);
    assert.deepEqual(net.selecting(byName('db'), 'Ingress').map((p) => p.policy.name), ['deny-all']);
    assert.deepEqual(net.selecting(byName('web'), 'Egress').map((p) => p.policy.name), ['deny-all']);
    assert.deepEqual(net.selecting(byName('web-elsewhere'), 'Egress'), []);
  });
  it('finds default-deny policies, and not ones that allow everything back', () => {
    assert.deepEqual(net.defaultDeny('shop', 'Ingress').map((p) => p.policy.name), ['deny-all']);
    assert.deepEqual(net.defaultDeny('shop', 'Egress').map((p) => p.policy.name), ['deny-all']);
    assert.deepEqual(net.defaultDeny('other', 'Ingress'), []);
  });
  it('defaults policyTypes as the API does', () => {
    const front = net.policiesIn('shop').find((p) => p.policy.name === 'front')!;
    assert.deepEqual(front.directions, ['Ingress']);
  });
});

describe('exposures', () => {
  const inv = inventoryFromYaml(`${WORKLOADS}---
apiVersion: v1
kind: Service
metadata: {name: web-lb, namespace: shop}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {selector: {app: db}, ports: [{port: 5432}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: db, port: {number: 5432}}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: shop}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: web-lb, port: 80}]}]
`);
  const ex = inv.exposures();
  it('follows Services, Ingresses and routes to the workloads in their namespace', () => {
    const summary = ex.map((e) => `${e.how}:${e.via.name}->${e.workloads.map((w) => w.resource.name).join(',')}`).sort();
    assert.deepEqual(summary, ['HTTPRoute:r->web', 'Ingress:shop->db', 'Service type LoadBalancer:web-lb->web']);
  });
  it('finds each exposing object\'s exposure by the object (exposureVia), and none for an internal Service', () => {
    for (const e of ex) assert.equal(inv.exposureVia(e.via), e);
    assert.equal(inv.exposureVia(inv.get('Service', 'shop', 'db')!), undefined);
    assert.equal(inv.exposureVia(inv.workloads[0]!.resource), undefined);
  });
});
