// The library API gives the same report as the CLI.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  scanPaths, trippedGates, UsageError, formatJson, formatCyclonedx, SCHEMA_VERSION, VULNERABILITY_SEVERITIES,
  type ImageScan, type Vulnerability,
} from '../src/index.js';
import { webImage, WEB_MANIFESTS } from '../src/testing/image-fixtures.js';
import { CORPUS, runCli, tempDir, writeTree } from './support/cli.js';

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

describe('RBAC bindings whose role is not in the input', () => {
  const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: not-here}
subjects:
- {kind: ServiceAccount, name: app, namespace: shop}
`;
  it('are reported as such, and grant nothing in the controls', () => {
    const dir = writeTree(tempDir(), { 'rb.yaml': BINDING });
    const report = scanPaths([dir], { controls: ['rbac-secrets-access', 'cluster-admin-binding'] });
    assert.equal(report.findings.length, 0);
    assert.equal(report.warnings.length, 1);
    assert.match(report.warnings[0], /^1 binding\(s\) refer to a role that is not in the input.*RoleBinding shop\/app → Role not-here$/);
    const cli = runCli(['scan', dir, '--controls', 'rbac-secrets-access']);
    assert.match(cli.stderr, /warning: 1 binding\(s\) refer to a role that is not in the input/);
  });
  it('are not mentioned when no RBAC control runs', () => {
    const dir = writeTree(tempDir(), { 'rb.yaml': BINDING });
    assert.deepEqual(scanPaths([dir], { controls: ['non-root-user'] }).warnings, []);
  });
});

describe('large inputs parsed on two threads', () => {
  it('give the CLI the same report as the single-threaded library on the whole corpus (over the 2 MB threshold)', () => {
    const cli = JSON.parse(runCli(['scan', CORPUS, '--format', 'json']).stdout);
    const lib = JSON.parse(formatJson(scanPaths([CORPUS])));
    for (const r of [cli, lib]) {
      delete r.generatedAt;
      r.summary.durationMs = 0;
    }
    assert.deepEqual(cli, lib);
  });

  it('scans with images: vulnerabilities joined to the resources that run them, gated, in every format', () => {
    const dir = writeTree(tempDir(), { 'web.yaml': WEB_MANIFESTS });
    const images: ImageScan[] = [webImage()];
    const report = scanPaths([dir], { controls: ['privileged-container'], images, ignoreUnfixed: true, includePackages: true });
    assert.equal(report.schemaVersion, SCHEMA_VERSION);
    const v: Vulnerability = report.vulnerabilities[0];
    assert.equal(v.id, 'DSA-5510-1');
    assert.deepEqual(v.resources, ['apps/v1/shop/Deployment/web', 'batch/v1/billing/CronJob/report']);
    assert.equal(v.location?.file, path.join(dir, 'web.yaml'));
    assert.equal(report.vulnerabilities.length, 4, '--ignore-unfixed dropped the one with no fix');
    assert.deepEqual(VULNERABILITY_SEVERITIES, ['critical', 'high', 'medium', 'low', 'unknown']);
    assert.deepEqual(trippedGates(report, { failOn: 'critical' }), ['--fail-on critical: 1 vulnerability at critical or above']);
    assert.equal(JSON.parse(formatCyclonedx(report)).components[0].components.length, 6, 'the OS and five packages');
  });
});
