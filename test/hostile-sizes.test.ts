// Input whose size broke the scan: a control failing on 130,000 resources overflowed the stack
// (findings spread into push(...)), and repeated keys, List items and invalid bytes took time
// growing with the square of their number. Each must now give the full report in seconds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { runCli, tempDir } from './support/cli.js';
import { runShell } from './support/shell.js';

describe('one control failing on 130,000 resources', () => {
  it('gives the full report (findings were once spread into push(...) and overflowed the stack)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'configmaps.yaml');
    const docs: string[] = [];
    for (let i = 0; i < 130_000; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`);
    fs.writeFileSync(file, docs.join('---\n'));
    const out = runCli(['scan', file, '--format', 'json', '--controls', 'default-namespace']);
    assert.equal(out.code, 0, out.stderr.slice(0, 2000));
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.equal(report.findings.filter((f) => f.controlId === 'default-namespace').length, 130_000);
  });
});

describe('input that took time growing with the square of its size', () => {
  // Each took minutes before (40k keys: 5.5 s; 40k items: 2.5 s; 100k invalid bytes: 3.5 s); the CLI is killed after 20 s.
  it('a mapping of 150,000 keys with one repeated: the duplicate is reported at its line', () => {
    const file = path.join(tempDir(), 'configmap.yaml');
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: big, namespace: shop}', 'data:'];
    for (let i = 0; i < 150_000; i++) lines.push(`  k${i}: v`);
    lines.push('  k7: again');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const out = runShell(`palisade scan '${file}' --format json`);
    assert.equal(out.code, 3, out.stderr);
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.deepEqual(report.errors, [{ file, line: 150_005, column: 3, message: 'invalid YAML: duplicated mapping key' }]);
  });

  it('300,000 documents each with an invalid UTF-8 byte: one error each, at its line', () => {
    const file = path.join(tempDir(), 'latin1.yaml');
    const doc = Buffer.concat([Buffer.from('k: "caf'), Buffer.from([0xe9]), Buffer.from('"\n---\n')]);
    fs.writeFileSync(file, Buffer.concat(Array.from({ length: 300_000 }, () => doc)));
    const out = runShell(`palisade scan '${file}' --format json`);
    assert.equal(out.code, 3, out.stderr.slice(0, 2000));
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.equal(report.errors.length, 300_000);
    assert.deepEqual(report.errors[299_999], { file, line: 599_999, column: 8, message: 'invalid UTF-8 byte sequence; document not scanned' });
  });

  it('a List of 150,000 items, as kubectl get -o yaml prints it, with each item at its line', () => {
    const file = path.join(tempDir(), 'list.yaml');
    const lines = ['apiVersion: v1', 'kind: List', 'items:'];
    for (let i = 0; i < 150_000; i++) lines.push(`- {apiVersion: v1, kind: ServiceAccount, metadata: {name: s${i}, namespace: shop}}`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const out = runShell(`palisade scan '${file}' --format json`);
    assert.equal(out.code, 0, out.stderr);
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.equal(report.summary.resources, 150_000);
    const last = report.resources.find((r) => r.name === 's149999');
    assert.deepEqual([last?.source.line, last?.source.column], [150_003, 3]);
  });
});
