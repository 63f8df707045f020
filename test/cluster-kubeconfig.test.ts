// loadClusterConfig: where the kubeconfig is found (as kubectl finds it), contexts, and errors
// that are one line and never quote the file or a credential.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { KubeconfigError, loadClusterConfig } from '../src/sources/cluster/index.js';
import { tempDir } from './support/cli.js';
import { TOKEN } from './support/cluster-fixture.js';
import { writeKubeconfig } from './support/cluster-tls.js';

const dir = tempDir('palisade-kubeconfig-');
const CANARY = 'kubeconfig-canary-Zq8Jx1Wm3Rt5Yv7Bn9';
const saved = { KUBECONFIG: process.env.KUBECONFIG, HOME: process.env.HOME, KUBERNETES_SERVICE_HOST: process.env.KUBERNETES_SERVICE_HOST };
beforeEach(() => {
  delete process.env.KUBECONFIG;
  delete process.env.KUBERNETES_SERVICE_HOST;
  process.env.HOME = fs.mkdtempSync(path.join(dir, 'home-'));
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function failure(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => assert.fail('expected an error'), (err: unknown) => err);
  assert.ok(e instanceof KubeconfigError, String(e));
  assert.ok(!e.message.includes('\n'), 'one line');
  for (const secret of [TOKEN, CANARY, 'wrong-token-']) assert.ok(!e.message.includes(secret), e.message);
  return e.message;
}

const two = (file: string) => writeKubeconfig(file, [
  { name: 'prod', server: 'https://prod.example:6443', token: TOKEN },
  { name: 'staging', server: 'https://staging.example:6443/k8s/clusters/c-1/', token: TOKEN },
]);

describe('loadClusterConfig', () => {
  it('reads a kubeconfig file: server and current context', async () => {
    const config = await loadClusterConfig({ kubeconfig: two(path.join(dir, 'two')) });
    assert.equal(config.server, 'https://prod.example:6443');
    assert.equal(config.context, 'prod');
    assert.match(config.from, /^kubeconfig .*two$/);
    const opts: { headers?: Record<string, string | number | string[] | undefined> } = { headers: {} };
    await config.authenticate(opts);
    assert.equal(opts.headers?.Authorization, `Bearer ${TOKEN}`);
  });

  it('--context chooses another context; a path prefix in the server URL is kept', async () => {
    const config = await loadClusterConfig({ kubeconfig: two(path.join(dir, 'two')), context: 'staging' });
    assert.equal(config.context, 'staging');
    assert.equal(config.server, 'https://staging.example:6443/k8s/clusters/c-1');
  });

  it('errors: no such context, no current context, file not found, not YAML, not https', async () => {
    const file = two(path.join(dir, 'two'));
    assert.equal(await failure(loadClusterConfig({ kubeconfig: file, context: 'dev' })),
      `no context named "dev" in kubeconfig ${file} (contexts: prod, staging)`);
    const none = writeKubeconfig(path.join(dir, 'none'), [{ name: 'a', server: 'https://a:6443', token: TOKEN }], null);
    assert.equal(await failure(loadClusterConfig({ kubeconfig: none })), `kubeconfig ${none} has no current-context: choose one with --context (contexts: a)`);
    const missing = path.join(dir, 'missing');
    assert.equal(await failure(loadClusterConfig({ kubeconfig: missing })), `kubeconfig ${missing} not found`);
    const broken = path.join(dir, 'broken');
    fs.writeFileSync(broken, `apiVersion: v1\nusers:\n- name: u\n  user: {token: ${CANARY}\n  password: "${CANARY}\n`);
    assert.match(await failure(loadClusterConfig({ kubeconfig: broken })), new RegExp(`^kubeconfig ${broken} could not be read: not valid YAML at line \\d+`));
    const http = writeKubeconfig(path.join(dir, 'http'), [{ name: 'plain', server: 'http://127.0.0.1:8080', token: TOKEN }]);
    assert.equal(await failure(loadClusterConfig({ kubeconfig: http })), 'the cluster of context "plain" is not served over https (http://127.0.0.1:8080)');
  });

  it('KUBECONFIG with several files: merged, the first to define a name wins, missing files skipped', async () => {
    const a = path.join(dir, 'a');
    fs.writeFileSync(a, `apiVersion: v1
clusters: [{name: shared, cluster: {server: "https://first.example:6443"}}]
users: [{name: u, user: {token: ${TOKEN}}}]
contexts: [{name: a, context: {cluster: shared, user: u}}]
current-context: a
`);
    const b = path.join(dir, 'b');
    fs.writeFileSync(b, `apiVersion: v1
clusters: [{name: shared, cluster: {server: "https://second.example:6443"}}, {name: other, cluster: {server: "https://other.example:6443"}}]
users: [{name: u, user: {token: ${TOKEN}}}]
contexts: [{name: b, context: {cluster: shared, user: u}}, {name: c, context: {cluster: other, user: u}}]
current-context: c
`);
    process.env.KUBECONFIG = [path.join(dir, 'absent'), a, b].join(path.delimiter);
    const config = await loadClusterConfig();
    assert.equal(config.context, 'a');
    assert.equal(config.server, 'https://first.example:6443');
    assert.equal(config.from, `the KUBECONFIG files (${a}, ${b})`);
    assert.equal((await loadClusterConfig({ context: 'b' })).server, 'https://first.example:6443');
    assert.equal((await loadClusterConfig({ context: 'c' })).server, 'https://other.example:6443');
    process.env.KUBECONFIG = path.join(dir, 'absent');
    assert.equal(await failure(loadClusterConfig()), `none of the KUBECONFIG files exists (${path.join(dir, 'absent')})`);
  });

  it('~/.kube/config when KUBECONFIG is unset; a clear error when there is no kubeconfig at all', async () => {
    const home = process.env.HOME!;
    assert.equal(await failure(loadClusterConfig()),
      `no kubeconfig: KUBECONFIG is not set, ${home}/.kube/config does not exist and this is not a pod; pass --kubeconfig FILE`);
    fs.mkdirSync(path.join(home, '.kube'));
    two(path.join(home, '.kube', 'config'));
    assert.equal((await loadClusterConfig()).context, 'prod');
  });
});
