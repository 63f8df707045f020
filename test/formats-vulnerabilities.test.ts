// Image vulnerabilities through every format, from a report made with the library API (scanPaths
// with images, as the image source and the database give them), checked with each format's own
// validator: the SARIF Multitool, the PolicyReport CRD schema, junit2json, the exposition parser,
// the report's JSON schema.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseJunit } from 'junit2json';
import { loadAll } from 'js-yaml';
import {
  formatJson, formatJunit, formatPolicyReport, formatPrometheus, formatSarif, scanPaths, type ExceptionRule, type ScanReport,
} from '../src/index.js';
import { cleanImage, webImage, WEB_MANIFESTS, WEB_REF } from '../src/testing/image-fixtures.js';
import { assertValidPolicyReport } from '../src/testing/policy-report-schema.js';
import { readExposition, seriesKey, seriesOf } from '../src/testing/prometheus-exposition.js';
import { tempDir, writeTree } from './support/cli.js';
import { assertClean } from './support/sarif-multitool.js';
import { assertSchemaValid } from './support/schema.js';

const EXCEPTIONS: ExceptionRule[] = [
  { source: 'exceptions.yaml:2', controls: [], resources: [], reason: 'no SOCKS proxy in this deployment', vulnerabilities: ['CVE-2023-38545'] },
];

function scanned(options: { verbose?: boolean; images?: ReturnType<typeof webImage>[] } = {}): { dir: string; report: ScanReport } {
  const dir = writeTree(tempDir(), { 'deploy/web.yaml': WEB_MANIFESTS });
  const report = scanPaths([path.join(dir, 'deploy')], {
    controls: ['privileged-container'], images: options.images ?? [webImage(), cleanImage()], exceptions: EXCEPTIONS, verbose: options.verbose,
  });
  return { dir, report };
}

describe('vulnerabilities in every format', () => {
  it('JSON: the report with vulnerabilities, images, packages (verbose), image errors and images not judged validates against the schema', () => {
    const { report } = scanned({ verbose: true });
    assertSchemaValid(JSON.parse(formatJson(report)), 'a report with vulnerabilities');
    assert.equal(report.images?.[0].packages?.length, 5);
    const dir = writeTree(tempDir(), { 'web.yaml': WEB_MANIFESTS });
    const notJudged = scanPaths([dir], {
      controls: ['privileged-container'], images: [webImage()], imagesNotJudged: 'no vulnerability database: run `palisade db update`',
      imageErrors: [{ ref: 'ghcr.io/acme/gone:1', message: 'manifest unknown' }],
    });
    assertSchemaValid(JSON.parse(formatJson(notJudged)), 'images not judged, an image error');
    const broken = JSON.parse(formatJson(report));
    broken.vulnerabilities[0].severity = 'severe';
    assert.throws(() => assertSchemaValid(broken, 'a wrong severity'), /severity/);
  });

  it('SARIF: a rule per advisory, results at the image: field of the manifest, related locations, suppressions; the Multitool accepts it', () => {
    const { dir, report } = scanned();
    const file = path.join(dir, 'vulns.sarif');
    fs.writeFileSync(file, formatSarif(report, { root: dir }));
    const sarif = assertClean(file);
    const run = sarif.runs[0];
    const rules = run.tool.driver.rules.map((r: any) => r.id);
    assert.deepEqual(rules.slice(1), ['DSA-5510-1', 'DSA-5532-1', 'GHSA-p6mc-m468-83gw', 'GHSA-c2qf-rxjj-qqgw', 'DEBIAN-CVE-2010-4756']);
    const dsa = run.tool.driver.rules.find((r: any) => r.id === 'DSA-5532-1');
    assert.equal(dsa.properties['security-severity'], '7.5');
    assert.equal(dsa.helpUri, 'https://www.debian.org/security/2023/dsa-5532');
    assert.equal(run.tool.driver.rules.find((r: any) => r.id === 'DEBIAN-CVE-2010-4756').properties['security-severity'], undefined);
    const result = run.results.find((r: any) => r.ruleId === 'DSA-5532-1');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'DSA-5532-1');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation, {
      artifactLocation: { uri: 'deploy/web.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 9, endLine: 12, endColumn: 49 },
    });
    assert.equal(result.locations[0].logicalLocations[0].name, WEB_REF);
    assert.equal(result.relatedLocations[0].physicalLocation.region.startLine, 31);
    assert.match(result.message.text, /^registry\.example\.com\/shop\/web:1\.4: DSA-5532-1 \(CVE-2023-5363\) in libssl3 \(openssl\) 3\.0\.11-1~deb12u1 → 3\.0\.11-1~deb12u2 \(run by Deployment shop\/web, CronJob billing\/report\)$/);
    const curl = run.results.find((r: any) => r.ruleId === 'DSA-5510-1');
    assert.equal(curl.suppressions[0].justification, 'no SOCKS proxy in this deployment');
    const fingerprints = run.results.map((r: any) => r.partialFingerprints['palisade/v2']);
    assert.equal(new Set(fingerprints).size, fingerprints.length);
  });

  it('SARIF: an image no scanned manifest runs has a logical location only', () => {
    const dir = writeTree(tempDir(), { 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n' });
    const report = scanPaths([dir], { controls: ['privileged-container'], images: [webImage()] });
    const file = path.join(dir, 'alone.sarif');
    fs.writeFileSync(file, formatSarif(report, { root: dir }));
    const sarif = assertClean(file);
    const result = sarif.runs[0].results[0];
    assert.equal(result.locations[0].physicalLocation, undefined);
    assert.deepEqual(result.locations[0].logicalLocations[0], {
      name: WEB_REF, fullyQualifiedName: `${WEB_REF}@${webImage().contents.digest}`, kind: 'resource',
    });
  });

  it('JUnit: a testsuite per image, a failing testcase per vulnerability, excepted ones skipped', async () => {
    const { report } = scanned();
    const xml: any = await parseJunit(formatJunit(report));
    const web = xml.testsuite.find((s: any) => s.name === `Image ${WEB_REF}`);
    assert.equal(web.tests, 5);
    assert.equal(web.failures, 4);
    assert.equal(web.skipped, 1);
    const ssl = web.testcase.find((c: any) => c.name === 'DSA-5532-1 libssl3');
    assert.equal(ssl.failure[0].message, 'DSA-5532-1 (high) in libssl3 3.0.11-1~deb12u1, fixed in 3.0.11-1~deb12u2');
    assert.match(ssl.failure[0].inner, /run by: Deployment shop\/web \(.*deploy\/web\.yaml:12:9\)/);
    assert.equal(web.testcase.find((c: any) => c.name === 'DSA-5510-1 libcurl4').skipped[0].message, 'excepted: no SOCKS proxy in this deployment');
    const alpine = xml.testsuite.find((s: any) => s.name === 'Image alpine:3.20');
    assert.deepEqual(alpine.testcase.map((c: any) => c.name), ['1 package(s): no known vulnerabilities']);
    assert.equal(xml.failures, 4 + report.summary.controls.failed);
  });

  it('Prometheus: palisade_vulnerabilities{image,severity} with a zero for every severity, and per-image counts', () => {
    const { report } = scanned();
    const series = seriesOf(readExposition(formatPrometheus(report)));
    const count = (image: string, severity: string) => series.get(seriesKey('palisade_vulnerabilities', { image, severity }));
    assert.deepEqual(['critical', 'high', 'medium', 'low', 'unknown'].map((s) => count(WEB_REF, s)), [0, 2, 1, 0, 1], 'the excepted critical is not counted');
    assert.deepEqual(['critical', 'high', 'medium', 'low', 'unknown'].map((s) => count('alpine:3.20', s)), [0, 0, 0, 0, 0]);
    assert.equal(series.get(seriesKey('palisade_vulnerabilities_excepted', { image: WEB_REF })), 1);
    assert.equal(series.get(seriesKey('palisade_vulnerabilities_fixable', { image: WEB_REF })), 3);
    assert.equal(series.get(seriesKey('palisade_image_packages', { image: 'alpine:3.20' })), 1);
    assert.equal(series.get(seriesKey('palisade_image_judged', { image: WEB_REF })), 1);
  });

  it('PolicyReport: results with policy = advisory id, source palisade, the resources running the image, in their namespaces', () => {
    const { report } = scanned();
    const docs = loadAll(formatPolicyReport(report)) as any[];
    for (const d of docs) assertValidPolicyReport(d, `${d.kind} ${d.metadata.name}`);
    const shop = docs.find((d) => d.metadata.namespace === 'shop');
    const billing = docs.find((d) => d.metadata.namespace === 'billing');
    const ssl = shop.results.find((r: any) => r.policy === 'DSA-5532-1');
    assert.equal(ssl.source, 'palisade');
    assert.equal(ssl.result, 'fail');
    assert.equal(ssl.severity, 'high');
    assert.equal(ssl.category, 'vulnerability');
    assert.deepEqual(ssl.resources, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' }]);
    assert.equal(ssl.properties.fixedVersion, '3.0.11-1~deb12u2');
    assert.deepEqual(billing.results.find((r: any) => r.policy === 'DSA-5532-1').resources.map((r: any) => r.kind), ['CronJob']);
    assert.equal(shop.results.find((r: any) => r.policy === 'DSA-5510-1').result, 'skip');
    assert.equal(shop.results.find((r: any) => r.policy === 'DEBIAN-CVE-2010-4756').severity, 'info');
    assert.equal(shop.summary.fail, 4);
  });

  it('not judged: JUnit skips the image with the reason, Prometheus says palisade_image_judged 0, SARIF has no vulnerability result', async () => {
    const dir = writeTree(tempDir(), { 'web.yaml': WEB_MANIFESTS });
    const reason = 'no vulnerability database: run `palisade db update`';
    const report = scanPaths([dir], { controls: ['privileged-container'], images: [webImage()], imagesNotJudged: reason });
    const xml: any = await parseJunit(formatJunit(report));
    const web = xml.testsuite.find((s: any) => s.name === `Image ${WEB_REF}`);
    assert.deepEqual([web.tests, web.failures, web.skipped], [1, 0, 1]);
    assert.equal(web.testcase[0].skipped[0].message, `not judged: ${reason}`);
    const series = seriesOf(readExposition(formatPrometheus(report)));
    assert.equal(series.get(seriesKey('palisade_image_judged', { image: WEB_REF })), 0);
    assert.equal(series.get(seriesKey('palisade_image_packages', { image: WEB_REF })), 5);
    const sarif = JSON.parse(formatSarif(report, { root: dir }));
    assert.deepEqual(sarif.runs[0].results, []);
    assert.ok(sarif.runs[0].invocations[0].toolExecutionNotifications.some((n: any) => n.message.text === `1 image(s) were not judged: ${reason}`));
  });

  it('PolicyReport: an image no scanned resource runs goes to the cluster report', () => {
    const dir = writeTree(tempDir(), { 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n' });
    const report = scanPaths([dir], { controls: ['privileged-container'], images: [webImage()] });
    const docs = loadAll(formatPolicyReport(report)) as any[];
    const cluster = docs.find((d) => d.kind === 'ClusterPolicyReport');
    assert.equal(cluster.results.length, 5);
    assert.deepEqual(cluster.results[0].resources, []);
    for (const d of docs) assertValidPolicyReport(d, d.metadata.name);
  });
});
