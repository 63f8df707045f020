// The library API gives the same report as the CLI.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { scanPaths, trippedGates, UsageError, formatJson } from '../src/index.js';
import { runCli, tempDir, writeTree } from './support/cli.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx:1.27
`;

describe('library API', () => {
  it('scans paths and returns the report the CLI prints', () => {
    const dir = writeTree(tempDir(), { 'pod.yaml': POD });
    const report = scanPaths([dir], { controls: ['non-root-user'] });
    assert.equal(report.summary.resources, 1);
    const finding = report.findings.find((f) => f.controlId === 'non-root-user');
    assert.ok(finding);
    assert.equal(finding.resourceId, '/v1/shop/Pod/web');
    assert.equal(finding.paths[0].location?.file, path.join(dir, 'pod.yaml'));
    assert.equal(finding.paths[0].location?.line, 8);

    const cli = JSON.parse(runCli(['scan', dir, '--controls', 'non-root-user', '--format', 'json']).stdout);
    assert.deepEqual(cli.findings, JSON.parse(formatJson(report)).findings);
    assert.deepEqual(cli.controls, JSON.parse(formatJson(report)).controls);
  });

  it('evaluates gates on a report', () => {
    const dir = writeTree(tempDir(), { 'pod.yaml': POD });
    const report = scanPaths([dir], { controls: ['non-root-user'] });
    assert.equal(trippedGates(report, { failOn: 'medium' }).length, 1);
    assert.equal(trippedGates(report, { failOn: 'high' }).length, 0);
  });

  it('throws a UsageError for an unknown control', () => {
    assert.throws(() => scanPaths(['.'], { controls: ['no-such-control'] }), UsageError);
  });
});
