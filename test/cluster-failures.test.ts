// readCluster when the API server refuses, throttles, fails, is slow or is not there: what is
// thrown (401, unreachable), what is a result (403, timeouts, a page too large), what is retried
// (429, 500, an expired continue token), and that no message carries the token.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { readCluster, Unauthorized, Unreachable } from '../src/sources/cluster/index.js';
import { SECRET_CANARY, SHOP, TOKEN, configMaps } from './support/cluster-fixture.js';
import { serve, testTls } from './support/cluster-serve.js';
import { scan } from '../src/engine/scan.js';
import { writeKubeconfig } from './support/cluster-tls.js';

/** Every message the tests saw: none may contain the token. */
const messages: string[] = [];
after(() => {
  assert.ok(messages.length > 3);
  for (const m of messages) assert.ok(!m.includes(TOKEN) && !m.includes('wrong-token-'), m);
});

async function withCluster<T>(yaml: string, options: Parameters<typeof serve>[1], run: (kubeconfig: string, fake: Awaited<ReturnType<typeof serve>>['fake']) => Promise<T>): Promise<T> {
  const { fake, kubeconfig } = await serve(yaml, options);
  try {
    return await run(kubeconfig, fake);
  } finally {
    fake.assertNoViolations();
    await fake.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    messages.push((e as Error).message);
    if (process.env.PALISADE_TEST_SHOW) console.log((e as Error).message);
    return e as Error;
  }
  assert.fail('expected a rejection');
}

describe('readCluster: refusals and failures', () => {
  it('403 on the RBAC kinds: those kinds are unreadable and warned about (a permission, not a fault), everything else is read', async () => {
    await withCluster(SHOP, { forbidden: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] }, async (kubeconfig) => {
      const result = await readCluster({ kubeconfig, backoffMs: 10 });
      const refused = result.unreadable.filter((u) => u.status === 403);
      assert.deepEqual(refused.map((u) => u.kind).sort(), ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']);
      assert.deepEqual(refused.map((u) => u.path).sort(), [
        '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', '/apis/rbac.authorization.k8s.io/v1/clusterroles',
        '/apis/rbac.authorization.k8s.io/v1/rolebindings', '/apis/rbac.authorization.k8s.io/v1/roles',
      ]);
      assert.deepEqual(result.errors, []);
      const forbidden = result.warnings.find((w) => w.startsWith('ClusterRoles'));
      assert.ok(forbidden, result.warnings.join('\n'));
      assert.match(forbidden, /^ClusterRoles could not be listed: 403 Forbidden: clusterroles\.rbac\.authorization\.k8s\.io is forbidden: User "system:serviceaccount:palisade:scanner" cannot list/);
      assert.ok(result.resources.some((r) => r.kind === 'Deployment'));
      assert.ok(result.resources.some((r) => r.kind === 'Secret'));
      assert.ok(!result.resources.some((r) => r.kind.includes('Role')));
      assert.equal(result.documents, result.resources.length);
      // judged: the controls that need the refused kinds are skipped, the others run
      const report = scan(result);
      assert.equal(report.controls.find((c) => c.id === 'rbac-secrets-access')!.status, 'skipped');
      assert.equal(report.controls.find((c) => c.id === 'privileged-container')!.status, 'failed');
      assert.ok(report.unreadable!.find((u) => u.kind === 'RoleBinding')!.controls!.includes('cluster-admin-binding'));
      messages.push(...result.errors.map((e) => e.message), ...result.warnings);
    });
  });

  it('429 with Retry-After, then success; 500, then success', async () => {
    await withCluster(`${SHOP}\n---\n${configMaps(20)}`, { throttleOnce: ['configmaps'], failOnce: ['services', 'secrets'] }, async (kubeconfig, fake) => {
      const result = await readCluster({ kubeconfig, backoffMs: 10 });
      assert.deepEqual(result.unreadable.filter((u) => u.kind !== 'KubeletConfiguration'), []);
      assert.equal(result.resources.filter((r) => r.kind === 'ConfigMap').length, 20);
      assert.ok(result.resources.some((r) => r.kind === 'Service'));
      assert.ok(result.resources.some((r) => r.kind === 'Secret' && r.object.type === 'kubernetes.io/service-account-token'));
      assert.equal(fake.requests.filter((r) => r.path === '/api/v1/configmaps').length, 2);
      assert.equal(fake.requests.filter((r) => r.path === '/api/v1/services').length, 2);
    });
  });

  it('a 5xx that persists: three tries, then the kind is unreadable with the last reason', async () => {
    await withCluster(SHOP, { configz: () => undefined }, async (kubeconfig, fake) => {
      const result = await readCluster({ kubeconfig, backoffMs: 10 });
      const node1 = result.unreadable.find((u) => u.name === 'node1')!;
      assert.equal(node1.status, 503);
      assert.match(node1.reason, /503 Service Unavailable after 3 tries: error trying to reach service/);
      assert.equal(fake.requests.filter((r) => r.path === '/api/v1/nodes/node1/proxy/configz').length, 3);
    });
  });

  it('an expired continue token (410) restarts that kind once, and every item is read once', async () => {
    await withCluster(configMaps(1200), { expireOnce: ['configmaps'] }, async (kubeconfig, fake) => {
      const result = await readCluster({ kubeconfig });
      assert.equal(new Set(result.resources.filter((r) => r.kind === 'ConfigMap').map((r) => r.name)).size, 1200);
      assert.equal(result.resources.filter((r) => r.kind === 'ConfigMap').length, 1200);
      // page 1, page 2 → 410, then pages 1, 2, 3
      assert.equal(fake.requests.filter((r) => r.path === '/api/v1/configmaps').length, 5);
    });
  });

  it('a slow list beyond the timeout is unreadable (timeout); the other kinds are read meanwhile', async () => {
    await withCluster(SHOP, { slow: { configmaps: 3000, services: 100 } }, async (kubeconfig) => {
      const result = await readCluster({ kubeconfig, timeoutMs: 1000 });
      const slow = result.unreadable.find((u) => u.kind === 'ConfigMap')!;
      assert.equal(slow.status, 'timeout');
      assert.match(slow.reason, /no complete answer within 1 s/);
      assert.ok(result.resources.some((r) => r.kind === 'Service'), 'a slow answer within the timeout is read');
      assert.ok(result.resources.some((r) => r.kind === 'Deployment'));
      messages.push(...result.errors.map((e) => e.message));
    });
  });

  it('a page larger than the byte cap is refused, not buffered', async () => {
    await withCluster(configMaps(40, 'bulk', 4000), {}, async (kubeconfig) => {
      const result = await readCluster({ kubeconfig, maxBodyBytes: 64 * 1024 });
      const big = result.unreadable.find((u) => u.kind === 'ConfigMap')!;
      assert.equal(big.status, 'too-large');
      assert.match(big.reason, /larger than 64 KiB/);
      assert.ok(result.resources.some((r) => r.kind === 'Namespace'));
    });
  });

  it('403 on the node proxy: one request, one unreadable entry for every kubelet, a warning that names the permission', async () => {
    await withCluster(SHOP, { configz: 'forbidden' }, async (kubeconfig, fake) => {
      const result = await readCluster({ kubeconfig });
      assert.equal(fake.requests.filter((r) => r.path.endsWith('/proxy/configz')).length, 1);
      assert.deepEqual(result.unreadable.map((u) => [u.kind, u.name, u.status]), [['KubeletConfiguration', undefined, 403]]);
      assert.match(result.warnings.join('\n'), /kubelet configuration of the 2 node\(s\) could not be read .*403 Forbidden.*kubelet controls are skipped; they need get on nodes\/proxy/);
      assert.deepEqual(result.errors, []);
      const kubeletControls = scan(result).controls.filter((c) => c.section === 'kubelet' && c.id.startsWith('kubelet-'));
      assert.ok(kubeletControls.length >= 5);
      for (const c of kubeletControls) assert.equal(c.status, 'skipped', c.id);
    });
  });

  it('a server that answers a metadata-only list with whole Secrets: the page is dropped, Secrets unreadable', async () => {
    await withCluster(SHOP, { ignoreMetadataAccept: true }, async (kubeconfig) => {
      const result = await readCluster({ kubeconfig, kubelets: false });
      const secrets = result.unreadable.find((u) => u.kind === 'Secret')!;
      assert.equal(secrets.status, 'invalid');
      assert.match(secrets.reason, /did not answer with metadata only \(got SecretList\): Secret objects are not read/);
      assert.ok(!result.resources.some((r) => r.kind === 'Secret'));
      assert.ok(!JSON.stringify(result).includes(SECRET_CANARY));
      assert.ok(result.resources.some((r) => r.kind === 'ConfigMap' || r.kind === 'Deployment'));
    });
  });

  it('namespace filters go to the server: an include list as paths, an exclude list as a field selector', async () => {
    await withCluster(`${SHOP}\n---\n${configMaps(3)}`, {}, async (kubeconfig, fake) => {
      const included = await readCluster({ kubeconfig, includeNamespaces: ['shop', 'absent'], kubelets: false });
      assert.deepEqual(included.errors, []);
      assert.ok(fake.requests.some((r) => r.path === '/api/v1/namespaces/shop/pods'));
      assert.ok(fake.requests.some((r) => r.path === '/api/v1/namespaces/shop' && !r.query.has('limit')), 'an included Namespace is a GET');
      assert.ok(!fake.requests.some((r) => r.path === '/api/v1/namespaces'), 'no list of every Namespace');
      assert.ok(!fake.requests.some((r) => r.path === '/api/v1/pods'));
      assert.deepEqual([...new Set(included.resources.map((r) => r.effectiveNamespace ?? '-'))].sort(), ['-', 'shop']);
      assert.deepEqual(included.resources.filter((r) => r.kind === 'Namespace').map((r) => r.name), ['shop']);
      assert.ok(included.resources.some((r) => r.kind === 'ClusterRole'), 'cluster-scoped kinds are kept');

      fake.requests.length = 0;
      const excluded = await readCluster({ kubeconfig, excludeNamespaces: ['bulk', 'kube-system'], kubelets: false });
      const pods = fake.requests.find((r) => r.path === '/api/v1/pods')!;
      assert.equal(pods.query.get('fieldSelector'), 'metadata.namespace!=bulk,metadata.namespace!=kube-system');
      const tokens = fake.requests.find((r) => r.path === '/api/v1/secrets' && r.query.get('fieldSelector')?.startsWith('type='))!;
      assert.equal(tokens.query.get('fieldSelector'), 'type=kubernetes.io/service-account-token,metadata.namespace!=bulk,metadata.namespace!=kube-system');
      assert.ok(!excluded.resources.some((r) => r.effectiveNamespace === 'bulk' || r.name === 'bulk' || r.name === 'kube-system'));
      assert.ok(excluded.resources.some((r) => r.kind === 'Secret' && r.object.type === 'kubernetes.io/service-account-token'));
      assert.ok(!fake.requests.some((r) => r.path.endsWith('/configz')));
    });
  });
});

describe('readCluster: errors that end the scan', () => {
  it('401: Unauthorized, one line, without the token', async () => {
    await withCluster(SHOP, { clientToken: 'wrong-token-0123456789abcdef0123456789abcdef' }, async (kubeconfig) => {
      const e = await rejection(readCluster({ kubeconfig }));
      assert.ok(e instanceof Unauthorized);
      assert.match(e.message, /^the API server https:\/\/127\.0\.0\.1:\d+ rejected the credentials of context "fake" \(401 Unauthorized\)$/);
    });
  });

  it('connection refused: Unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const tls = testTls();
    const kubeconfig = writeKubeconfig(path.join(tls.dir, 'refused'), [{ name: 'gone', server: `https://127.0.0.1:${port}`, caPem: tls.caPem, token: TOKEN }]);
    const e = await rejection(readCluster({ kubeconfig }));
    assert.ok(e instanceof Unreachable);
    assert.match(e.message, new RegExp(`^cannot reach the API server https://127\\.0\\.0\\.1:${port} \\(context "gone"\\): .*ECONNREFUSED`));
  });

  it('a server certificate the kubeconfig does not trust: Unreachable, naming the TLS failure', async () => {
    await withCluster(SHOP, {}, async (_kubeconfig, fake) => {
      const tls = testTls();
      const kubeconfig = writeKubeconfig(path.join(tls.dir, 'untrusted'), [{ name: 'untrusted', server: fake.url, token: TOKEN }]);
      const e = await rejection(readCluster({ kubeconfig }));
      assert.ok(e instanceof Unreachable);
      assert.match(e.message, /context "untrusted"\): .*(certificate|CERT)/i);
      assert.equal(fake.requests.length, 0, 'no request got through, so the token was never sent');
    });
  });
});
