// `palisade scan` end to end, as a user runs it: what it reads (files, recursive directories,
// several paths, stdin, multi-document YAML, JSON, List kinds as kubectl prints them), what it
// writes (pretty, json, --output, --output-dir, colour rules) and where it says things are
// (file:line:column of failing fields, in both pretty and json).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Finding, ScanReport } from '../src/model/types.js';
import { CLI, runCli, tempDir, writeTree, type CliResult } from './support/cli.js';

const POD = (name: string, ns = 'shop', extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  containers:
  - name: app
    image: nginx:1.27${extra}
`;

function report(out: CliResult): ScanReport {
  assert.equal(out.code, 0, `exit ${out.code}\nstderr: ${out.stderr}`);
  assert.equal(out.stderr, '', 'nothing on stderr for a clean scan');
  return JSON.parse(out.stdout) as ScanReport;
}

/** The resources read from the input (not the Namespaces Palisade derives from them), as kind/name. */
function scanned(r: ScanReport): string[] {
  return r.resources.filter((x) => x.source.type !== 'derived').map((x) => `${x.kind}/${x.name}`).sort();
}

function finding(r: ScanReport, controlId: string, resourceName: string): Finding {
  const f = r.findings.find((x) => x.controlId === controlId && x.resourceId.endsWith(`/${resourceName}`));
  assert.ok(f, `no ${controlId} finding for ${resourceName}; have: ${r.findings.map((x) => `${x.controlId}@${x.resourceId}`).join(', ')}`);
  return f;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

describe('scan: inputs', () => {
  it('scans a single file', () => {
    const dir = writeTree(tempDir(), { 'pod.yaml': POD('web') });
    const r = report(runCli(['scan', 'pod.yaml', '--format', 'json'], { cwd: dir }));
    assert.deepEqual(scanned(r), ['Pod/web']);
    assert.equal(r.summary.documents, 1);
    assert.deepEqual(r.targets, [{ type: 'files', paths: ['pod.yaml'] }]);
    assert.equal(r.resources.find((x) => x.name === 'web')?.source.file, 'pod.yaml');
  });

  it('walks a directory recursively: .yaml, .yml and .json (any case); other extensions are not read', () => {
    // Every file below is a valid manifest, so a file read by mistake would show up as a resource.
    const dir = writeTree(tempDir(), {
      'a.yaml': POD('from-yaml'),
      'b.yml': POD('from-yml'),
      'c.json': JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'from-json', namespace: 'shop' } }),
      'sub/deeper/d.YAML': POD('from-nested-upper-case'),
      'sub/e.yml': POD('from-subdir'),
      'notes.txt': POD('from-txt'),
      'README.md': POD('from-md'),
      'pod.yaml.bak': POD('from-bak'),
      'sub/template.tpl': POD('from-tpl'),
      'sub/run.sh': POD('from-sh'),
      '.git/config.yaml': POD('from-git-dir'),
    });
    const r = report(runCli(['scan', dir, '--format', 'json']));
    assert.deepEqual(scanned(r), [
      'Pod/from-nested-upper-case', 'Pod/from-subdir', 'Pod/from-yaml', 'Pod/from-yml', 'ServiceAccount/from-json',
    ]);
    assert.equal(r.summary.documents, 5);
    const files = r.resources.filter((x) => x.source.type === 'file').map((x) => path.relative(dir, x.source.file!)).sort();
    assert.deepEqual(files, ['a.yaml', 'b.yml', 'c.json', path.join('sub', 'deeper', 'd.YAML'), path.join('sub', 'e.yml')]);
  });

  it('scans several paths into one report', () => {
    const dir = writeTree(tempDir(), {
      'one.yaml': POD('one', 'alpha'),
      'more/two.yaml': POD('two', 'beta'),
      'more/three.yml': POD('three', 'beta'),
      'unrelated/four.yaml': POD('four', 'gamma'),
    });
    const r = report(runCli(['scan', 'one.yaml', 'more', '--format', 'json'], { cwd: dir }));
    assert.deepEqual(scanned(r), ['Pod/one', 'Pod/three', 'Pod/two']);
    assert.deepEqual(r.targets, [{ type: 'files', paths: ['one.yaml', 'more'] }]);
    // Namespace-level controls see both paths' namespaces in the same scan.
    const ns = r.findings.filter((f) => f.controlId === 'default-deny-ingress').map((f) => f.resourceId).sort();
    assert.deepEqual(ns, ['/v1//Namespace/alpha', '/v1//Namespace/beta']);
  });

  it('reads - as standard input beside files, in the same report', () => {
    const dir = writeTree(tempDir(), { 'file.yaml': POD('from-file') });
    const r = report(runCli(['scan', '-', 'file.yaml', '--format', 'json'], { cwd: dir, input: POD('from-stdin', 'shop', '\n    securityContext: {privileged: true}') }));
    assert.deepEqual(scanned(r), ['Pod/from-file', 'Pod/from-stdin']);
    assert.deepEqual(r.targets, [{ type: 'files', paths: ['file.yaml'] }, { type: 'stdin' }]);
    const f = finding(r, 'privileged-container', 'from-stdin');
    assert.equal(f.paths[0].location?.file, '<stdin>');
    assert.equal(f.paths[0].location?.line, 10);
    assert.equal(r.resources.find((x) => x.name === 'from-stdin')?.source.type, 'stdin');
  });

  it('reads every document of a multi-document YAML file, with each one\'s own line', () => {
    const text = `---\n${POD('first')}---\n# a comment between documents\n${POD('second')}...\n---\n${POD('third')}`;
    const dir = writeTree(tempDir(), { 'multi.yaml': text });
    const r = report(runCli(['scan', 'multi.yaml', '--format', 'json'], { cwd: dir }));
    assert.deepEqual(scanned(r), ['Pod/first', 'Pod/second', 'Pod/third']);
    assert.equal(r.summary.documents, 3);
    const lines = text.split('\n');
    for (const name of ['first', 'second', 'third']) {
      const res = r.resources.find((x) => x.name === name)!;
      // The resource starts at its `apiVersion:` line, the one before `kind: Pod` / `metadata:` / `name: <name>`.
      const nameLine = lines.indexOf(`  name: ${name}`) + 1;
      assert.equal(res.source.line, nameLine - 3, `${name} starts 3 lines above its name`);
      assert.equal(lines[res.source.line! - 1], 'apiVersion: v1');
    }
    assert.deepEqual(r.resources.filter((x) => x.source.type === 'file').map((x) => x.source.document), [0, 1, 2]);
  });

  it('reads a JSON manifest and locates its fields', () => {
    const obj = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'json-api', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'nginx:1.27', securityContext: { privileged: true } }] } } },
    };
    const text = JSON.stringify(obj, null, 2);
    const dir = writeTree(tempDir(), { 'deploy.json': text });
    const r = report(runCli(['scan', 'deploy.json', '--format', 'json'], { cwd: dir }));
    assert.deepEqual(scanned(r), ['Deployment/json-api']);
    const loc = finding(r, 'privileged-container', 'json-api').paths[0].location!;
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"privileged": true')) + 1;
    assert.equal(loc.line, line);
    assert.equal(loc.column, lines[line - 1].indexOf('"privileged"') + 1);
    assert.equal(loc.exact, true);
  });

  it('expands kind: List into its items', () => {
    const list = `apiVersion: v1
kind: List
items:
- ${POD('listed-a').trimEnd().split('\n').join('\n  ')}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: listed-cm, namespace: shop}
  data: {color: blue}
`;
    const dir = writeTree(tempDir(), { 'list.yaml': list });
    const r = report(runCli(['scan', 'list.yaml', '--format', 'json'], { cwd: dir }));
    assert.deepEqual(scanned(r), ['ConfigMap/listed-cm', 'Pod/listed-a']);
    assert.equal(r.summary.documents, 2, 'each item of a List is one document');
    assert.equal(r.resources.find((x) => x.name === 'listed-cm')?.source.line, 13);
  });

  it('reads `kubectl get -o yaml` output: a List with resourceVersion "" whose items carry apiVersion and kind', () => {
    // What `kubectl get deploy,pods -n shop -o yaml` prints (keys sorted, status and managed fields trimmed).
    const text = `apiVersion: v1
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    annotations:
      deployment.kubernetes.io/revision: "1"
    creationTimestamp: "2024-05-01T10:00:00Z"
    generation: 1
    name: api
    namespace: shop
    resourceVersion: "4242"
    uid: 0b6c5c36-1111-2222-3333-444455556666
  spec:
    replicas: 2
    selector:
      matchLabels:
        app: api
    template:
      metadata:
        labels:
          app: api
      spec:
        containers:
        - image: nginx:1.27
          name: api
          securityContext:
            privileged: true
- apiVersion: v1
  kind: Pod
  metadata:
    name: api-7d9f8b6c5d-x2x9z
    namespace: shop
  spec:
    containers:
    - image: nginx:1.27
      name: api
kind: List
metadata:
  resourceVersion: ""
`;
    const dir = writeTree(tempDir(), { 'kubectl-get.yaml': text });
    const r = report(runCli(['scan', 'kubectl-get.yaml', '--format', 'json'], { cwd: dir }));
    assert.deepEqual(scanned(r), ['Deployment/api', 'Pod/api-7d9f8b6c5d-x2x9z']);
    assert.equal(r.summary.ignoredDocuments, 0);
    const loc = finding(r, 'privileged-container', 'api').paths[0].location!;
    assert.deepEqual([loc.file, loc.line, loc.column, loc.exact], ['kubectl-get.yaml', 28, 13, true]);
  });

  it('reads typed lists (PodList, DeploymentList), also as the API returns them: items without apiVersion and kind', () => {
    // `kubectl get --raw /api/v1/namespaces/shop/pods` and client libraries give a PodList whose
    // items carry neither apiVersion nor kind: they are the list's kind without "List".
    const podList = {
      apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '1234' },
      items: [
        { metadata: { name: 'raw-pod', namespace: 'shop' }, spec: { hostNetwork: true, containers: [{ name: 'a', image: 'nginx:1.27' }] } },
      ],
    };
    const deploymentList = `apiVersion: apps/v1
kind: DeploymentList
metadata:
  resourceVersion: "99"
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: typed-deploy, namespace: shop}
  spec:
    selector: {matchLabels: {app: t}}
    template:
      metadata: {labels: {app: t}}
      spec:
        containers: [{name: t, image: nginx:1.27}]
`;
    const dir = writeTree(tempDir(), { 'pods.json': JSON.stringify(podList, null, 2), 'deployments.yaml': deploymentList });
    const r = report(runCli(['scan', '.', '--format', 'json'], { cwd: dir }));
    assert.deepEqual(scanned(r), ['Deployment/typed-deploy', 'Pod/raw-pod']);
    assert.equal(r.summary.ignoredDocuments, 0, JSON.stringify(r.ignored));
    const pod = r.resources.find((x) => x.name === 'raw-pod')!;
    assert.equal(pod.id, '/v1/shop/Pod/raw-pod');
    assert.equal(pod.apiVersion, 'v1');
    const loc = finding(r, 'host-network', 'raw-pod').paths[0].location!;
    const lines = JSON.stringify(podList, null, 2).split('\n');
    assert.equal(loc.line, lines.findIndex((l) => l.includes('"hostNetwork"')) + 1);
  });
});

describe('scan: the pretty report', () => {
  let dir: string;
  let pretty: CliResult;
  let verbose: CliResult;
  let r: ScanReport;

  before(() => {
    dir = writeTree(tempDir(), {
      'app.yaml': POD('web', 'shop', '\n    securityContext:\n      privileged: true'),
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {color: blue}\n',
    });
    pretty = runCli(['scan', '.'], { cwd: dir });
    verbose = runCli(['scan', '.', '--verbose'], { cwd: dir });
    r = report(runCli(['scan', '.', '--format', 'json'], { cwd: dir }));
  });

  it('is the default format, and exits 0 without gates', () => {
    assert.equal(pretty.code, 0, pretty.stderr);
    assert.equal(pretty.stderr, '');
    assert.match(pretty.stdout, /^Palisade \d+\.\d+\.\d+ — NSA\/CISA Kubernetes Hardening Guidance v1\.2\n/);
    assert.match(pretty.stdout, new RegExp(`Scanned ${r.summary.resources} resource\\(s\\) from ${r.summary.documents} document\\(s\\)\\.`));
  });

  it('summarises by section and severity, with compliance, coverage and risk equal to the JSON report\'s', () => {
    const out = pretty.stdout;
    assert.match(out, /\nSummary \(failed\/evaluated controls by severity\)\n {4}section +critical +high +medium +low +compliance\n/);
    for (const s of r.frameworks[0].sections) {
      const row = out.split('\n').find((l) => l.startsWith(`    ${s.title}  `));
      assert.ok(row, `a summary row for ${s.title}`);
      assert.ok(row.trimEnd().endsWith(s.compliance === null ? 'n/a' : `${s.compliance}%`), row);
    }
    // pod security: 1 high control (privileged-container) failed out of the evaluated high ones
    const podRow = out.split('\n').find((l) => l.startsWith('    Kubernetes Pod security'))!;
    const highControls = r.controls.filter((c) => c.section === 'pod-security' && c.severity === 'high' && c.status !== 'skipped');
    assert.match(podRow, new RegExp(`(?<![\\d/])1/${highControls.length}(?![\\d/])`));
    const fw = r.frameworks[0];
    assert.ok(out.includes(`Compliance ${r.summary.compliance}% · Coverage ${r.summary.coverage}% (${fw.evaluatedControls}/${fw.controls} controls evaluated) · Risk ${r.summary.risk}/100`), out);
    const s = r.summary;
    assert.ok(out.includes(`Controls: ${s.controls.failed} failed, ${s.controls.passed} passed, ${s.controls.skipped} skipped · `
      + `Failed findings: ${s.failedBySeverity.critical} critical, ${s.failedBySeverity.high} high, ${s.failedBySeverity.medium} medium, ${s.failedBySeverity.low} low`), out);
  });

  it('lists each failed control with severity, its resources at file:line:col, and a one-line fix', () => {
    const lines = pretty.stdout.split('\n');
    const failed = r.controls.filter((c) => c.status === 'failed');
    assert.ok(failed.length > 3);
    for (const c of failed) {
      const head = lines.findIndex((l) => l.startsWith(`${c.severity.toUpperCase().padEnd(8)} ${c.id} — ${c.title} (`));
      assert.ok(head >= 0, `a heading for ${c.id}`);
      const block = lines.slice(head + 1, lines.indexOf('', head));
      const fixLines = block.filter((l) => l.startsWith('    fix: '));
      assert.equal(fixLines.length, 1, `${c.id}: one fix line`);
      assert.ok(fixLines[0].length > '    fix: '.length + 10);
      for (const f of r.findings.filter((x) => x.controlId === c.id && x.status === 'failed')) {
        for (const p of f.paths) {
          const loc = p.location!;
          assert.ok(block.includes(`      ${loc.file}:${loc.line}:${loc.column}  ${p.message}`), `${c.id}: ${loc.file}:${loc.line}:${loc.column} in\n${block.join('\n')}`);
        }
      }
    }
    // most severe first
    const order = failed.map((c) => lines.findIndex((l) => l.includes(` ${c.id} — `)));
    const privileged = lines.findIndex((l) => l.startsWith('HIGH     privileged-container — '));
    assert.equal(privileged, Math.min(...order));
    assert.ok(lines.includes('      app.yaml:11:7  container "app" is privileged (privileged: true)'));
  });

  it('names passed controls only with --verbose', () => {
    const passed = r.controls.filter((c) => c.status === 'passed');
    assert.ok(passed.length > 0);
    assert.doesNotMatch(pretty.stdout, /\nPassed\n/);
    assert.equal(verbose.code, 0);
    assert.match(verbose.stdout, /\nPassed\n/);
    for (const c of passed) {
      assert.ok(verbose.stdout.includes(`    ✓ ${c.id} — ${c.title} (${c.counts.evaluated} evaluated)`), c.id);
      assert.ok(!pretty.stdout.includes(`✓ ${c.id} `), c.id);
    }
  });

  it('lists skipped controls with the reason and what to do: grouped by reason, and one by one with --verbose', () => {
    assert.match(pretty.stdout, /\n {4}allowedRegistries is not configured: set inputs\.allowedRegistries in \.palisade\.yaml.* \(image-registry-not-allowed\)\n/);
    assert.match(verbose.stdout, /\n {4}image-registry-not-allowed {2}allowedRegistries is not configured: set inputs\.allowedRegistries in \.palisade\.yaml/);
  });

  it('--quiet prints nothing on stdout', () => {
    const q = runCli(['scan', '.', '--quiet'], { cwd: dir });
    assert.equal(q.code, 0);
    assert.equal(q.stdout, '');
    assert.equal(q.stderr, '');
  });
});

describe('scan: colour', () => {
  let dir: string;
  before(() => {
    dir = writeTree(tempDir(), { 'app.yaml': POD('web', 'shop', '\n    securityContext:\n      privileged: true') });
  });

  it('has no ANSI escapes when stdout is not a terminal', () => {
    const out = runCli(['scan', '.'], { cwd: dir });
    assert.equal(out.code, 0);
    assert.match(out.stdout, /privileged-container/);
    assert.doesNotMatch(out.stdout, ANSI);
  });

  it('FORCE_COLOR turns colour on for a pipe (so the rules below are tested against colour that would otherwise be there)', () => {
    const out = runCli(['scan', '.'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    assert.equal(out.code, 0);
    assert.match(out.stdout, /\u001b\[31mHIGH {4}\u001b\[0m \u001b\[1mprivileged-container\u001b\[0m/);
  });

  it('--no-color, NO_COLOR and TERM=dumb win over FORCE_COLOR', () => {
    for (const [args, env] of [
      [['--no-color'], { FORCE_COLOR: '1' }],
      [[], { FORCE_COLOR: '1', NO_COLOR: '1' }],
      [[], { FORCE_COLOR: '1', TERM: 'dumb' }],
    ] as Array<[string[], NodeJS.ProcessEnv]>) {
      const out = runCli(['scan', '.', ...args], { cwd: dir, env });
      assert.equal(out.code, 0);
      assert.match(out.stdout, /privileged-container/);
      assert.doesNotMatch(out.stdout, ANSI, `${args.join(' ')} ${JSON.stringify(env)}`);
    }
  });

  it('FORCE_COLOR=0 and an empty NO_COLOR behave as unset', () => {
    assert.doesNotMatch(runCli(['scan', '.'], { cwd: dir, env: { FORCE_COLOR: '0' } }).stdout, ANSI);
    assert.match(runCli(['scan', '.'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '' } }).stdout, ANSI);
  });

  it('never colours a report written to a file', () => {
    const out = path.join(dir, 'out', 'report.txt');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const res = runCli(['scan', 'app.yaml', '--output', out], { cwd: dir, env: { FORCE_COLOR: '1' } });
    assert.equal(res.code, 0, res.stderr);
    const text = fs.readFileSync(out, 'utf8');
    assert.match(text, /privileged-container/);
    assert.doesNotMatch(text, ANSI);
  });
});

describe('scan: JSON and output files', () => {
  let dir: string;
  before(() => {
    dir = writeTree(tempDir(), {
      'app.yaml': POD('web', 'shop', '\n    securityContext:\n      privileged: true'),
      'hardened.yaml': `apiVersion: v1
kind: Pod
metadata: {name: hardened, namespace: shop}
spec:
  automountServiceAccountToken: false
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: nginx:1.27
    resources: {limits: {cpu: 100m, memory: 64Mi}}
    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
`,
    });
  });

  it('--format json prints the report contract, compact when stdout is not a terminal', () => {
    const out = runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    const r = report(out);
    assert.equal(out.stdout.trimEnd().split('\n').length, 1, 'one line');
    for (const key of ['schemaVersion', 'tool', 'generatedAt', 'targets', 'frameworks', 'summary', 'controls', 'resources', 'findings', 'attackPaths', 'vulnerabilities', 'errors']) {
      assert.ok(key in r, key);
    }
    assert.equal(r.tool.name, 'palisade');
    assert.ok(!Number.isNaN(Date.parse(r.generatedAt)));
    const fw = r.frameworks[0];
    assert.equal(fw.id, 'nsa-cisa');
    assert.equal(fw.compliance, r.summary.compliance);
    assert.equal(fw.coverage, r.summary.coverage);
    assert.equal(fw.coverage, Math.round((10000 * fw.evaluatedControls) / fw.controls) / 100);
    // findings hold failed (and excepted) results only; passed ones are in the counts
    assert.ok(r.findings.length > 0);
    assert.ok(r.findings.every((f) => f.status === 'failed'));
    assert.equal(r.findings.length, r.summary.findings.failed);
    const priv = r.controls.find((c) => c.id === 'privileged-container')!;
    assert.deepEqual(priv.counts, { evaluated: 2, passed: 1, failed: 1, excepted: 0 });
    assert.equal(priv.compliance, 50);
    assert.deepEqual(priv.aliases, ['C-0057']);
    for (const c of r.controls) {
      if (c.status === 'skipped') assert.ok(c.reason && c.reason.length > 10, `${c.id} skipped with a reason`);
      else assert.equal(c.counts.evaluated, c.counts.passed + c.counts.failed + c.counts.excepted, c.id);
    }
    const byStatus = (s: string) => r.controls.filter((c) => c.status === s).length;
    assert.deepEqual(r.summary.controls, { passed: byStatus('passed'), failed: byStatus('failed'), skipped: byStatus('skipped') });
  });

  it('--verbose adds the passed results to findings, with status passed', () => {
    const r = report(runCli(['scan', '.', '--format', 'json', '--verbose'], { cwd: dir }));
    const passed = r.findings.filter((f) => f.status === 'passed');
    assert.equal(passed.length, r.summary.findings.passed);
    assert.ok(passed.some((f) => f.controlId === 'privileged-container' && f.resourceId === '/v1/shop/Pod/hardened'));
  });

  it('--output FILE writes the report there and nothing on stdout; a .json name means JSON', () => {
    const file = path.join(dir, 'reports', 'scan.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const out = runCli(['scan', 'app.yaml', 'hardened.yaml', '--output', file], { cwd: dir });
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, '');
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as ScanReport;
    assert.deepEqual(scanned(r), ['Pod/hardened', 'Pod/web']);

    const txt = path.join(dir, 'reports', 'scan.txt');
    const out2 = runCli(['scan', 'app.yaml', '-o', txt], { cwd: dir });
    assert.equal(out2.code, 0, out2.stderr);
    assert.equal(out2.stdout, '');
    assert.match(fs.readFileSync(txt, 'utf8'), /^Palisade .*\n[\s\S]*HIGH {5}privileged-container/);
  });

  it('--format json,pretty --output-dir DIR writes DIR/palisade.json and DIR/palisade.txt (creating DIR), nothing on stdout', () => {
    for (const formatArgs of [['--format', 'json,pretty'], ['--format', 'json', '--format', 'pretty']]) {
      const outDir = path.join(tempDir(), 'new', 'reports');
      const out = runCli(['scan', '.', ...formatArgs, '--output-dir', outDir], { cwd: dir });
      assert.equal(out.code, 0, out.stderr);
      assert.equal(out.stdout, '');
      assert.deepEqual(fs.readdirSync(outDir).sort(), ['palisade.json', 'palisade.txt']);
      const r = JSON.parse(fs.readFileSync(path.join(outDir, 'palisade.json'), 'utf8')) as ScanReport;
      const txt = fs.readFileSync(path.join(outDir, 'palisade.txt'), 'utf8');
      assert.ok(txt.includes(`Compliance ${r.summary.compliance}% · Coverage ${r.summary.coverage}%`), txt);
      assert.doesNotMatch(txt, ANSI);
    }
  });

  it('refuses several formats without --output-dir, an unknown format, and --output with --output-dir (exit 2, nothing written)', () => {
    const several = runCli(['scan', '.', '--format', 'json,pretty'], { cwd: dir });
    assert.equal(several.code, 2);
    assert.equal(several.stdout, '');
    assert.match(several.stderr, /--format json,pretty: several formats need --output-dir DIR/);

    const unknown = runCli(['scan', '.', '--format', 'yml'], { cwd: dir });
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /--format: unknown format "yml" \(one of .*\bjson\b.*\)/);

    const both = runCli(['scan', '.', '--output', 'x.json', '--output-dir', 'd'], { cwd: dir });
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--output and --output-dir/);
    assert.ok(!fs.existsSync(path.join(dir, 'x.json')) && !fs.existsSync(path.join(dir, 'd')));
  });

  it('--output creates the file\'s directory; a path that cannot be written is exit 2 with the reason, not a crash', () => {
    const out = runCli(['scan', 'app.yaml', '--output', 'new/sub/report.json'], { cwd: dir });
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(scanned(JSON.parse(fs.readFileSync(path.join(dir, 'new/sub/report.json'), 'utf8')) as ScanReport), ['Pod/web']);

    const intoFile = runCli(['scan', 'app.yaml', '--output', 'hardened.yaml/report.json'], { cwd: dir });
    assert.equal(intoFile.code, 2, intoFile.stderr);
    assert.equal(intoFile.stderr, 'palisade: --output: cannot write hardened.yaml/report.json: a part of the path is a file, not a directory\n');
    const isDir = runCli(['scan', 'app.yaml', '--output', 'new'], { cwd: dir });
    assert.equal(isDir.code, 2);
    assert.equal(isDir.stderr, 'palisade: --output: cannot write new: it is a directory\n');
    const dirIsFile = runCli(['scan', 'app.yaml', '--format', 'json,pretty', '--output-dir', 'app.yaml'], { cwd: dir });
    assert.equal(dirIsFile.code, 2);
    assert.match(dirIsFile.stderr, /^palisade: --output-dir: cannot write app\.yaml\/palisade\.(json|txt): a part of the path is a file, not a directory\n$/);
    assert.equal(fs.readFileSync(path.join(dir, 'app.yaml'), 'utf8').startsWith('apiVersion: v1'), true, 'the manifest is untouched');
  });

  it('with no path, scans the current directory', () => {
    const r = report(runCli(['scan', '--format', 'json'], { cwd: dir }));
    assert.deepEqual(scanned(r), ['Pod/hardened', 'Pod/web']);
  });

  it('an unknown flag is exit 2', () => {
    const out = runCli(['scan', '.', '--formt', 'json'], { cwd: dir });
    assert.equal(out.code, 2);
    assert.match(out.stderr, /unknown option '--formt'/);
  });

  it('stops quietly when the reader of stdout goes away (palisade scan | head)', async () => {
    // Enough resources that the report is larger than a pipe's buffer.
    const big = tempDir();
    writeTree(big, { 'many.yaml': Array.from({ length: 400 }, (_, i) => POD(`p${i}`)).join('---\n') });
    const child = spawn(process.execPath, [CLI, 'scan', big, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.doesNotMatch(stderr, /EPIPE|Unhandled|at .*\.js:\d+/, stderr);
    assert.notEqual(code, 4, 'not an internal error');
  });

  it('keeps its exit code when stdout and stderr both go to a reader that goes away (palisade scan 2>&1 | head)', async () => {
    const input = tempDir();
    writeTree(input, { 'bad.yaml': 'a: [\nb: 1\n', 'pod.yaml': POD('p') });
    // one pipe for both streams, closed after the first byte: later writes to stderr meet EPIPE
    const wrapper = spawn('bash', ['-c', `"${process.execPath}" "${CLI}" scan "${input}" --no-color 2>&1 | head -c 1 >/dev/null; exit \${PIPESTATUS[0]}`], { stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => wrapper.on('close', (c) => resolve(c)));
    assert.equal(code, 3, 'an input error is exit 3, whatever became of the output');
  });
});

describe('scan: exact locations', () => {
  // Line numbers are part of the test: keep the layout.
  const DEPLOY = [
    '# the API server of the shop',                   // 1
    'apiVersion: apps/v1',                             // 2
    'kind: Deployment',                                // 3
    'metadata:',                                       // 4
    '  name: api',                                     // 5
    '  namespace: shop',                               // 6
    'spec:',                                           // 7
    '  selector:',                                     // 8
    '    matchLabels: {app: api}',                     // 9
    '  template:',                                     // 10
    '    metadata:',                                   // 11
    '      labels: {app: api}',                        // 12
    '    spec:',                                       // 13
    '      hostPID: true',                             // 14
    '      containers:',                               // 15
    '        - name: api',                             // 16
    '          image: nginx:1.27',                     // 17
    '          securityContext:',                      // 18
    '            runAsNonRoot: true',                  // 19
    '            privileged: true',                    // 20
    '          ports:',                                // 21
    '            - containerPort: 8080',               // 22
    '              hostPort: 8080',                    // 23
    '',
  ].join('\n');

  let dir: string;
  let r: ScanReport;
  let pretty: string;
  before(() => {
    dir = writeTree(tempDir(), { 'manifests/api.yaml': DEPLOY });
    r = report(runCli(['scan', 'manifests', '--format', 'json'], { cwd: dir }));
    const p = runCli(['scan', 'manifests'], { cwd: dir });
    assert.equal(p.code, 0, p.stderr);
    pretty = p.stdout;
  });

  const file = path.join('manifests', 'api.yaml');
  const cases: Array<[control: string, path: string, line: number, column: number, exact: boolean]> = [
    ['privileged-container', 'spec.template.spec.containers[0].securityContext.privileged', 20, 13, true],
    ['host-namespaces', 'spec.template.spec.hostPID', 14, 7, true],
    ['host-port', 'spec.template.spec.containers[0].ports[0].hostPort', 23, 15, true],
    // not set: the nearest field that exists, marked inexact
    ['read-only-root-filesystem', 'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem', 18, 11, false],
    ['memory-limits', 'spec.template.spec.containers[0].resources.limits.memory', 16, 11, false],
  ];
  for (const [control, jsonPath, line, column, exact] of cases) {
    it(`${control}: ${jsonPath} at ${file}:${line}:${column}${exact ? '' : ' (missing, nearest parent)'}`, () => {
      const f = finding(r, control, 'api');
      const p = f.paths.find((x) => x.path === jsonPath);
      assert.ok(p, `path ${jsonPath} in ${JSON.stringify(f.paths.map((x) => x.path))}`);
      assert.equal(p.location?.file, file);
      assert.equal(p.location?.line, line);
      assert.equal(p.location?.column, column);
      assert.equal(p.location?.exact, exact);
      if (exact) {
        // The column is where the key starts on that line.
        const text = DEPLOY.split('\n')[line - 1];
        const key = jsonPath.split('.').pop()!;
        assert.equal(text.indexOf(key) + 1, column, text);
      }
      assert.ok(pretty.includes(`      ${file}:${line}:${column}  ${p.message}`), `${control} in pretty output`);
    });
  }

  it('points the resource at its apiVersion line, after the leading comment', () => {
    const res = r.resources.find((x) => x.name === 'api' && x.kind === 'Deployment')!;
    assert.deepEqual([res.source.file, res.source.line, res.source.column], [file, 2, 1]);
  });
});
