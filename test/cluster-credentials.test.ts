// Credentials a kubeconfig can hold, against the fake API server: client certificates, a proxy,
// exec credential plugins (and what their failures may show).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { KubeconfigError, readCluster } from '../src/sources/cluster/index.js';
import { tempDir } from './support/cli.js';
import { SHOP, TOKEN } from './support/cluster-fixture.js';
import { serve, testTls } from './support/cluster-serve.js';

const dir = tempDir('palisade-credentials-');

async function failure(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => assert.fail('expected an error'), (err: unknown) => err);
  assert.ok(e instanceof KubeconfigError, String(e));
  assert.ok(!e.message.includes('\n'), 'one line');
  for (const secret of [TOKEN, 'wrong-token-']) assert.ok(!e.message.includes(secret), e.message);
  return e.message;
}

describe('loadClusterConfig: client certificates', () => {
  it('a client certificate and key from the kubeconfig authenticate the requests (no token)', async () => {
    const cluster = await serve(SHOP);
    try {
      const tls = testTls();
      const b64 = (pem: string) => Buffer.from(pem).toString('base64');
      const file = path.join(dir, 'client-cert');
      fs.writeFileSync(file, `apiVersion: v1
clusters: [{name: c, cluster: {server: "${cluster.fake.url}", certificate-authority-data: ${b64(tls.caPem)}}}]
users: [{name: u, user: {client-certificate-data: ${b64(tls.clientCertPem)}, client-key-data: ${b64(tls.clientKeyPem)}}}]
contexts: [{name: cert, context: {cluster: c, user: u}}]
current-context: cert
`);
      const result = await readCluster({ kubeconfig: file, kubelets: false });
      assert.ok(result.resources.some((r) => r.kind === 'Deployment'));
      cluster.fake.assertNoViolations();
    } finally {
      await cluster.fake.close();
    }
  });
});

describe('loadClusterConfig: proxy-url', () => {
  it('every request goes through the kubeconfig\'s HTTP CONNECT proxy', async () => {
    const cluster = await serve(SHOP);
    const tunnels: string[] = [];
    const proxy = http.createServer();
    proxy.on('connect', (req, client, head) => {
      tunnels.push(String(req.url));
      const [host, port] = String(req.url).split(':');
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const tls = testTls();
      const file = path.join(dir, 'proxied');
      fs.writeFileSync(file, `apiVersion: v1
clusters: [{name: c, cluster: {server: "${cluster.fake.url}", proxy-url: "http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}", certificate-authority-data: ${Buffer.from(tls.caPem).toString('base64')}}}]
users: [{name: u, user: {token: ${TOKEN}}}]
contexts: [{name: proxied, context: {cluster: c, user: u}}]
current-context: proxied
`);
      const result = await readCluster({ kubeconfig: file, kubelets: false });
      assert.ok(result.resources.some((r) => r.kind === 'Deployment'));
      assert.ok(tunnels.length > 0);
      assert.ok(tunnels.every((t) => t === cluster.fake.url.replace('https://', '')), tunnels.join(', '));
    } finally {
      proxy.closeAllConnections();
      proxy.close();
      await cluster.fake.close();
    }
  });
});

describe('loadClusterConfig: exec credential plugins', () => {
  let cluster: Awaited<ReturnType<typeof serve>>;
  after(async () => {
    cluster?.fake.assertNoViolations();
    await cluster?.fake.close();
  });

  const withExec = (file: string, script: string) => {
    const tls = testTls();
    fs.writeFileSync(file, `apiVersion: v1
clusters: [{name: fake, cluster: {server: "${cluster.fake.url}", certificate-authority-data: ${Buffer.from(tls.caPem).toString('base64')}}}]
users:
- name: plugin
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ${JSON.stringify(process.execPath)}
      args: ["-e", ${JSON.stringify(script)}]
      env: [{name: FAKE_TOKEN, value: ${TOKEN}}]
      interactiveMode: Never
contexts: [{name: fake, context: {cluster: fake, user: plugin}}]
current-context: fake
`);
    return file;
  };

  it('a token from an exec plugin authenticates the requests (the plugin runs once, not per request)', async () => {
    cluster = await serve(SHOP);
    const count = path.join(dir, 'exec-count');
    const script = `require('fs').appendFileSync(${JSON.stringify(count)}, 'x'); process.stdout.write(JSON.stringify({apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: {token: process.env.FAKE_TOKEN}}))`;
    const result = await readCluster({ kubeconfig: withExec(path.join(dir, 'exec'), script), backoffMs: 10 });
    assert.ok(result.resources.some((r) => r.kind === 'Deployment'));
    assert.equal(fs.readFileSync(count, 'utf8'), 'x');
    assert.ok(cluster.fake.requests.length > 30);
  });

  it('a failing plugin: one line from its stderr, anything token-like replaced', async () => {
    const script = `process.stderr.write('error: the token wrong-token-0123456789abcdef0123456789abcdef has expired\\nsecond line'); process.exit(1)`;
    const message = await failure(readCluster({ kubeconfig: withExec(path.join(dir, 'exec-fails'), script) }));
    assert.equal(message, 'could not get the credentials of context "fake": error: the token [redacted] has expired');
  });
});
