// readCluster with the network policy CRDs of Cilium, Calico and network-policy-api: each kind is
// listed where the cluster serves it (Calico's CRDs only when its API server is not), their
// absence says nothing, a 403 skips the network controls, and the engine counts what was read.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readCluster } from '../src/sources/cluster/index.js';
import { scan } from '../src/engine/scan.js';
import { serve } from './support/cluster-serve.js';

const POLICIES = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: blog, labels: {team: blog}}
---
apiVersion: v1
kind: Namespace
metadata: {name: open}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: deny-all-ingress, namespace: shop}
spec:
  endpointSelector: {}
  ingress: [{}]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: blog-egress}
spec:
  namespaceSelector: team == 'blog'
  types: [Egress]
---
apiVersion: crd.projectcalico.org/v1
kind: GlobalNetworkPolicy
metadata: {name: default.blog-egress}
spec:
  namespaceSelector: team == 'blog'
  types: [Egress]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {matchLabels: {team: blog}}}
  ingress: [{name: deny, action: Deny, from: [{namespaces: {}}]}]
`;

describe('readCluster: network policy CRDs', () => {
  it('lists every CNI kind served, prefers Calico\'s API server to its CRDs, and the controls count them', async () => {
    const cluster = await serve(POLICIES, { networkPolicyCrds: true });
    try {
      const result = await readCluster({ kubeconfig: cluster.kubeconfig, backoffMs: 10, kubelets: false });
      const ids = result.resources.filter((r) => /Policy$/.test(r.kind)).map((r) => r.id).sort();
      assert.deepEqual(ids, [
        'cilium.io/v2/shop/CiliumNetworkPolicy/deny-all-ingress',
        'policy.networking.k8s.io/v1alpha1//BaselineAdminNetworkPolicy/default',
        'projectcalico.org/v3//GlobalNetworkPolicy/blog-egress',
      ]);
      assert.ok(!cluster.fake.requests.some((r) => r.path.startsWith('/apis/crd.projectcalico.org/v1/')), 'the CRDs behind the API server are not listed');
      assert.deepEqual(result.unreadable, []);
      const report = scan(result, { controls: ['default-deny-ingress', 'default-deny-egress'] });
      const failed = (id: string) => report.findings.filter((f) => f.controlId === id && f.status === 'failed').map((f) => f.resourceId).sort();
      assert.deepEqual(failed('default-deny-ingress'), ['/v1//Namespace/open']);
      assert.deepEqual(failed('default-deny-egress'), ['/v1//Namespace/open', '/v1//Namespace/shop']);
    } finally {
      await cluster.fake.close();
    }
  });

  it('says nothing when no CNI CRD is installed', async () => {
    const cluster = await serve('apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
    try {
      const result = await readCluster({ kubeconfig: cluster.kubeconfig, backoffMs: 10, kubelets: false });
      assert.deepEqual(result.unreadable, []);
      assert.ok(!result.warnings.some((w) => /cilium|calico|adminnetwork|GlobalNetwork/i.test(w)), result.warnings.join('\n'));
    } finally {
      await cluster.fake.close();
    }
  });

  it('a CNI kind whose CRD disappears between discovery and the list (404) is absent, not unreadable, and not a warning', async () => {
    const cluster = await serve(POLICIES, { networkPolicyCrds: true, gone: ['ciliumnetworkpolicies'] });
    try {
      const result = await readCluster({ kubeconfig: cluster.kubeconfig, backoffMs: 10, kubelets: false });
      assert.ok(cluster.fake.requests.some((r) => r.path === '/apis/cilium.io/v2/ciliumnetworkpolicies'));
      assert.deepEqual(result.unreadable, []);
      assert.deepEqual(result.errors, []);
      assert.ok(!result.warnings.some((w) => /cilium/i.test(w)), result.warnings.join('\n'));
    } finally {
      await cluster.fake.close();
    }
  });

  it('a refused CNI kind (403) skips the network controls instead of passing them', async () => {
    const cluster = await serve(POLICIES, { networkPolicyCrds: true, forbidden: ['ciliumnetworkpolicies'] });
    try {
      const result = await readCluster({ kubeconfig: cluster.kubeconfig, backoffMs: 10, kubelets: false });
      assert.deepEqual(result.unreadable.map((u) => [u.kind, u.status]), [['CiliumNetworkPolicy', 403]]);
      const report = scan(result, { controls: ['default-deny-ingress', 'workload-not-isolated'] });
      for (const c of report.controls) {
        assert.equal(c.status, 'skipped', c.id);
        assert.match(c.reason ?? '', /CiliumNetworkPolic/);
      }
    } finally {
      await cluster.fake.close();
    }
  });
});
