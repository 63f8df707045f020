// SARIF from real scans: exact regions, relative URIs, stable fingerprints, fixes, suppressions,
// and results for resources that have no file. (Multitool validation: test/formats-sarif.test.ts.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanPaths } from '../index.js';
import type { ScanReport } from '../model/types.js';
import { formatSarif } from './sarif.js';
import { withNodeFinding } from '../testing/node-finding.js';
import { distinctFingerprints, fingerprint, FINGERPRINT_KEY } from './sarif-results.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const INSECURE = path.join(ROOT, 'examples/insecure');

function sarifOf(report: ScanReport, root: string): any {
  return JSON.parse(formatSarif(report, { root }));
}

function tempTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-sarif-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: apps
spec:
  containers:
  - name: a
    image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000
    securityContext:
      privileged: true
  - name: b
    image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000
    securityContext: {privileged: true, runAsNonRoot: true}
`;

describe('SARIF', () => {
  const report = scanPaths([INSECURE]);
  const sarif = sarifOf(report, INSECURE);
  const run = sarif.runs[0];

  it('has one rule per control, with levels, security-severity, tags and help', () => {
    assert.equal(sarif.version, '2.1.0');
    // and the attack-path rule when there are paths (issue 14)
    assert.deepEqual(run.tool.driver.rules.map((r: any) => r.id), [...report.controls.map((c) => c.id), ...(report.attackPaths.length ? ['attack-path'] : [])]);
    const rule = run.tool.driver.rules.find((r: any) => r.id === 'privileged-container');
    assert.equal(rule.name, 'PrivilegedContainer');
    assert.equal(rule.shortDescription.text, 'Privileged container');
    assert.equal(rule.defaultConfiguration.level, 'error');
    assert.equal(rule.properties['security-severity'], '8.0');
    assert.ok(rule.properties.tags.includes('pod-security'));
    assert.ok(rule.properties.tags.includes('C-0057'));
    assert.equal(rule.helpUri, 'https://github.com/palisade-dev/palisade/blob/main/docs/controls/privileged-container.md');
    const control = report.controls.find((c) => c.id === 'privileged-container')!;
    assert.equal(rule.fullDescription.text, control.rationale);
    assert.ok(rule.help.markdown.includes(control.remediation) && rule.help.text.includes(control.rationale));
    const levels = Object.fromEntries(run.tool.driver.rules.map((r: any) => [r.properties['security-severity'], r.defaultConfiguration.level]));
    for (const [sev, level] of Object.entries(levels)) {
      assert.equal(level, { '9.5': 'error', '8.0': 'error', '5.5': 'warning', '3.0': 'note' }[sev], sev);
    }
  });

  it('points at the exact region of privileged: true, relative to the scan root', () => {
    const r = run.results.find((x: any) => x.ruleId === 'privileged-container');
    const loc = r.locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'web.yaml', uriBaseId: '%SRCROOT%' });
    // web.yaml line 28 is `          privileged: true`: the key starts at column 11, the value ends before column 27.
    assert.deepEqual(loc.region, { startLine: 28, startColumn: 11, endLine: 28, endColumn: 27 });
    const line = fs.readFileSync(path.join(INSECURE, 'web.yaml'), 'utf8').split('\n')[27];
    assert.equal(line.slice(10, 26), 'privileged: true');
    assert.equal(r.level, 'error');
    assert.equal(r.ruleIndex, report.controls.findIndex((c) => c.id === 'privileged-container'));
    assert.deepEqual(r.locations[0].logicalLocations, [{ name: 'apps/v1/shop/Deployment/web', kind: 'resource' }]);
    assert.match(r.message.text, /^Deployment shop\/web: container "web" is privileged/);
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `file://${INSECURE}/`);
    for (const x of run.results) {
      const uri = x.locations[0].physicalLocation.artifactLocation.uri;
      assert.ok(!uri.startsWith('/') && !uri.includes('examples'), uri);
    }
  });

  it('gives a precise fix when the key exists, an insertion point when it is absent', () => {
    const r = run.results.find((x: any) => x.ruleId === 'privileged-container');
    const change = r.fixes[0].artifactChanges[0];
    assert.deepEqual(change.artifactLocation, { uri: 'web.yaml', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(change.replacements, [{
      deletedRegion: { startLine: 28, startColumn: 11, endLine: 28, endColumn: 27 },
      insertedContent: { text: 'privileged: false' },
    }]);
    const hostPort = run.results.find((x: any) => x.ruleId === 'host-port');
    assert.deepEqual(hostPort.fixes[0].artifactChanges[0].replacements, [{ deletedRegion: hostPort.locations[0].physicalLocation.region }]);
    // runAsNonRoot is absent: the region is securityContext (27:9–30:37), the fix an insertion at its end.
    const absent = run.results.find((x: any) => x.ruleId === 'non-root-user' && x.properties.resourceId === 'apps/v1/shop/Deployment/web');
    assert.deepEqual(absent.locations[0].physicalLocation.region, { startLine: 27, startColumn: 9, endLine: 30, endColumn: 37 });
    assert.equal(absent.properties.locationIsParent, true);
    const fix = absent.fixes[0];
    assert.match(fix.description.text, /set spec\.template\.spec\.containers\[0\]\.securityContext\.runAsNonRoot to true.*the key is absent/);
    assert.deepEqual(fix.artifactChanges[0].replacements, [{ deletedRegion: { startLine: 30, startColumn: 37, endLine: 30, endColumn: 37 } }]);
    // a fix that only describes a manual step has no edits, hence no SARIF fix
    const manual = run.results.find((x: any) => x.ruleId === 'image-not-pinned');
    assert.equal(manual.fixes, undefined);
  });

  it('has one result per failing path, the others as related locations', () => {
    const dir = tempTree({ 'pod.yaml': POD });
    const out = sarifOf(scanPaths([dir], { controls: ['privileged-container'] }), dir);
    const results = out.runs[0].results;
    assert.equal(results.length, 2);
    assert.deepEqual(results.map((r: any) => r.locations[0].physicalLocation.region.startLine), [11, 14]);
    assert.deepEqual(results[0].relatedLocations.map((l: any) => l.physicalLocation.region.startLine), [14]);
    assert.deepEqual(results[1].relatedLocations.map((l: any) => l.physicalLocation.region.startLine), [11]);
    assert.notEqual(results[0].partialFingerprints[FINGERPRINT_KEY], results[1].partialFingerprints[FINGERPRINT_KEY]);
    // in a flow mapping the key's region is still exact: `privileged: true` at 14:23
    assert.deepEqual(results[1].locations[0].physicalLocation.region, { startLine: 14, startColumn: 23, endLine: 14, endColumn: 39 });
    assert.equal(POD.split('\n')[13].slice(22, 38), 'privileged: true');
  });

  it('keeps fingerprints when lines move and messages change', () => {
    const dir = tempTree({ 'pod.yaml': POD });
    const before = sarifOf(scanPaths([dir]), dir).runs[0].results;
    const again = sarifOf(scanPaths([dir]), dir).runs[0].results;
    assert.deepEqual(again, before);
    fs.writeFileSync(path.join(dir, 'pod.yaml'), `# a comment\n# another\n${POD}`);
    const moved = sarifOf(scanPaths([dir]), dir).runs[0].results;
    const key = (r: any) => `${r.ruleId} ${r.properties.resourceId} ${r.properties.path}`;
    const byKey = new Map(before.map((r: any) => [key(r), r]));
    assert.equal(moved.length, before.length);
    for (const r of moved) {
      const old: any = byKey.get(key(r));
      assert.ok(old, key(r));
      assert.equal(r.partialFingerprints[FINGERPRINT_KEY], old.partialFingerprints[FINGERPRINT_KEY]);
      assert.equal(r.locations[0].physicalLocation.region.startLine, old.locations[0].physicalLocation.region.startLine + 2);
    }
    assert.equal(fingerprint('a', 'b', 'c'), fingerprint('a', 'b', 'c'));
    assert.notEqual(fingerprint('a', 'b', 'c'), fingerprint('a', 'bc', ''));
  });

  it('tells apart copies of one resource in several files, and is relative to the scan root', () => {
    const dir = tempTree({ 'dev/pod.yaml': POD, 'prod/pod.yaml': POD });
    const results = sarifOf(scanPaths([dir], { controls: ['privileged-container'] }), dir).runs[0].results;
    assert.equal(results.length, 4);
    assert.deepEqual(results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri), ['dev/pod.yaml', 'dev/pod.yaml', 'prod/pod.yaml', 'prod/pod.yaml']);
    assert.equal(new Set(results.map((r: any) => r.partialFingerprints[FINGERPRINT_KEY])).size, 4);
    assert.equal(results[0].partialFingerprints[FINGERPRINT_KEY],
      fingerprint('privileged-container', '/v1/apps/Pod/p', 'spec.containers[0].securityContext.privileged', 'dev/pod.yaml'));
    // the same root given as a relative path: file names in the report differ, fingerprints do not
    const relative = path.relative(process.cwd(), dir);
    assert.ok(!path.isAbsolute(relative));
    const again = sarifOf(scanPaths([relative], { controls: ['privileged-container'] }), dir).runs[0].results;
    assert.deepEqual(again.map((r: any) => r.partialFingerprints), results.map((r: any) => r.partialFingerprints));
  });

  it('no two results of a run share a fingerprint: same path, told apart by message, then by order', () => {
    const result = (fp: string, text: string) => ({ message: { text }, partialFingerprints: { [FINGERPRINT_KEY]: fp } });
    const rs = distinctFingerprints([result('a', 'x'), result('a', 'y'), result('b', 'x'), result('c', 'z'), result('c', 'z')]);
    const fps = rs.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    assert.equal(new Set(fps).size, 5);
    assert.equal(fps[2], 'b', 'a fingerprint that does not collide is left as it is');
    // the message decides, not the order, when messages differ
    const swapped = distinctFingerprints([result('a', 'y'), result('a', 'x')]).map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    assert.deepEqual(swapped, [fps[1], fps[0]]);
    // numbers in the message (a process id) do not count: a restarted process keeps its fingerprints
    const before = distinctFingerprints([result('d', 'kubelet (process 101): x'), result('d', 'kubelet (process 101): y')]);
    const after = distinctFingerprints([result('d', 'kubelet (process 4242): x'), result('d', 'kubelet (process 4242): y')]);
    assert.deepEqual(after.map((r) => r.partialFingerprints), before.map((r) => r.partialFingerprints));
  });

  it('points into JSON manifests too: the region of the key and its value', () => {
    const json = JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j', namespace: 'apps' },
      spec: { containers: [{ name: 'a', image: 'nginx', securityContext: { privileged: true } }] },
    }, null, 2);
    const dir = tempTree({ 'manifests/pod.json': json });
    const [r] = sarifOf(scanPaths([dir], { controls: ['privileged-container'] }), dir).runs[0].results;
    const loc = r.locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'manifests/pod.json', uriBaseId: '%SRCROOT%' });
    const lines = json.split('\n');
    const line = lines.findIndex((l) => l.includes('"privileged"')) + 1;
    const col = lines[line - 1].indexOf('"privileged"') + 1;
    assert.deepEqual(loc.region, { startLine: line, startColumn: col, endLine: line, endColumn: col + '"privileged": true'.length });
    assert.deepEqual(r.fixes[0].artifactChanges[0].replacements[0].insertedContent, { text: '"privileged": false' });
  });

  it('marks excepted findings as externally suppressed, with the reason', () => {
    const dir = tempTree({ 'pod.yaml': POD.replace('  namespace: apps\n', '  namespace: apps\n  annotations:\n    palisade.dev/ignore: privileged-container\n    palisade.dev/ignore-reason: "vetted <by> the \'platform\' team & signed"\n') });
    const rep = scanPaths([dir], { controls: ['privileged-container'] });
    assert.ok(rep.findings.every((f) => f.status === 'excepted'), JSON.stringify(rep.findings.map((f) => f.status)));
    const results = sarifOf(rep, dir).runs[0].results;
    assert.equal(results.length, 2);
    for (const r of results) {
      assert.equal(r.suppressions.length, 1);
      assert.equal(r.suppressions[0].kind, 'external');
      assert.equal(r.suppressions[0].justification, rep.findings[0].exception!.reason);
    }
  });

  it('uses logical locations for resources without a file, and absolute URIs outside the root', () => {
    const rep = withNodeFinding(scanPaths([INSECURE], { controls: ['privileged-container'] }));
    const results = sarifOf(rep, INSECURE).runs[0].results;
    const node = results.find((r: any) => r.ruleId === 'privileged-container' && r.properties.resourceId === '/v1//Node/worker-1');
    assert.equal(node.locations[0].physicalLocation, undefined);
    assert.deepEqual(node.locations[0].logicalLocations, [{ name: '/v1//Node/worker-1', kind: 'resource' }]);
    assert.match(node.message.text, /^Node worker-1: /);
    const outside = sarifOf(scanPaths([INSECURE]), path.join(ROOT, 'src')).runs[0].results[0];
    assert.match(outside.locations[0].physicalLocation.artifactLocation.uri, /^file:\/\/\/.*examples\/insecure\/[a-z]+\.yaml$/);
    assert.equal(outside.locations[0].physicalLocation.artifactLocation.uriBaseId, undefined);
  });

  it('writes a run with zero results for an empty scan', () => {
    const dir = tempTree({ 'notes.yaml': 'hello: world\n' });
    const out = sarifOf(scanPaths([dir]), dir);
    assert.equal(out.runs.length, 1);
    assert.deepEqual(out.runs[0].results, []);
    assert.ok(out.runs[0].tool.driver.rules.length > 0);
  });
});
