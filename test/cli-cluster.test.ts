// `palisade scan --cluster` and `who-can --cluster` as a user runs them: the CLI in its own
// process against the fake API server (HTTPS, bearer token), in every format, with refusals,
// bad credentials and no server — and the findings equal to a scan of the same objects as files.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { dump, loadAll } from 'js-yaml';
import { runCli, runCliAsync, tempDir, type CliResult } from './support/cli.js';
import { SECRET_CANARY, SHOP, TOKEN, configz } from './support/cluster-fixture.js';
import { serve, testTls, type Started } from './support/cluster-serve.js';
import { writeKubeconfig } from './support/cluster-tls.js';

/** Every output of every run: none may hold the token or a Secret's value. */
const outputs: string[] = [];
after(() => {
  assert.ok(outputs.length > 5);
  for (const o of outputs) {
    assert.ok(!o.includes(TOKEN), 'the token is in an output');
    assert.ok(!o.includes(SECRET_CANARY) && !o.includes(Buffer.from(SECRET_CANARY).toString('base64')), 'a Secret value is in an output');
  }
});

/** No kubeconfig but the one a test names: an empty home, no KUBECONFIG. */
const HOME = tempDir();

async function palisade(args: string[], options: Parameters<typeof runCliAsync>[1] = {}): Promise<CliResult> {
  const result = await runCliAsync(args, { env: { KUBECONFIG: undefined, HOME }, ...options });
  outputs.push(result.stdout, result.stderr);
  return result;
}

type Json = Record<string, any>;
/** A finding as both scans must agree on it; a file scan's RBAC messages add where the rule is written (` at FILE:LINE`). */
const findingKey = (f: Json) => JSON.stringify([f.controlId, f.resourceId, f.status,
  f.paths.map((p: Json) => [p.path, p.message.replace(/ at \S+:\d+/, '')])]);

describe('scan --cluster: the fixture cluster', () => {
  let cluster: Started;
  let report: Json;
  let run: CliResult;
  before(async () => {
    cluster = await serve(SHOP);
    run = await palisade(['scan', '--cluster', '--kubeconfig', cluster.kubeconfig, '--format', 'json']);
    report = JSON.parse(run.stdout);
  });
  after(async () => {
    cluster.fake.assertNoViolations();
    await cluster.fake.close();
  });

  it('scans the live cluster: exit 0, the cluster as target, findings on the top owners', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(report.targets, [{ type: 'cluster', context: 'fake', server: cluster.fake.url, version: 'v1.33.1' }]);
    const failedOn = (control: string) => report.findings.filter((f: Json) => f.controlId === control && f.status === 'failed').map((f: Json) => f.resourceId).sort();
    assert.deepEqual(failedOn('privileged-container'), ['apps/v1/shop/Deployment/web', 'batch/v1/shop/CronJob/backup']);
    assert.deepEqual(failedOn('kubelet-anonymous-auth'), ['kubelet.config.k8s.io/v1beta1//KubeletConfiguration/node1']);
    assert.deepEqual(failedOn('apiserver-anonymous-auth'), ['/v1/kube-system/Pod/kube-apiserver-node1']);
    // its mirror pod (issue 15): the host network it needs is excepted as Kubernetes built-in, and it gets no token
    const apiserver = (control: string) => report.findings.find((f: Json) => f.controlId === control && f.resourceId === '/v1/kube-system/Pod/kube-apiserver-node1');
    assert.deepEqual([apiserver('host-network')?.status, apiserver('host-network')?.exception?.reason], ['excepted', 'Kubernetes built-in']);
    assert.equal(apiserver('service-account-token-mounted'), undefined);
    assert.match(run.stderr, /--cluster: read \d+ object\(s\) from context "fake" \(Kubernetes v1\.33\.1\); 2 Pod\(s\), 1 ReplicaSet\(s\), 1 Job\(s\) judged through their owners/);
    assert.match(run.stderr, /warning: --cluster: the kubelet configuration of 1 of 2 node\(s\) could not be read.*node2/);
  });

  it('finds what a scan of the same objects as files finds: every finding, every control\'s status and counts', async () => {
    // the same objects as manifests: what the cluster folds into owners left out, the kubelet's configz as its config file
    const docs = (loadAll(SHOP) as Json[]).filter((d) => d && !(d.metadata?.ownerReferences ?? []).some((o: Json) => o.kind !== 'Node'));
    docs.push({ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', metadata: { name: 'node1' }, ...configz('node1') });
    const file = path.join(tempDir(), 'shop.yaml');
    fs.writeFileSync(file, docs.map((d) => dump(d)).join('---\n'));
    const files = runCli(['scan', file, '--format', 'json']);
    const fromFiles = JSON.parse(files.stdout);
    assert.deepEqual(report.findings.map(findingKey).sort(), fromFiles.findings.map(findingKey).sort());
    const statuses = (r: Json) => r.controls.map((c: Json) => [c.id, c.status, c.counts]);
    assert.deepEqual(statuses(report), statuses(fromFiles));
    assert.ok(report.findings.length > 40);
  });

  it('locates findings on the API object and its field path, and gives each automatic fix as a kubectl patch', () => {
    const privileged = report.findings.find((f: Json) => f.controlId === 'privileged-container' && f.resourceId.endsWith('/Deployment/web'));
    assert.deepEqual(privileged.paths[0].location, { file: 'Deployment/shop/web' });
    assert.equal(privileged.fix.command, 'kubectl patch deployment.apps/web -n shop --context fake --type=json -p '
      + '\'[{"op":"test","path":"/spec/template/spec/containers/0/name","value":"web"},'
      + '{"op":"add","path":"/spec/template/spec/containers/0/securityContext/privileged","value":false}]\'');
    const resource = report.resources.find((r: Json) => r.id === privileged.resourceId);
    assert.deepEqual(resource.source, { type: 'cluster' });
    // a Pod's spec cannot be patched: no command, the fix says what to change
    const pod = report.findings.find((f: Json) => f.resourceId === '/v1/shop/Pod/debug' && f.fix?.edits);
    assert.ok(pod && pod.fix.command === undefined);
  });

  it('each kubectl patch applies (real kubectl, --local) and the finding it fixes is gone from a scan of the patched object', () => {
    const commands = report.findings.filter((f: Json) => f.fix?.command);
    assert.ok(commands.length >= 10, `${commands.length} commands`);
    const objects = loadAll(SHOP) as Json[];
    const dir = tempDir();
    for (const f of commands) {
      const words = execFileSync('sh', ['-c', `printf '%s\\0' ${f.fix.command}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
      const [, , ref] = words;
      const resource = report.resources.find((r: Json) => r.id === f.resourceId);
      assert.equal(ref.split('/')[1], resource.name);
      const object = objects.find((o) => o?.kind === resource.kind && o.metadata.name === resource.name && o.metadata.namespace === resource.namespace);
      const file = path.join(dir, `${resource.kind}-${resource.name}.json`);
      fs.writeFileSync(file, JSON.stringify(object));
      const patched = execFileSync('kubectl', ['patch', '--local', '-f', file, '--type=json', '-p', words[words.length - 1], '-o', 'json'], { encoding: 'utf8' });
      fs.writeFileSync(file, patched);
      const again = JSON.parse(runCli(['scan', file, '--controls', f.controlId, '--format', 'json']).stdout);
      const still = again.findings.filter((g: Json) => g.status === 'failed').flatMap((g: Json) => g.paths.map((p: Json) => p.path));
      for (const edit of f.fix.edits) assert.ok(!still.includes(edit.path), `${f.controlId} on ${f.resourceId}: ${edit.path} still fails after ${f.fix.command}`);
      fs.rmSync(file);
    }
  });

  it('pretty output: the cluster in the header, field paths instead of file lines, the patch command under the finding', async () => {
    const pretty = await palisade(['scan', '--cluster', '--kubeconfig', cluster.kubeconfig, '--no-color']);
    assert.equal(pretty.code, 0);
    assert.match(pretty.stdout, /^Scanned \d+ resource\(s\) from \d+ document\(s\) · cluster context "fake" \(v1\.33\.1\)\.$/m);
    assert.match(pretty.stdout, /\n {4}Deployment shop\/web\n {6}spec\.template\.spec\.containers\[0\]\.securityContext\.privileged {2}container "web" is privileged/);
    assert.match(pretty.stdout, /\n {6}\$ kubectl patch deployment\.apps\/web -n shop --context fake --type=json -p '\[/);
  });

  it('SARIF: logical locations (Kind/namespace/name), no file, the patch as a property', async () => {
    const sarif = await palisade(['scan', '--cluster', '--kubeconfig', cluster.kubeconfig, '--format', 'sarif']);
    const results = JSON.parse(sarif.stdout).runs[0].results as Json[];
    assert.ok(results.length > 40);
    for (const r of results) assert.equal(r.locations[0].physicalLocation, undefined, r.ruleId);
    const web = results.find((r) => r.ruleId === 'privileged-container' && r.properties.resourceId.endsWith('/Deployment/web'))!;
    assert.deepEqual(web.locations[0].logicalLocations, [{ name: 'apps/v1/shop/Deployment/web', fullyQualifiedName: 'Deployment/shop/web', kind: 'resource' }]);
    assert.match(web.properties.kubectlPatch, /^kubectl patch deployment\.apps\/web /);
    const fingerprints = results.map((r) => r.partialFingerprints['palisade/v2']);
    assert.equal(new Set(fingerprints).size, fingerprints.length);
  });

  it('every format renders a cluster scan', async () => {
    const dir = tempDir();
    const all = await palisade(['scan', '--cluster', '--kubeconfig', cluster.kubeconfig, '--format', 'json,sarif,html,junit,policyreport,prometheus,pretty', '--output-dir', dir]);
    assert.equal(all.code, 0, all.stderr);
    const html = fs.readFileSync(path.join(dir, 'palisade.html'), 'utf8');
    assert.match(html, /On the cluster:<\/strong> <code class="command">kubectl patch deployment\.apps\/web/);
    for (const f of fs.readdirSync(dir)) outputs.push(fs.readFileSync(path.join(dir, f), 'utf8'));
  });

  it('files and the cluster in one run: both targets, both inputs judged', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'extra.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: from-file, namespace: shop}\nspec:\n  hostPID: true\n  containers: [{name: c, image: x:1}]\n');
    const both = await palisade(['scan', dir, '--cluster', '--kubeconfig', cluster.kubeconfig, '--format', 'json']);
    const r = JSON.parse(both.stdout);
    assert.deepEqual(r.targets.map((t: Json) => t.type), ['files', 'cluster']);
    assert.ok(r.findings.some((f: Json) => f.controlId === 'host-namespaces' && f.resourceId === '/v1/shop/Pod/from-file'));
    assert.ok(r.findings.some((f: Json) => f.controlId === 'privileged-container' && f.resourceId === 'apps/v1/shop/Deployment/web'));
  });

  it('--include-namespaces is applied on the server: namespaced kinds are listed in that namespace only', async () => {
    const before = cluster.fake.requests.length;
    const only = await palisade(['scan', '--cluster', '--kubeconfig', cluster.kubeconfig, '--include-namespaces', 'shop', '--format', 'json']);
    assert.equal(only.code, 0, only.stderr);
    const paths = cluster.fake.requests.slice(before).map((r) => r.path);
    assert.ok(paths.includes('/apis/apps/v1/namespaces/shop/deployments'), paths.join('\n'));
    assert.ok(!paths.includes('/apis/apps/v1/deployments'));
    const r = JSON.parse(only.stdout);
    assert.ok(r.resources.every((x: Json) => x.namespace === undefined || x.namespace === 'shop'));
  });

  it('who-can --cluster answers from the live RBAC objects, reading nothing else', async () => {
    const before = cluster.fake.requests.length;
    const who = await palisade(['who-can', 'get', 'secrets', '--cluster', '--kubeconfig', cluster.kubeconfig, '--format', 'json']);
    assert.equal(who.code, 0, who.stderr);
    const answer = JSON.parse(who.stdout);
    assert.deepEqual(answer.answers.map((a: Json) => `${a.subject.kind}:${a.subject.namespace}/${a.subject.name} via ${a.binding.name}`),
      ['ServiceAccount:shop/ci via ci-everything']);
    assert.equal(answer.answers[0].binding.location, 'ClusterRoleBinding/ci-everything');
    const listed = cluster.fake.requests.slice(before).map((r) => r.path).filter((p) => !p.startsWith('/api/v1') || p.includes('/namespaces') || p.endsWith('s'));
    assert.ok(listed.every((p) => /rbac|^\/api$|^\/apis$|^\/version$|^\/api\/v1$/.test(p)), listed.join('\n'));
  });
});

describe('scan --cluster: refusals, credentials and servers that are not there', () => {
  it('403 on the RBAC kinds: the scan goes on, the RBAC controls are skipped with the reason, the report lists what was unreadable; --min-coverage trips', async () => {
    const cluster = await serve(SHOP, { forbidden: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] });
    try {
      const run = await palisade(['scan', '--cluster', '--kubeconfig', cluster.kubeconfig, '--format', 'json']);
      assert.equal(run.code, 0, run.stderr);
      const r = JSON.parse(run.stdout);
      assert.deepEqual(r.unreadable.filter((u: Json) => u.status === 403).map((u: Json) => u.kind).sort(), ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']);
      assert.deepEqual(r.unreadable.filter((u: Json) => u.name).map((u: Json) => [u.kind, u.name, u.controls]), [['KubeletConfiguration', 'node2', []]]);
      const skippedFor = new Set(r.unreadable.flatMap((u: Json) => u.controls));
      for (const id of ['cluster-admin-binding', 'rbac-secrets-access', 'rbac-exec-attach', 'anonymous-access', 'default-service-account-used', 'rbac-wildcards']) {
        const c = r.controls.find((x: Json) => x.id === id);
        assert.equal(c.status, 'skipped', id);
        assert.match(c.reason, /^the (Role, ClusterRole, RoleBinding and ClusterRoleBinding|Role and ClusterRole) objects could not be read \(HTTP 403\), and this control needs them$/, id);
        assert.ok(skippedFor.has(id), id);
      }
      assert.equal(r.controls.find((x: Json) => x.id === 'privileged-container').status, 'failed');
      assert.ok(r.summary.coverage < 100);
      assert.match(run.stderr, /warning: --cluster: ClusterRoles could not be listed: 403 Forbidden/);
      const gated = await palisade(['scan', '--cluster', '--kubeconfig', cluster.kubeconfig, '--min-coverage', '100', '--format', 'json']);
      assert.equal(gated.code, 1);
      assert.match(gated.stderr, /gate tripped: --min-coverage 100/);
      const who = await palisade(['who-can', 'get', 'secrets', '--cluster', '--kubeconfig', cluster.kubeconfig]);
      assert.equal(who.code, 3);
      assert.match(who.stdout, /Incomplete: .*ClusterRole.* could not be read, so the answer may leave out subjects/);
    } finally {
      cluster.fake.assertNoViolations();
      await cluster.fake.close();
    }
  });

  it('403 on the node proxy: the kubelet controls are skipped, saying which permission is missing', async () => {
    const cluster = await serve(SHOP, { configz: 'forbidden' });
    try {
      const run = await palisade(['scan', '--cluster', '--kubeconfig', cluster.kubeconfig, '--format', 'json']);
      const r = JSON.parse(run.stdout);
      const kubelet = r.controls.filter((c: Json) => c.section === 'kubelet' && c.id !== 'node-file-permissions');
      assert.ok(kubelet.length >= 5);
      for (const c of kubelet) assert.equal(c.reason, 'the KubeletConfiguration objects could not be read (HTTP 403), and this control needs them', c.id);
      assert.match(r.unreadable[0].reason, /^GET \/api\/v1\/nodes\/node1\/proxy\/configz: 403 Forbidden: nodes "node1" is forbidden/);
      assert.match(run.stderr, /they need get on nodes\/proxy/);
    } finally {
      await cluster.fake.close();
    }
  });

  it('a wrong token: exit 3, one line, no token', async () => {
    const cluster = await serve(SHOP, { clientToken: `wrong-token-${'x'.repeat(30)}` });
    try {
      const run = await palisade(['scan', '--cluster', '--kubeconfig', cluster.kubeconfig]);
      assert.equal(run.code, 3);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, /^palisade: --cluster: .*401/);
      assert.ok(!run.stderr.includes('wrong-token-'));
    } finally {
      await cluster.fake.close();
    }
  });

  it('no server: exit 3 naming the server; an unknown context: exit 3 listing the contexts; a missing kubeconfig: exit 3', async () => {
    const port = await freePort();
    const file = writeKubeconfig(path.join(tempDir(), 'config'), [{ name: 'gone', server: `https://127.0.0.1:${port}`, caPem: testTls().caPem, token: TOKEN }]);
    const gone = await palisade(['scan', '--cluster', '--kubeconfig', file, '--request-timeout', '5']);
    assert.equal(gone.code, 3);
    assert.match(gone.stderr, new RegExp(`^palisade: --cluster: .*127\\.0\\.0\\.1:${port}`));
    const context = await palisade(['scan', '--cluster', '--kubeconfig', file, '--context', 'nope']);
    assert.equal(context.code, 3);
    assert.match(context.stderr, /no context named "nope".*gone/);
    const missing = await palisade(['scan', '--cluster', '--kubeconfig', path.join(tempDir(), 'absent')]);
    assert.equal(missing.code, 3);
    assert.equal(missing.stderr.trim().split('\n').length, 1, missing.stderr);
  });

  it('inside a pod: no kubeconfig, the service account\'s token and CA at the in-cluster paths and KUBERNETES_SERVICE_HOST/PORT', async () => {
    const cluster = await serve(SHOP);
    try {
      const root = tempDir();
      const sa = path.join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
      fs.mkdirSync(sa, { recursive: true });
      fs.writeFileSync(path.join(sa, 'token'), TOKEN);
      fs.writeFileSync(path.join(sa, 'ca.crt'), testTls().caPem);
      fs.writeFileSync(path.join(sa, 'namespace'), 'palisade');
      const port = new URL(cluster.fake.url).port;
      const env = { KUBECONFIG: undefined, HOME, KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port, PALISADE_IN_CLUSTER_ROOT: root };
      const run = await palisade(['scan', '--cluster', '--format', 'json'], { env });
      assert.equal(run.code, 0, run.stderr);
      const r = JSON.parse(run.stdout);
      assert.deepEqual(r.targets, [{ type: 'cluster', context: 'inClusterContext', server: cluster.fake.url, version: 'v1.33.1' }]);
      assert.ok(r.findings.some((f: Json) => f.controlId === 'privileged-container'));
      // a pod whose token is not mounted: exit 3, saying why
      fs.rmSync(path.join(sa, 'token'));
      const none = await palisade(['scan', '--cluster'], { env });
      assert.equal(none.code, 3);
      assert.match(none.stderr, /^palisade: --cluster: running in a pod \(KUBERNETES_SERVICE_HOST is set\) but \S+\/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/token does not exist: is automountServiceAccountToken off\?$/m);
    } finally {
      cluster.fake.assertNoViolations();
      await cluster.fake.close();
    }
  });

  it('cluster flags without --cluster, and a bad --request-timeout, are usage errors (exit 2) before anything is read', async () => {
    for (const [args, message] of [
      [['--context', 'x'], /--context needs --cluster/],
      [['--kubeconfig', 'x'], /--kubeconfig needs --cluster/],
      [['--cluster', '--request-timeout', '0'], /--request-timeout: expected seconds/],
      [['--cluster', '--controls', 'no-such-control'], /no-such-control/],
    ] as const) {
      const run = await palisade(['scan', ...args]);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
