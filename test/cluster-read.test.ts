// readCluster against a fake API server (HTTPS on 127.0.0.1, bearer token, the fixture cluster):
// every page followed, kinds set, Secrets read as metadata only, owners folded, kubelets read
// through the node proxy, and the result judged by the real engine.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readCluster, type ClusterProgress, type ClusterSourceResult } from '../src/sources/cluster/index.js';
import { scan } from '../src/engine/scan.js';
import { SECRET_CANARY, SHOP, TOKEN, configMaps } from './support/cluster-fixture.js';
import { serve, type Started } from './support/cluster-serve.js';

describe('readCluster: the fixture cluster', () => {
  let cluster: Started;
  let result: ClusterSourceResult;
  const progress: ClusterProgress[] = [];

  before(async () => {
    cluster = await serve(`${SHOP}\n---\n${configMaps(1200)}`);
    result = await readCluster({ kubeconfig: cluster.kubeconfig, backoffMs: 10, onProgress: (p) => progress.push(p) });
  });
  after(async () => {
    cluster.fake.assertNoViolations();
    await cluster.fake.close();
  });
  const ofKind = (kind: string) => result.resources.filter((r) => r.kind === kind);
  const named = (kind: string, name: string) => result.resources.find((r) => r.kind === kind && r.name === name);

  it('follows every page: 1,200 ConfigMaps with limit 500 are 3 pages, every item once', () => {
    const pages = cluster.fake.requests.filter((r) => r.path === '/api/v1/configmaps');
    assert.equal(pages.length, 3);
    assert.deepEqual(pages.map((r) => r.query.get('limit')), ['500', '500', '500']);
    assert.deepEqual(pages.map((r) => r.query.has('continue')), [false, true, true]);
    const names = new Set(ofKind('ConfigMap').map((r) => r.name));
    assert.equal(ofKind('ConfigMap').length, 1200);
    assert.equal(names.size, 1200);
  });

  it('sets kind and apiVersion on every item, ids in resourceId form and the API object as location', () => {
    for (const r of result.resources) {
      assert.equal(r.object.kind, r.kind);
      assert.equal(r.object.apiVersion, r.apiVersion);
      assert.equal(r.source.type, 'cluster');
    }
    const web = named('Deployment', 'web')!;
    assert.equal(web.apiVersion, 'apps/v1');
    assert.equal(web.id, 'apps/v1/shop/Deployment/web');
    assert.deepEqual(web.locate!(['spec', 'template', 'spec', 'containers', 0]), { file: 'Deployment/shop/web' });
    const role = named('ClusterRole', 'everything')!;
    assert.equal(role.id, 'rbac.authorization.k8s.io/v1//ClusterRole/everything');
    assert.equal(role.clusterScoped, true);
    assert.deepEqual(role.locate!(['rules', 0]), { file: 'ClusterRole/everything' });
    assert.equal(named('NetworkPolicy', 'deny')?.apiVersion, 'networking.k8s.io/v1');
    assert.equal(named('ValidatingWebhookConfiguration', 'policy')?.apiVersion, 'admissionregistration.k8s.io/v1');
  });

  it('drops managedFields and status, except a Node\'s nodeInfo and addresses', () => {
    for (const r of result.resources) assert.equal(r.object.metadata.managedFields, undefined, r.id);
    assert.equal(named('Deployment', 'web')!.object.status, undefined);
    assert.equal(named('Pod', 'debug')!.object.status, undefined);
    const node = named('Node', 'node1')!.object.status as Record<string, unknown>;
    assert.deepEqual(Object.keys(node).sort(), ['addresses', 'nodeInfo']);
    assert.equal((node.nodeInfo as { kubeletVersion: string }).kubeletVersion, 'v1.33.1');
  });

  it('reads Secrets as metadata only: no data, no last-applied copy, the token type from a second list', () => {
    const secretRequests = cluster.fake.requests.filter((r) => r.path.endsWith('/secrets'));
    assert.equal(secretRequests.length, 2);
    for (const r of secretRequests) assert.match(r.accept, /^application\/json;as=PartialObjectMetadataList;g=meta\.k8s\.io;v=v1$/);
    assert.deepEqual(secretRequests.map((r) => r.query.get('fieldSelector')).sort(), [null, 'type=kubernetes.io/service-account-token']);
    const creds = named('Secret', 'app-creds')!;
    assert.deepEqual(Object.keys(creds.object).sort(), ['apiVersion', 'kind', 'metadata']);
    assert.equal(creds.object.type, undefined);
    assert.equal(named('Secret', 'ci-token')!.object.type, 'kubernetes.io/service-account-token');
    assert.equal(named('Secret', 'ci-token')!.object.metadata.annotations?.['kubernetes.io/service-account.name'], 'ci');
    const everything = JSON.stringify(result);
    assert.ok(!everything.includes(SECRET_CANARY), 'no Secret value in the result');
    assert.ok(!everything.includes(Buffer.from(SECRET_CANARY).toString('base64')), 'no base64 Secret value in the result');
    cluster.fake.assertNoViolations();
  });

  it('folds owned workloads into their top owner: Pod → ReplicaSet → Deployment is the Deployment', () => {
    assert.ok(named('Deployment', 'web'));
    assert.equal(named('ReplicaSet', 'web-5d8f'), undefined);
    assert.equal(named('Pod', 'web-5d8f-abcde'), undefined);
    assert.ok(named('CronJob', 'backup'));
    assert.equal(named('Job', 'backup-29000000'), undefined);
    assert.equal(named('Pod', 'backup-29000000-x1'), undefined);
    assert.ok(named('Pod', 'debug'), 'a Pod without an owner stays');
    assert.ok(named('Pod', 'kube-apiserver-node1'), 'a mirror Pod (owned by its Node) stays');
    assert.deepEqual(result.folded, { ReplicaSet: 1, Pod: 2, Job: 1 });
  });

  it('reads each kubelet\'s live configuration as a KubeletConfiguration named after its node', () => {
    const kubelet = named('KubeletConfiguration', 'node1')!;
    assert.equal(kubelet.apiVersion, 'kubelet.config.k8s.io/v1beta1');
    assert.equal(kubelet.id, 'kubelet.config.k8s.io/v1beta1//KubeletConfiguration/node1');
    assert.equal(kubelet.object.readOnlyPort, 10255);
    assert.deepEqual(kubelet.locate!(['readOnlyPort']), { file: 'KubeletConfiguration/node1' });
    assert.equal(named('KubeletConfiguration', 'node2'), undefined);
    assert.deepEqual(result.unreadable.map((u) => [u.kind, u.name, u.status]), [['KubeletConfiguration', 'node2', 503]]);
    assert.match(result.warnings.join('\n'), /1 of 2 node\(s\) could not be read.*node2/);
  });

  it('is judged by the engine as any other source: controls fire on owners, kubelets and RBAC', () => {
    const report = scan(result);
    const failed = (control: string) => report.findings.filter((f) => f.controlId === control && f.status === 'failed').map((f) => f.resourceId);
    assert.deepEqual(failed('privileged-container').sort(), ['apps/v1/shop/Deployment/web', 'batch/v1/shop/CronJob/backup']);
    assert.deepEqual(failed('kubelet-anonymous-auth'), ['kubelet.config.k8s.io/v1beta1//KubeletConfiguration/node1']);
    assert.deepEqual(failed('kubelet-read-only-port'), ['kubelet.config.k8s.io/v1beta1//KubeletConfiguration/node1']);
    assert.deepEqual(failed('long-lived-token-secret'), ['/v1/shop/Secret/ci-token']);
    assert.ok(failed('apiserver-anonymous-auth').includes('/v1/kube-system/Pod/kube-apiserver-node1'));
    assert.ok(failed('rbac-wildcards').length > 0);
  });

  it('asks discovery only for the groups it needs and says nothing about an absent Gateway API', () => {
    const paths = new Set(cluster.fake.requests.map((r) => r.path));
    assert.ok(paths.has('/api') && paths.has('/apis') && paths.has('/api/v1') && paths.has('/apis/apps/v1'));
    assert.ok(![...paths].some((p) => p.startsWith('/apis/metrics.k8s.io') || p.startsWith('/apis/storage.k8s.io')));
    assert.ok(![...paths].some((p) => p.includes('gateway')));
    assert.ok(!result.warnings.some((w) => /gateway|route/i.test(w)), result.warnings.join('\n'));
  });

  it('returns the files source\'s shape, the server version and progress', () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.ignored, []);
    assert.equal(result.documents, result.resources.length);
    assert.deepEqual(result.targets, [{ type: 'cluster', context: 'fake', server: cluster.fake.url, version: 'v1.33.1' }]);
    assert.equal(result.cluster.version, 'v1.33.1');
    assert.equal(result.cluster.server, cluster.fake.url);
    const last = progress.at(-1)!;
    assert.equal(last.kindsListed, last.kinds);
    assert.ok(last.kinds >= 26, `${last.kinds} kinds`);
    assert.equal(last.kubeletsRead, 2);
    assert.ok(last.pages >= 3 + last.kinds - 1);
    assert.equal(last.objects, result.resources.length - 1 + 4 + 1 /* folded, minus the kubelet, plus the token list */);
    assert.ok(!JSON.stringify(result).includes(TOKEN));
  });
});

describe('readCluster: Gateway API routes when the cluster serves them', () => {
  it('lists each route kind at a version the server has', async () => {
    const cluster = await serve(`
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec: {rules: [{backendRefs: [{name: web, port: 80}]}]}
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TLSRoute
metadata: {name: tls, namespace: shop}
spec: {rules: [{backendRefs: [{name: web, port: 443}]}]}
`, { gatewayApi: true });
    try {
      const result = await readCluster({ kubeconfig: cluster.kubeconfig });
      assert.deepEqual(result.resources.filter((r) => r.kind.endsWith('Route')).map((r) => r.id).sort(), [
        'gateway.networking.k8s.io/v1/shop/HTTPRoute/web', 'gateway.networking.k8s.io/v1alpha2/shop/TLSRoute/tls',
      ]);
      assert.deepEqual(result.unreadable, []);
      assert.deepEqual(result.warnings, []);
    } finally {
      await cluster.fake.close();
    }
  });
});
