// Every SARIF the CLI writes passes the SARIF Multitool's validation (schema, SARIF and GitHub
// rules): zero errors, and no warnings except the one rendered output cannot avoid.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { scanPaths } from '../src/index.js';
import { formatSarif } from '../src/report/sarif.js';
import { fingerprint } from '../src/report/sarif-results.js';
import { INSECURE_ROOT, buildRoot } from '../src/testing/node-roots.js';
import { withNodeFinding } from '../src/testing/node-finding.js';
import { CORPUS, ROOT, runCli, tempDir, writeTree } from './support/cli.js';
import { assertClean, multitool } from './support/sarif-multitool.js';

describe('SARIF validates with the Multitool', () => {
  const dir = tempDir();
  writeTree(dir, {
    'exceptions.yaml': 'exceptions:\n- controls: [privileged-container]\n  resources: [{kind: Deployment, name: web}]\n  reason: "vetted <by> the \'platform\' team & signed"\n',
    'empty/notes.yaml': 'hello: world\n',
    'kz/app/kustomization.yaml': 'resources:\n- web.yaml\n',
    'kz/app/web.yaml': fs.readFileSync(path.join(ROOT, 'examples/insecure/web.yaml'), 'utf8'),
  });
  const scanTo = (name: string, args: string[]): { file: string; code: number | null } => {
    const file = path.join(dir, `${name}.sarif`);
    const out = runCli(['scan', ...args, '--format', 'sarif', '--output', file]);
    assert.ok(out.code === 0 || out.code === 1 || out.code === 3, out.stderr);
    return { file, code: out.code };
  };

  it('the insecure example', () => {
    const sarif = assertClean(scanTo('insecure', ['examples/insecure']).file);
    const results = sarif.runs[0].results;
    assert.ok(results.length > 40);
    assert.ok(results.every((r: any) => r.locations[0].physicalLocation.region.startLine > 0));
    assert.ok(results.some((r: any) => r.fixes), 'some results carry fixes');
  });

  it('the hardened example', () => {
    const sarif = assertClean(scanTo('hardened', ['examples/hardened']).file);
    assert.equal(sarif.runs.length, 1);
  });

  it('an excepted finding (suppressed, with the justification escaped in JSON)', () => {
    const sarif = assertClean(scanTo('excepted', ['examples/insecure', '--exceptions', path.join(dir, 'exceptions.yaml')]).file);
    const suppressed = sarif.runs[0].results.filter((r: any) => r.suppressions);
    assert.equal(suppressed.length, 1);
    assert.deepEqual(suppressed[0].suppressions[0].justification, 'vetted <by> the \'platform\' team & signed');
    assert.equal(suppressed[0].ruleId, 'privileged-container');
  });

  it('a scan with nothing to evaluate: one run, zero results', () => {
    const sarif = assertClean(scanTo('empty', [path.join(dir, 'empty')]).file);
    assert.equal(sarif.runs.length, 1);
    assert.deepEqual(sarif.runs[0].results, []);
  });

  it('a node resource without a file (logical location only)', () => {
    const report = withNodeFinding(scanPaths([path.join(ROOT, 'examples/insecure')], { controls: ['privileged-container'] }));
    const file = path.join(dir, 'node.sarif');
    fs.writeFileSync(file, formatSarif(report, { root: path.join(ROOT, 'examples/insecure') }));
    const sarif = assertClean(file);
    const node = sarif.runs[0].results.find((r: any) => r.properties.resourceId === '/v1//Node/worker-1');
    assert.deepEqual(Object.keys(node.locations[0]), ['logicalLocations']);
  });

  it('a node scan: components as logical locations, no /proc file, fingerprints that survive restarts (new PIDs)', () => {
    const first = buildRoot(path.join(dir, 'node-a'), INSECURE_ROOT);
    const restarted = buildRoot(path.join(dir, 'node-b'), {
      ...INSECURE_ROOT,
      processes: Object.fromEntries(Object.entries(INSECURE_ROOT.processes).map(([pid, argv]) => [Number(pid) + 1000, argv])),
    });
    // whole-file findings (a key's mode) have no region: the one warning allowed, as for rendered directories
    const a = assertClean(scanTo('node-a', ['--node', '--root', first]).file, ['SARIF2017']).runs[0].results;
    const b = assertClean(scanTo('node-b', ['--node', '--root', restarted]).file, ['SARIF2017']).runs[0].results;
    assert.ok(a.length > 20);
    for (const r of a) {
      assert.match(r.locations[0].logicalLocations[0].name, /^node\/cp-insecure\//);
      const uri: string | undefined = r.locations[0].physicalLocation?.artifactLocation.uri;
      assert.ok(!uri?.includes('/proc/'), uri);
      if (uri) assert.ok(uri.startsWith(`file://${first}/`), uri);
    }
    assert.ok(a.some((r: any) => r.locations[0].physicalLocation?.region?.startLine > 0), 'a config file setting has its region');
    const fingerprints = (rs: any[]) => rs.map((r) => r.partialFingerprints['palisade/v2']);
    assert.equal(new Set(fingerprints(a)).size, a.length);
    assert.deepEqual(fingerprints(b), fingerprints(a));
  });

  it('a derived namespace, located where it is used', () => {
    const sarif = assertClean(scanTo('derived', [path.join(CORPUS, 'calico'), '--controls', 'default-deny-ingress']).file);
    const derived = sarif.runs[0].results.find((r: any) => r.properties.resourceId === '/v1//Namespace/kube-system');
    assert.ok(derived, 'a result for the derived kube-system namespace');
    assert.ok(derived.locations[0].physicalLocation.region.startLine > 0);
  });

  it('kustomize output points at the file each resource came from, with its region', () => {
    const { file, code } = scanTo('kustomize', [path.join(dir, 'kz')]);
    if (code === 3) {
      // without kubectl or kustomize the directory is an input error, and still a valid SARIF notification
      assertClean(file);
      return;
    }
    const sarif = assertClean(file);
    const loc = sarif.runs[0].results[0].locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'app/web.yaml', uriBaseId: '%SRCROOT%' });
    assert.ok(loc.region.startLine > 0);
    assert.equal(sarif.runs[0].results[0].properties.renderedBy, 'kustomize');
  });

  it('the whole corpus (input errors become notifications)', () => {
    const sarif = assertClean(scanTo('corpus', [CORPUS]).file);
    const run = sarif.runs[0];
    assert.ok(run.results.length > 4000);
    assert.equal(run.invocations[0].executionSuccessful, false);
    assert.ok(run.invocations[0].toolExecutionNotifications.some((n: any) => n.level === 'error'));
    for (const r of run.results) {
      const uri = r.locations[0].physicalLocation.artifactLocation.uri;
      assert.ok(!uri.startsWith('file:') && !uri.startsWith('/'), uri);
    }
    // the corpus repeats resources across files and reports several problems at one path: still no shared fingerprint
    const fingerprints = run.results.map((r: any) => r.partialFingerprints['palisade/v2']);
    assert.ok(fingerprints.every((f: string) => /^[0-9a-f]{32}$/.test(f)));
    assert.equal(new Set(fingerprints).size, fingerprints.length);
  });

  it('two runs give the same fingerprints; regions move with the lines, fingerprints do not', () => {
    const app = path.join(dir, 'shift');
    writeTree(app, { 'web.yaml': fs.readFileSync(path.join(ROOT, 'examples/insecure/web.yaml'), 'utf8') });
    const results = (name: string) => JSON.parse(fs.readFileSync(scanTo(name, [app]).file, 'utf8')).runs[0].results;
    const first = results('run1');
    const second = results('run2');
    assert.ok(first.length > 10);
    assert.deepEqual(second.map((r: any) => r.partialFingerprints), first.map((r: any) => r.partialFingerprints));
    fs.writeFileSync(path.join(app, 'web.yaml'), `# owner: shop team\n\n${fs.readFileSync(path.join(app, 'web.yaml'), 'utf8')}`);
    const shifted = results('run3');
    assert.deepEqual(shifted.map((r: any) => r.partialFingerprints), first.map((r: any) => r.partialFingerprints));
    assert.deepEqual(shifted.map((r: any) => r.locations[0].physicalLocation.region.startLine),
      first.map((r: any) => r.locations[0].physicalLocation.region.startLine + 2));
  });

  it('the validation is not vacuous: a region at line 0 and a uri with a space are errors', () => {
    const file = path.join(dir, 'broken.sarif');
    const sarif = JSON.parse(fs.readFileSync(scanTo('broken-source', ['examples/insecure']).file, 'utf8'));
    sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    sarif.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri = 'a b.yaml';
    fs.writeFileSync(file, JSON.stringify(sarif));
    const errors = multitool(file).filter((i) => i.level === 'error').map((i) => i.ruleId).sort();
    assert.ok(errors.includes('JSON1008') && errors.includes('SARIF1002'), errors.join(', '));
  });

  it('--output-dir writes palisade.sarif', () => {
    const out = path.join(dir, 'outdir');
    const res = runCli(['scan', 'examples/insecure', '--format', 'sarif,json', '--output-dir', out]);
    assert.equal(res.code, 0, res.stderr);
    assertClean(path.join(out, 'palisade.sarif'));
  });
});

describe('SARIF URIs are relative to the repository root, or --sarif-root', () => {
  const WEB = fs.readFileSync(path.join(ROOT, 'examples/insecure/web.yaml'), 'utf8');
  /** A repository (a .git directory is all git needs to call it one) with manifests two levels down. */
  const repository = (): string => {
    const repo = writeTree(tempDir(), { 'deploy/k8s/web.yaml': WEB, 'deploy/k8s/more/other.yaml': WEB.replace(/name: web\b/g, 'name: other') });
    fs.mkdirSync(path.join(repo, '.git'));
    return repo;
  };
  const sarifOf = (args: string[], cwd?: string): any => {
    const out = runCli(['scan', ...args, '--format', 'sarif'], { cwd });
    assert.equal(out.code, 0, out.stderr);
    return JSON.parse(out.stdout).runs[0];
  };
  const uris = (run: any): string[] => [...new Set<string>(run.results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri))].sort();
  const fingerprints = (run: any) => run.results.map((r: any) => [r.ruleId, r.properties.resourceId, r.partialFingerprints['palisade/v2']]).sort();

  it('scanning a subdirectory of a repository: the URIs start at the repository root, which originalUriBaseIds names', () => {
    const repo = repository();
    for (const [args, cwd] of [[[path.join(repo, 'deploy/k8s')], undefined], [['.'], path.join(repo, 'deploy/k8s')], [['web.yaml', 'more'], path.join(repo, 'deploy/k8s')]] as const) {
      const run = sarifOf([...args], cwd);
      assert.deepEqual(uris(run), ['deploy/k8s/more/other.yaml', 'deploy/k8s/web.yaml'], `${args.join(' ')} from ${cwd}`);
      assert.ok(run.results.every((r: any) => r.locations[0].physicalLocation.artifactLocation.uriBaseId === '%SRCROOT%'));
      assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${repo}/` } });
    }
  });

  it('the Multitool accepts it', () => {
    const repo = repository();
    const file = path.join(tempDir(), 'sub.sarif');
    assert.equal(runCli(['scan', path.join(repo, 'deploy/k8s'), '--output', file]).code, 0);
    assertClean(file);
  });

  it('fingerprints: a scan of the repository root hashes each file relative to it, as before; a subdirectory scan gives the same ones', () => {
    const repo = repository();
    const atRoot = sarifOf([repo]);
    assert.ok(atRoot.results.length > 10);
    // results that share control, resource, path and file are told apart by distinctFingerprints: the others hash just those
    const key = (r: any) => [r.ruleId, r.properties.resourceId, r.properties.path ?? '', r.locations[0].physicalLocation.artifactLocation.uri];
    const seen = new Map<string, number>();
    for (const r of atRoot.results) seen.set(JSON.stringify(key(r)), (seen.get(JSON.stringify(key(r))) ?? 0) + 1);
    // (derived namespaces, declared nowhere, are hashed without a file)
    const unique = atRoot.results.filter((r: any) => seen.get(JSON.stringify(key(r))) === 1 && !r.properties.resourceId.includes('/Namespace/'));
    assert.ok(unique.length > 10);
    for (const r of unique) {
      const [rule, resource, p, file] = key(r);
      assert.match(file, /^deploy\/k8s\//);
      assert.equal(r.partialFingerprints['palisade/v2'], fingerprint(rule, resource, p, file), `${rule} ${file}`);
    }
    assert.deepEqual(fingerprints(sarifOf([path.join(repo, 'deploy/k8s')])), fingerprints(atRoot));
    assert.deepEqual(fingerprints(sarifOf(['.'], path.join(repo, 'deploy'))), fingerprints(atRoot));
  });

  it('outside a repository the root is the directory scanned, as before', () => {
    const dir = writeTree(tempDir(), { 'k8s/web.yaml': WEB });
    const run = sarifOf([path.join(dir, 'k8s')]);
    assert.deepEqual(uris(run), ['web.yaml']);
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${dir}/k8s/` } });
  });

  it('--sarif-root DIR: URIs relative to DIR; files outside it get absolute file: URIs', () => {
    const repo = repository();
    const deploy = sarifOf([path.join(repo, 'deploy/k8s'), '--sarif-root', path.join(repo, 'deploy')]);
    assert.deepEqual(uris(deploy), ['k8s/more/other.yaml', 'k8s/web.yaml']);
    assert.deepEqual(deploy.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${repo}/deploy/` } });
    const relative = sarifOf(['k8s', '--sarif-root', '.'], path.join(repo, 'deploy'));
    assert.deepEqual(uris(relative), ['k8s/more/other.yaml', 'k8s/web.yaml']);
    const narrow = sarifOf([path.join(repo, 'deploy/k8s'), '--sarif-root', path.join(repo, 'deploy/k8s/more')]);
    assert.deepEqual(uris(narrow), [`file://${repo}/deploy/k8s/web.yaml`, 'other.yaml']);
  });

  it('--sarif-root needs the sarif format and a directory (exit 2, no report)', () => {
    const repo = repository();
    for (const [args, message] of [
      [['--sarif-root', repo], /--sarif-root needs the sarif format/],
      [['--sarif-root', repo, '--format', 'json'], /--sarif-root needs the sarif format/],
      [['--sarif-root', path.join(repo, 'nope'), '--format', 'sarif'], /--sarif-root: not a directory: /],
    ] as const) {
      const out = runCli(['scan', repo, ...args]);
      assert.equal(out.code, 2, out.stderr);
      assert.equal(out.stdout, '');
      assert.match(out.stderr, message);
    }
    // the .sarif extension of --output picks the format
    const file = path.join(tempDir(), 'x.sarif');
    assert.equal(runCli(['scan', path.join(repo, 'deploy'), '--sarif-root', repo, '--output', file]).code, 0);
  });
});
