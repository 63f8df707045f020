// Bad input: every broken document gets one error with file and line, non-Kubernetes documents are
// counted as ignored, and the rest of the input is still scanned; nothing is silently lost.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { runCli, tempDir, writeTree } from './support/cli.js';

const POD = (name: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: shop}
spec:
  containers: [{name: a, image: nginx:1.27}]
`;

const BOMB = `a: &a ["x","x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;

describe('a directory of bad input beside good input', () => {
  let dir: string;
  let out: ReturnType<typeof runCli>;
  let report: ScanReport;
  const errorFor = (name: string) => report.errors.filter((e) => path.basename(e.file) === name);

  before(() => {
    dir = writeTree(tempDir(), {
      'good.yaml': `${POD('first')}---\n${POD('second')}`,
      'malformed.yaml': `${POD('before')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n    namespace: shop\n---\n${POD('after')}`,
      'latin1.yaml': Buffer.concat([Buffer.from(`${POD('ok-doc')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: "caf`), Buffer.from([0xe9]), Buffer.from('"}\n')]),
      'binary.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x3e, 0x00]),
      'workflow.yaml': 'name: ci\non: [push]\njobs:\n  test: {runs-on: ubuntu-latest}\n',
      'noname.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: shop\ndata: {a: b}\n',
      'bomb.yaml': BOMB,
      'dupkeys.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  type: ClusterIP\n  type: NodePort\n',
      'list.json': JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [JSON.parse(JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'shop' } }))] }),
      'nested/deeper/ok.yml': POD('nested'),
      'empty.yaml': '# only a comment\n---\n',
    });
    // A 100 MB file: refused by size, not read into memory.
    const big = fs.openSync(path.join(dir, 'huge.yaml'), 'w');
    const chunk = Buffer.alloc(1 << 20, '# padding line of a very large generated manifest\n');
    for (let i = 0; i < 100; i++) fs.writeSync(big, chunk);
    fs.closeSync(big);
    // A symlink loop inside the tree.
    fs.symlinkSync('..', path.join(dir, 'nested', 'loop'));
    out = runCli(['scan', dir, '--format', 'json']);
    report = JSON.parse(out.stdout) as ScanReport;
  });

  it('exits 3 and still prints the full report of what could be read', () => {
    assert.equal(out.code, 3, out.stderr);
    const names = report.resources.map((r) => r.name).sort();
    for (const n of ['first', 'second', 'before', 'after', 'ok-doc', 'sa', 'nested']) assert.ok(names.includes(n), `${n} scanned (got ${names})`);
  });

  it('reports malformed YAML at its line, and scans the documents around it', () => {
    const [e] = errorFor('malformed.yaml');
    assert.ok(e, 'an error for malformed.yaml');
    assert.equal(e.line, 11);
    assert.match(e.message, /invalid YAML/);
  });

  it('reports invalid UTF-8 in the document that holds it, with its line', () => {
    const [e] = errorFor('latin1.yaml');
    assert.equal(e.line, 10);
    assert.match(e.message, /UTF-8/);
  });

  it('refuses a binary file', () => {
    const [e] = errorFor('binary.yaml');
    assert.match(e.message, /binary/);
    assert.equal(e.line, 1);
  });

  it('counts a YAML document that is not a Kubernetes object as ignored, not as an error', () => {
    assert.deepEqual(errorFor('workflow.yaml'), []);
    assert.equal(report.ignored?.filter((d) => path.basename(d.file) === 'workflow.yaml').length, 1);
  });

  it('reports a resource without metadata.name', () => {
    const [e] = errorFor('noname.yaml');
    assert.match(e.message, /ConfigMap has no metadata\.name/);
    assert.equal(e.line, 3, 'the line of metadata, where the name belongs');
  });

  it('stops an alias bomb without expanding it', () => {
    const [e] = errorFor('bomb.yaml');
    assert.match(e.message, /alias/i);
  });

  it('reports a duplicate key at the second occurrence', () => {
    const [e] = errorFor('dupkeys.yaml');
    assert.match(e.message, /duplicated mapping key/);
    assert.equal(e.line, 6);
  });

  it('refuses a 100 MB file by its size', () => {
    const [e] = errorFor('huge.yaml');
    assert.match(e.message, /100\.0 MiB, over the 50\.0 MiB limit/);
  });

  it('does not follow a symlink loop, and says so', () => {
    const loops = report.errors.filter((e) => /loop/i.test(e.message));
    assert.equal(loops.length, 1, JSON.stringify(report.errors));
    assert.match(loops[0].file, /nested\/loop$/);
  });

  it('prints one line per error on stderr, with file:line', () => {
    const lines = out.stderr.split('\n').filter((l) => l.startsWith('  '));
    assert.equal(lines.length, report.errors.length);
    for (const l of lines) assert.match(l, /^  \/\S+(:\d+:\d+)?: /);
  });

  it('loses no document: resources + ignored + errors = documents', () => {
    const s = report.summary;
    assert.equal(s.resources + s.ignoredDocuments + s.errors, s.documents);
    // good 2 + malformed 3 + latin1 2 + binary 1 + workflow 1 + noname 1 + bomb 1 + dupkeys 1 + list 1 + nested 1 + huge 1 + loop 1
    assert.equal(s.documents, 16);
  });

  it('never quotes the input in an error message', () => {
    for (const e of report.errors) assert.doesNotMatch(e.message, /caf|NodePort|padding|broken/);
  });
});

describe('stdin', () => {
  it('scans - and names it in locations', () => {
    const out = runCli(['scan', '-', '--format', 'json', '--controls', 'non-root-user'], { input: POD('from-stdin') });
    assert.equal(out.code, 0, out.stderr);
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.equal(report.resources[0].name, 'from-stdin');
    assert.equal(report.findings[0].paths[0].location?.line, 5);
  });
  it('reports bad stdin with line and exit 3', () => {
    const out = runCli(['scan', '-', '--format', 'json'], { input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n' });
    assert.equal(out.code, 3);
    assert.match(out.stderr, /invalid YAML/);
  });
});

describe('a path that does not exist', () => {
  it('is an input error (exit 3), and the other paths are scanned', () => {
    const dir = writeTree(tempDir(), { 'p.yaml': POD('p') });
    const out = runCli(['scan', path.join(dir, 'missing.yaml'), dir, '--format', 'json']);
    assert.equal(out.code, 3);
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.deepEqual(report.resources.filter((r) => r.kind === 'Pod').map((r) => r.name), ['p']);
    assert.match(out.stderr, /missing\.yaml/);
  });
});

describe('an unrendered Helm template given as a file', () => {
  it('is an error naming the file, and nothing but Palisade\'s own lines on standard error (no YAML library warning quoting it)', () => {
    const dir = writeTree(tempDir(), {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  containers: [{name: a, image: b}]\n',
    });
    const out = runCli(['scan', path.join(dir, 'pod.yaml'), '--format', 'json']);
    assert.equal(out.code, 3);
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.match(report.errors[0].message, /Pod has no metadata\.name/);
    for (const line of out.stderr.trimEnd().split('\n')) assert.match(line, /^(palisade: | {2})/, out.stderr);
  });
});
