// Teams that do not let workloads except themselves: --no-annotation-exceptions, or
// annotationExceptions: false in the config. The palisade.dev/ignore annotations are then not
// honoured, and the report says how many resources carry one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { runCli, tempDir, writeTree, type CliResult } from './support/cli.js';

const pod = (name: string, annotations: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  annotations: {${annotations}}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {privileged: true}
`;
const IGNORED = 'palisade.dev/ignore: "privileged-container", palisade.dev/ignore-reason: "needs the host"';
const MANIFESTS = {
  'a.yaml': pod('a', IGNORED),
  'b.yaml': pod('b', `${IGNORED}, palisade.dev/ignore-until: "2999-01-01"`),
  // no reason: ignored (and warned about) when annotations are honoured
  'c.yaml': pod('c', 'palisade.dev/ignore: "privileged-container"'),
  'd.yaml': pod('d', 'team: shop'),
};
const WARNING = 'annotation exceptions are not allowed (--no-annotation-exceptions, or annotationExceptions: false in the config): '
  + '3 resource(s) with a palisade.dev/ignore annotation were not excepted';

function json(out: CliResult, code = 0): ScanReport {
  assert.equal(out.code, code, `exit ${out.code}\nstderr: ${out.stderr}`);
  return JSON.parse(out.stdout) as ScanReport;
}
const statuses = (r: ScanReport) => Object.fromEntries(r.findings.filter((f) => f.controlId === 'privileged-container')
  .map((f) => [f.resourceId.split('/').pop(), f.status]));

describe('annotation exceptions', () => {
  it('are honoured by default', () => {
    const dir = writeTree(tempDir(), MANIFESTS);
    const r = json(runCli(['scan', dir, '--format', 'json', '--controls', 'privileged-container']));
    assert.deepEqual(statuses(r), { a: 'excepted', b: 'excepted', c: 'failed', d: 'failed' });
    assert.ok(!r.warnings.some((w) => w.startsWith('annotation exceptions are not allowed')));
  });

  it('--no-annotation-exceptions: the annotated resources fail, a warning counts them, and --fail-on sees them', () => {
    const dir = writeTree(tempDir(), MANIFESTS);
    const out = runCli(['scan', dir, '--format', 'json', '--controls', 'privileged-container', '--no-annotation-exceptions', '--fail-on', 'high']);
    const r = json(out, 1);
    assert.deepEqual(statuses(r), { a: 'failed', b: 'failed', c: 'failed', d: 'failed' });
    assert.deepEqual(r.exceptions, { applied: 0, unmatched: [], expired: [] });
    assert.deepEqual(r.warnings, [WARNING], 'the one warning; the annotations themselves are not read (no "has no ignore-reason")');
    assert.ok(out.stderr.includes(`palisade: warning: ${WARNING}\n`), out.stderr);
    assert.match(out.stderr, /gate tripped: --fail-on high: 4 failed finding/);
  });

  it('annotationExceptions: false in the config does the same; an exceptions file still applies', () => {
    const dir = writeTree(tempDir(), {
      ...MANIFESTS,
      '.palisade.yaml': 'annotationExceptions: false\nexceptions:\n- controls: [privileged-container]\n  resources: [{name: d}]\n  reason: vetted\n',
    });
    const r = json(runCli(['scan', dir, '--format', 'json', '--controls', 'privileged-container']));
    assert.deepEqual(statuses(r), { a: 'failed', b: 'failed', c: 'failed', d: 'excepted' });
    assert.deepEqual(r.warnings, [WARNING]);
    // and in SARIF, where CI reads it
    const sarif = JSON.parse(runCli(['scan', dir, '--format', 'sarif', '--controls', 'privileged-container']).stdout);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text);
    assert.ok(notes.includes(WARNING), notes.join('\n'));
  });

  it('annotationExceptions: true is the default, and the config key must be a boolean', () => {
    const dir = writeTree(tempDir(), { ...MANIFESTS, '.palisade.yaml': 'annotationExceptions: true\n' });
    assert.deepEqual(statuses(json(runCli(['scan', dir, '--format', 'json']))), { a: 'excepted', b: 'excepted', c: 'failed', d: 'failed' });
    const bad = writeTree(tempDir(), { ...MANIFESTS, '.palisade.yaml': 'annotationExceptions: "no"\n' });
    const out = runCli(['scan', bad]);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /\.palisade\.yaml:1:1: annotationExceptions: must be true or false/);
  });

  it('no warning when no resource carries the annotation', () => {
    const dir = writeTree(tempDir(), { 'd.yaml': MANIFESTS['d.yaml'] });
    assert.deepEqual(json(runCli(['scan', dir, '--format', 'json', '--no-annotation-exceptions'])).warnings, []);
  });

  it('fix: annotated resources are fixed too when annotations are not honoured', () => {
    const dir = writeTree(tempDir(), { 'a.yaml': MANIFESTS['a.yaml'] });
    const honoured = runCli(['fix', path.join(dir, 'a.yaml'), '--dry-run', '--all', '--controls', 'privileged-container']);
    assert.equal(honoured.stdout, '', 'excepted by its annotation: nothing to fix');
    const not = runCli(['fix', path.join(dir, 'a.yaml'), '--dry-run', '--all', '--controls', 'privileged-container', '--no-annotation-exceptions']);
    assert.match(not.stdout, /^\+.*privileged: false/m);
  });
});
