// deploy/: what users apply to run Palisade in the cluster. Palisade's own scan of it passes with
// reasoned exceptions only; the ClusterRole is exactly what a cluster read requests (derived from
// CLUSTER_KINDS, and checked against the requests of a real read of the test API server); the pods
// are hardened; the node scanner mounts exactly the documented host paths, read-only; the
// Dockerfile pins its bases by digest and runs as a numeric non-root user. No Docker and no
// cluster here: the files are read, the Dockerfile's digest check is run with sh, and the objects
// are type-checked against the Kubernetes API types.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadAll } from 'js-yaml';
import { CLUSTER_KINDS, readCluster, type ClusterSourceResult } from '../src/sources/cluster/index.js';
import { scan } from '../src/engine/scan.js';
import { OUTPUT_FORMATS } from '../src/report/formats.js';
import { ROOT, runCli } from './support/cli.js';
import { SHOP } from './support/cluster-fixture.js';
import { serve, type Started } from './support/cluster-serve.js';

type Obj = Record<string, any>;

const DEPLOY = path.join(ROOT, 'deploy');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const objects = (file: string): Obj[] => (loadAll(read(file)) as unknown[]).filter((d): d is Obj => typeof d === 'object' && d !== null);
const CLUSTER = objects('deploy/palisade.yaml');
const NODE = objects('deploy/node-scanner.yaml');
const one = (list: Obj[], kind: string, name?: string): Obj => {
  const found = list.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  assert.equal(found.length, 1, `exactly one ${kind}${name ? ` ${name}` : ''}`);
  return found[0];
};

const ROLE = one(CLUSTER, 'ClusterRole', 'palisade-scanner');
const BINDING = one(CLUSTER, 'ClusterRoleBinding', 'palisade-scanner');
const CRONJOB = one(CLUSTER, 'CronJob', 'palisade-scan');
const DAEMONSET = one(NODE, 'DaemonSet', 'node-scanner');
const cronPod = CRONJOB.spec.jobTemplate.spec.template.spec as Obj;
const nodePod = DAEMONSET.spec.template.spec as Obj;

// ---- RBAC as the API server's authorizer reads it (no resourceNames, no nonResourceURLs here) ----

interface Rule { apiGroups: string[]; resources: string[]; verbs: string[] }
/** `group|resource|verb` for every combination a rule grants. */
const grants = (rules: Rule[]): string[] =>
  rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${g}|${res}|${v}`))));
const allows = (rules: Rule[], group: string, resource: string, verb: string): boolean =>
  rules.some((r) => (r.apiGroups.includes(group) || r.apiGroups.includes('*'))
    && (r.resources.includes(resource) || r.resources.includes('*')) && (r.verbs.includes(verb) || r.verbs.includes('*')));

/** What the authorizer sees for a GET of this path (k8s.io/apiserver RequestInfoFactory), or undefined for a non-resource URL. */
function attributes(pathname: string, query: URLSearchParams): { verb: string; group: string; resource: string } | undefined {
  const parts = pathname.split('/').filter(Boolean);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) [group, rest] = ['', parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 3) [group, rest] = [parts[1], parts.slice(3)];
  else return undefined;
  if (rest.length === 0) return undefined; // /api/v1, /apis/apps/v1: discovery
  if (rest[0] === 'namespaces' && rest.length >= 3) rest = rest.slice(2);
  const [resource, name, subresource] = rest;
  const verb = name === undefined ? (query.get('watch') === 'true' ? 'watch' : 'list') : 'get';
  return { verb, group, resource: subresource ? `${resource}/${subresource}` : resource };
}

/** Discovery and /version: allowed to every authenticated identity by system:discovery and system:public-info-viewer. */
const DISCOVERY = /^\/(version|api|apis|api\/v1|apis\/[^/]+\/[^/]+)$/;

const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection', 'escalate', 'bind', 'impersonate', 'approve', 'sign', '*'];

describe('deploy/: Palisade\'s own scan', () => {
  it('exits 0 under --fail-on low with no failed finding; each excepted finding has its exception\'s reason', () => {
    const out = runCli(['scan', 'deploy', '--fail-on', 'low', '--format', 'json']);
    assert.equal(out.code, 0, out.stderr);
    const report = JSON.parse(out.stdout);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.findings.filter((f: Obj) => f.status === 'failed').map((f: Obj) => `${f.controlId} ${f.resourceId}`), []);
    const excepted = report.findings.filter((f: Obj) => f.status === 'excepted');
    for (const f of excepted) {
      assert.ok(typeof f.exception?.reason === 'string' && f.exception.reason.length > 40, `${f.controlId} on ${f.resourceId} needs a reason`);
      assert.match(f.exception.source, /^annotation palisade\.dev\/ignore on /);
    }
    // the kept findings, and only they: a new one must be fixed or excepted here on purpose
    assert.deepEqual(excepted.map((f: Obj) => `${f.controlId} ${f.resourceId}`).sort(), [
      'host-path-volume apps/v1/palisade-node/DaemonSet/node-scanner',
      'pod-security-admission /v1//Namespace/palisade-node',
      'rbac-escalation-verbs rbac.authorization.k8s.io/v1//ClusterRoleBinding/palisade-scanner',
      'rbac-secrets-access rbac.authorization.k8s.io/v1//ClusterRoleBinding/palisade-scanner',
    ]);
    assert.deepEqual(report.exceptions.unmatched, []);
    assert.deepEqual(report.warnings, []);
  });

  it('every object type-checks against the Kubernetes API types (a misspelt or unknown field fails)', () => {
    const modules: Record<string, string> = {
      v1: 'core/v1', 'apps/v1': 'apps/v1', 'batch/v1': 'batch/v1', 'networking.k8s.io/v1': 'networking/v1', 'rbac.authorization.k8s.io/v1': 'rbac/v1',
    };
    const dir = path.join(ROOT, 'node_modules/.cache/palisade-deploy-typecheck');
    fs.mkdirSync(dir, { recursive: true });
    const lines = [...CLUSTER, ...NODE].map((o, i) => {
      assert.ok(modules[o.apiVersion], `no Kubernetes types mapped for ${o.apiVersion}`);
      return `import type { ${o.kind} as T${i} } from 'kubernetes-types/${modules[o.apiVersion]}';\nexport const o${i}: T${i} = ${JSON.stringify(o)};`;
    });
    fs.writeFileSync(path.join(dir, 'deploy.ts'), `${lines.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'ESNext', moduleResolution: 'Bundler', skipLibCheck: true, types: [] },
      files: ['deploy.ts'],
    }));
    const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
  });
});

describe('deploy/palisade.yaml: the ClusterRole', () => {
  const rules = ROLE.rules as Rule[];

  it('grants list on exactly the kinds of CLUSTER_KINDS, by API group and resource, and get on nodes/proxy', () => {
    const expected = [...CLUSTER_KINDS.map((k) => `${k.group}|${k.resource}|list`), '|nodes/proxy|get'].sort();
    const actual = grants(rules);
    assert.equal(new Set(actual).size, actual.length, 'no grant twice');
    assert.deepEqual(actual.sort(), expected);
  });

  it('grants no get, watch or write on secrets, no write verb anywhere, no wildcard, resourceNames or nonResourceURLs', () => {
    for (const r of ROLE.rules as Obj[]) {
      assert.deepEqual(Object.keys(r).sort(), ['apiGroups', 'resources', 'verbs'], JSON.stringify(r));
      for (const v of r.verbs) assert.ok(!WRITE_VERBS.includes(v), `write verb ${v}`);
      assert.ok(![...r.apiGroups, ...r.resources].includes('*'));
      if (r.resources.includes('secrets')) assert.deepEqual(r.verbs, ['list']);
      if (r.verbs.includes('get')) assert.deepEqual(r.resources, ['nodes/proxy']);
    }
    assert.ok(!allows(rules, '', 'secrets', 'get') && !allows(rules, '', 'secrets', 'watch'));
    assert.equal(ROLE.aggregationRule, undefined);
  });

  it('is bound to the scanner ServiceAccount only, which the CronJob runs as and which mounts no token by itself', () => {
    assert.deepEqual(BINDING.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'palisade-scanner' });
    assert.deepEqual(BINDING.subjects, [{ kind: 'ServiceAccount', name: 'scanner', namespace: 'palisade' }]);
    const bindings = [...CLUSTER, ...NODE].filter((o) => /Binding$/.test(o.kind));
    assert.deepEqual(bindings.map((b) => b.metadata.name), ['palisade-scanner']);
    assert.equal(cronPod.serviceAccountName, 'scanner');
    assert.equal(one(CLUSTER, 'ServiceAccount', 'scanner').automountServiceAccountToken, false);
  });

  describe('against the requests of a cluster read', () => {
    let cluster: Started;
    let result: ClusterSourceResult;
    before(async () => {
      cluster = await serve(SHOP, { gatewayApi: true, networkPolicyCrds: true });
      result = await readCluster({ kubeconfig: cluster.kubeconfig, backoffMs: 10 });
    });
    after(async () => {
      cluster.fake.assertNoViolations();
      await cluster.fake.close();
    });

    it('allows every request the read makes (discovery and /version aside), and every rule is used', () => {
      assert.deepEqual(result.unreadable.filter((u) => u.status === 403), []);
      const used = new Set<string>();
      for (const r of cluster.fake.requests) {
        const a = attributes(r.path, r.query);
        if (!a) {
          assert.match(r.path, DISCOVERY);
          continue;
        }
        assert.ok(allows(rules, a.group, a.resource, a.verb), `GET ${r.path} needs ${a.verb} on ${a.group || 'core'} ${a.resource}`);
        used.add(`${a.group}|${a.resource}|${a.verb}`);
      }
      // Calico's CRDs are listed only where its API server (projectcalico.org) is not served; this one serves both
      const twins = CLUSTER_KINDS.filter((k) => k.unlessServed).map((k) => `${k.group}|${k.resource}|list`);
      assert.deepEqual(grants(rules).filter((g) => !used.has(g)).sort(), twins.sort(), 'granted but never requested');
    });
  });

  describe('without the secrets and nodes/proxy rules (deploy/README.md)', () => {
    const trimmed = rules.filter((r) => !r.resources.includes('secrets') && !r.resources.includes('nodes/proxy'));
    let cluster: Started;
    let result: ClusterSourceResult;
    before(async () => {
      const forbidden = CLUSTER_KINDS.filter((k) => !allows(trimmed, k.group, k.resource, 'list')).map((k) => k.resource);
      assert.deepEqual(forbidden, ['secrets']);
      cluster = await serve(SHOP, { gatewayApi: true, forbidden, configz: 'forbidden' });
      result = await readCluster({ kubeconfig: cluster.kubeconfig, backoffMs: 10 });
    });
    after(async () => {
      cluster.fake.assertNoViolations();
      await cluster.fake.close();
    });

    it('Secrets and the kubelets are unreadable (403), everything else is read', () => {
      assert.deepEqual(result.unreadable.map((u) => [u.kind, u.name, u.status]), [['Secret', undefined, 403], ['KubeletConfiguration', undefined, 403]]);
      assert.match(result.unreadable[0].reason, /^403 Forbidden: secrets is forbidden: User "system:serviceaccount:palisade:scanner" cannot list/);
      assert.equal(result.unreadable[0].path, '/api/v1/secrets');
      assert.match(result.warnings.join('\n'), /kubelet controls are skipped; they need get on nodes\/proxy/);
      const kinds = new Set(result.resources.map((r) => r.kind));
      for (const k of ['Deployment', 'CronJob', 'ServiceAccount', 'ClusterRole', 'RoleBinding', 'Namespace', 'Node']) assert.ok(kinds.has(k), k);
      assert.ok(!kinds.has('Secret') && !kinds.has('KubeletConfiguration'));
      // only the first node was asked: the permission is cluster-wide
      assert.equal(cluster.fake.requests.filter((r) => r.path.includes('/proxy/')).length, 1);
    });

    it('the controls that need them are skipped with the reason, not passed', () => {
      const report = scan(result);
      const control = (id: string) => report.controls.find((c) => c.id === id)!;
      for (const id of ['long-lived-token-secret', 'kubelet-anonymous-auth', 'kubelet-read-only-port']) {
        assert.equal(control(id).status, 'skipped', id);
        assert.match(control(id).reason ?? '', /could not be read \(HTTP 403\), and this control needs them$/, id);
      }
      assert.equal(control('privileged-container').status, 'failed');
    });
  });
});

describe('deploy/palisade.yaml: the CronJob', () => {
  const container = cronPod.containers[0] as Obj;

  it('runs scan --cluster with real format names into the reports volume, a PersistentVolumeClaim', () => {
    assert.equal(cronPod.containers.length, 1);
    assert.deepEqual(container.args, ['scan', '--cluster', '--format', 'policyreport,prometheus,json', '--output-dir', '/reports']);
    for (const f of container.args[3].split(',')) assert.ok(OUTPUT_FORMATS.has(f), `format ${f}`);
    const mount = container.volumeMounts.find((m: Obj) => m.mountPath === '/reports');
    const volume = cronPod.volumes.find((v: Obj) => v.name === mount.name);
    assert.equal(volume.persistentVolumeClaim.claimName, one(CLUSTER, 'PersistentVolumeClaim').metadata.name);
  });

  it('mounts its token explicitly, read-only, where the in-cluster configuration reads it, valid longer than a run', () => {
    assert.equal(cronPod.automountServiceAccountToken, false);
    const mount = container.volumeMounts.find((m: Obj) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount');
    assert.equal(mount.readOnly, true);
    const sources = cronPod.volumes.find((v: Obj) => v.name === mount.name).projected.sources as Obj[];
    const token = sources.find((s) => s.serviceAccountToken)?.serviceAccountToken;
    assert.ok(token, 'a serviceAccountToken source');
    assert.equal(token.path, 'token');
    assert.ok(token.expirationSeconds >= CRONJOB.spec.jobTemplate.spec.activeDeadlineSeconds);
    assert.equal(sources.find((s) => s.configMap)?.configMap.items[0].path, 'ca.crt');
    assert.equal(sources.find((s) => s.downwardAPI)?.downwardAPI.items[0].path, 'namespace');
  });

  it('is hardened, in a namespace that enforces the restricted Pod Security Standard', () => {
    assertHardened(cronPod, container);
    assert.equal(one(CLUSTER, 'Namespace', 'palisade').metadata.labels['pod-security.kubernetes.io/enforce'], 'restricted');
  });
});

function assertHardened(pod: Obj, container: Obj): void {
  assert.equal(pod.securityContext.runAsNonRoot, true);
  assert.equal(pod.securityContext.seccompProfile.type, 'RuntimeDefault');
  for (const k of ['hostPID', 'hostNetwork', 'hostIPC']) assert.ok(!pod[k], k);
  const sc = container.securityContext;
  assert.equal(sc.runAsNonRoot, true);
  assert.ok(Number.isInteger(sc.runAsUser) && sc.runAsUser > 0 && Number.isInteger(sc.runAsGroup) && sc.runAsGroup > 0);
  assert.equal(sc.privileged, false);
  assert.equal(sc.allowPrivilegeEscalation, false);
  assert.equal(sc.readOnlyRootFilesystem, true);
  assert.deepEqual(sc.capabilities, { drop: ['ALL'] });
  assert.equal(sc.seccompProfile.type, 'RuntimeDefault');
  for (const k of ['cpu', 'memory']) assert.ok(container.resources.requests[k] && container.resources.limits[k], k);
  assert.ok(!container.ports && !container.env);
}

describe('deploy/node-scanner.yaml', () => {
  const container = nodePod.containers[0] as Obj;
  const hostVolumes = (nodePod.volumes as Obj[]).filter((v) => v.hostPath);

  it('mounts exactly the host paths of deploy/README.md\'s table, each read-only, typed, under /host', () => {
    const readme = read('deploy/README.md');
    const table = /<!-- node-scanner-mounts[^>]*-->([\s\S]*?)<!-- \/node-scanner-mounts -->/.exec(readme)?.[1];
    assert.ok(table, 'the mounts table in deploy/README.md');
    const documented = [...table.matchAll(/^\| `([^`]+)` \| (File|Directory) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    assert.equal(documented.length, table.split('\n').filter((l) => l.startsWith('| `')).length, 'every row parsed');
    assert.deepEqual(hostVolumes.map((v) => `${v.hostPath.path} ${v.hostPath.type}`).sort(), documented.sort());
    assert.equal(hostVolumes.length, nodePod.volumes.length, 'no other volume: nothing writable');
    for (const v of hostVolumes) {
      const mounts = (container.volumeMounts as Obj[]).filter((m) => m.name === v.name);
      assert.equal(mounts.length, 1, v.name);
      assert.equal(mounts[0].readOnly, true, v.name);
      assert.equal(mounts[0].mountPath, `/host${v.hostPath.path}`);
      assert.equal(mounts[0].mountPropagation, undefined);
    }
    assert.ok(!hostVolumes.some((v) => ['/', '/var/lib/kubelet', '/etc', '/var', '/var/run', '/run'].includes(v.hostPath.path)));
  });

  it('runs palisade scan --node --root /host through rescan.mjs, with the image\'s paths', () => {
    const dockerfile = read('Dockerfile');
    const node = JSON.parse(/^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)![1])[0];
    assert.deepEqual(container.command.slice(0, 4), [node, '/app/deploy/rescan.mjs', container.command[2], '--']);
    assert.ok(Number(container.command[2]) >= 3600);
    assert.deepEqual(container.command.slice(4), [node, '/app/dist/palisade.mjs', 'scan', '--node', '--root', '/host', '--format', 'json']);
    assert.match(dockerfile, /^COPY deploy\/rescan\.mjs \.\/deploy\/$/m);
    assert.match(dockerfile, /^WORKDIR \/app$/m);
  });

  it('is hardened, with no API token, no host namespace and no network', () => {
    assertHardened(nodePod, container);
    assert.notEqual(container.securityContext.runAsUser, 65532, 'a UID of its own, not the image\'s');
    assert.equal(nodePod.automountServiceAccountToken, false);
    assert.equal(one(NODE, 'ServiceAccount', nodePod.serviceAccountName).automountServiceAccountToken, false);
    const policy = one(NODE, 'NetworkPolicy');
    assert.deepEqual(policy.spec, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    assert.equal(nodePod.tolerations, undefined);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile.replace(/\\\n/g, ' ').split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
  const froms = instructions.filter((l) => /^FROM /.test(l));

  it('takes every base image from a build argument without a default', () => {
    assert.deepEqual(froms.map((l) => l.split(/\s+/)[1]), ['${BUILD_IMAGE}', '${BUILD_IMAGE}', '${RUNTIME_IMAGE}']);
    const beforeFirstFrom = instructions.slice(0, instructions.indexOf(froms[0]));
    assert.deepEqual(beforeFirstFrom, ['ARG BUILD_IMAGE', 'ARG RUNTIME_IMAGE']);
  });

  it('stops the build unless both are pinned by digest (its check, run with sh)', () => {
    const check = instructions.find((l) => /^RUN .*sha256/.test(l))!.replace(/^RUN /, '');
    assert.ok(instructions.indexOf(`RUN ${check}`) < instructions.findIndex((l) => /^RUN npm/.test(l)), 'checked before anything is installed');
    const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
    const run = (build: string, runtime: string) => spawnSync('sh', ['-c', check], { env: { PATH: process.env.PATH, BUILD_IMAGE: build, RUNTIME_IMAGE: runtime }, encoding: 'utf8' });
    assert.equal(run(`node:22-bookworm-slim@${digest}`, `gcr.io/distroless/nodejs22-debian12:nonroot@${digest}`).status, 0);
    for (const bad of ['node:22-bookworm-slim', 'node@sha256:abc', `node@sha256:${'0123456789ABCDEF'.repeat(4)}`, `node@sha256:${'g'.repeat(64)}`, '']) {
      const out = run(bad, `distroless@${digest}`);
      assert.equal(out.status, 1, bad);
      assert.match(out.stderr, /must be pinned by digest/);
      assert.equal(run(`node@${digest}`, bad).status, 1, bad);
    }
  });

  it('runs as a numeric non-root user, with production dependencies only in the final stage', () => {
    const users = instructions.filter((l) => /^USER /.test(l));
    assert.equal(users.length, 1);
    const m = /^USER (\d+)(?::(\d+))?$/.exec(users[0]);
    assert.ok(m && Number(m[1]) > 0 && (m[2] === undefined || Number(m[2]) > 0), users[0]);
    assert.ok(instructions.indexOf(users[0]) > instructions.indexOf(froms[2]), 'in the final stage');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    assert.match(stages[0], /^RUN npm ci --ignore-scripts/m);
    assert.match(stages[0], /^RUN npm run build$/m);
    assert.match(stages[1], /^RUN npm ci --omit=dev --ignore-scripts/m);
    assert.match(stages[2], /^COPY --from=deps \/src\/node_modules \.\/node_modules$/m);
    assert.ok(!/^RUN /m.test(stages[2]), 'nothing runs in the final stage (it has no shell)');
    // the CronJob passes only arguments: the entrypoint is the CLI
    assert.match(dockerfile, /^ENTRYPOINT \["\/nodejs\/bin\/node", "\/app\/dist\/palisade\.mjs"\]$/m);
  });

  it('.dockerignore leaves out everything but what the Dockerfile copies', () => {
    const ignore = read('.dockerignore').split('\n').filter((l) => l && !l.startsWith('#'));
    assert.equal(ignore[0], '*');
    const included = ignore.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, ''));
    const copied = instructions.filter((l) => /^COPY (?!--from)/.test(l)).flatMap((l) => l.split(/\s+/).slice(1, -1));
    assert.deepEqual([...new Set(copied)].filter((c) => !included.includes(c)), []);
    for (const c of copied) assert.ok(fs.existsSync(path.join(ROOT, c)), c);
  });
});

describe('deploy/rescan.mjs', () => {
  it('runs the command again after it exits, whatever its status, and stops with exit 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(DEPLOY, 'rescan.mjs'), '1', '--', process.execPath, '-e', 'console.log("run"); process.exit(3)'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    // wait for the second run (however slow a loaded machine makes it), then stop the loop
    const deadline = Date.now() + 30_000;
    while (!/^run\nrun\n/.test(stdout) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 0);
    assert.match(stdout, /^run\nrun\n(run\n)*$/);
    assert.match(stderr, /exited with 3; next run in 1 s/);
  });

  it('refuses a wrong command line (exit 2)', () => {
    const out = spawnSync(process.execPath, [path.join(DEPLOY, 'rescan.mjs'), 'soon', '--', 'true'], { encoding: 'utf8' });
    assert.equal(out.status, 2);
    assert.match(out.stderr, /usage: rescan\.mjs SECONDS -- COMMAND/);
  });
});
