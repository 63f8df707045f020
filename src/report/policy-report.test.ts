// PolicyReport: valid against the v1alpha2 CRD schema, one report per namespace and one cluster
// report, results mapped from findings (fail, skip with the exception, pass with --verbose),
// summaries equal to the results, names the API server accepts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import { scanPaths } from '../index.js';
import type { ScanReport } from '../model/types.js';
import { assertValidPolicyReport, policyReportErrors } from '../testing/policy-report-schema.js';
import { formatPolicyReport, isNamespaceName, MAX_REPORT_BYTES, nodeReportName } from './policy-report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function docsOf(report: ScanReport): any[] {
  const docs = loadAll(formatPolicyReport(report)) as any[];
  docs.forEach((d, i) => assertValidPolicyReport(d, `document ${i + 1}`));
  for (const d of docs) {
    const counts = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
    for (const r of d.results) counts[r.result as keyof typeof counts]++;
    assert.deepEqual(d.summary, counts, `summary of ${d.metadata.namespace ?? 'the cluster report'}`);
  }
  return docs;
}

function tempTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-pr-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, rel), text);
  return dir;
}

const pod = (name: string, namespace: string | undefined, privileged: boolean, annotations = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${namespace === undefined ? '' : `  namespace: "${namespace}"\n`}${annotations}spec:
  containers:
  - name: a
    image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000
    securityContext: {privileged: ${privileged}}
`;

describe('PolicyReport', () => {
  const report = scanPaths([path.join(ROOT, 'examples/insecure')]);
  const docs = docsOf(report);

  it('writes a PolicyReport per namespace, then one ClusterPolicyReport', () => {
    assert.deepEqual(docs.map((d) => [d.kind, d.metadata.namespace]), [['PolicyReport', 'shop'], ['ClusterPolicyReport', undefined]]);
    assert.deepEqual(docs.map((d) => d.metadata.name), ['palisade', 'palisade-cluster']);
    for (const d of docs) {
      assert.equal(d.apiVersion, 'wgpolicyk8s.io/v1alpha2');
      assert.deepEqual(d.metadata.labels, { 'app.kubernetes.io/managed-by': 'palisade' });
    }
  });

  it('has one result per finding, in the report of its resource\'s namespace', () => {
    const results = docs.flatMap((d) => d.results.map((r: any) => ({ ...r, doc: d })));
    assert.equal(results.length, report.findings.length);
    const key = (control: string, resourceId: string, message: string) => `${control} ${resourceId} ${message}`;
    const byKey = new Map(results.map((r: any) => [key(r.policy, r.properties.resourceId, r.message), r]));
    assert.equal(byKey.size, results.length);
    for (const f of report.findings) {
      const r: any = byKey.get(key(f.controlId, f.resourceId, f.message));
      assert.ok(r, `${f.controlId} ${f.resourceId}`);
      const resource = report.resources.find((x) => x.id === f.resourceId)!;
      assert.equal(r.doc.metadata.namespace, resource.namespace, f.resourceId);
    }
  });

  it('maps a finding to a result: policy, rule, category, severity, resource, time, paths, locations and fix', () => {
    const r = docs[0].results.find((x: any) => x.policy === 'privileged-container');
    const ms = Date.parse(report.generatedAt);
    assert.deepEqual(r, {
      policy: 'privileged-container',
      rule: 'privileged-container',
      category: 'pod-security',
      severity: 'high',
      result: 'fail',
      scored: true,
      source: 'palisade',
      timestamp: { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 },
      message: 'container "web" is privileged (privileged: true)',
      resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' }],
      properties: {
        resourceId: 'apps/v1/shop/Deployment/web',
        paths: 'spec.template.spec.containers[0].securityContext.privileged',
        locations: `${path.join(ROOT, 'examples/insecure/web.yaml')}:28:11`,
        fix: 'set privileged: false',
      },
    });
    const cluster = docs[1].results.find((x: any) => x.policy === 'cluster-admin-binding');
    assert.equal(cluster.category, 'rbac');
    assert.equal(cluster.resources[0].namespace, undefined);
  });

  it('writes excepted findings as skip with the exception in properties, passed ones (--verbose) as pass', () => {
    const dir = tempTree({
      'pods.yaml': [
        pod('vetted', 'apps', true, '  annotations:\n    palisade.dev/ignore: privileged-container\n    palisade.dev/ignore-reason: "needs <raw> \'devices\' & more"\n    palisade.dev/ignore-until: "2999-01-01"\n'),
        pod('fine', 'apps', false),
        pod('bad', 'apps', true),
      ].join('---\n'),
    });
    const rep = scanPaths([dir], { controls: ['privileged-container'], verbose: true });
    const [apps, cluster] = docsOf(rep);
    assert.equal(apps.metadata.namespace, 'apps');
    assert.deepEqual(apps.summary, { pass: 1, fail: 1, warn: 0, error: 0, skip: 1 });
    const byName = Object.fromEntries(apps.results.map((r: any) => [r.resources[0].name, r]));
    assert.equal(byName.fine.result, 'pass');
    assert.equal(byName.bad.result, 'fail');
    const skip = byName.vetted;
    assert.equal(skip.result, 'skip');
    assert.equal(skip.properties.excepted, 'true');
    assert.equal(skip.properties.exceptionReason, 'needs <raw> \'devices\' & more');
    assert.equal(skip.properties.exceptionExpires, '2999-01-01');
    assert.match(skip.properties.exceptionSource, /annotation/);
    assert.deepEqual(cluster.results, []);
  });

  it('gives a clean namespace an empty report (replacing a stale one), and namespace-less resources the default namespace', () => {
    const dir = tempTree({ 'pods.yaml': [pod('clean', 'quiet', false), pod('loose', undefined, true)].join('---\n') });
    const docs2 = docsOf(scanPaths([dir], { controls: ['privileged-container'] }));
    assert.deepEqual(docs2.map((d) => d.metadata.namespace), ['default', 'quiet', undefined]);
    assert.equal(docs2[0].results[0].resources[0].namespace, 'default');
    assert.deepEqual(docs2[1].results, []);
    assert.deepEqual(docs2[1].summary, { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 });
  });

  it('puts results whose namespace cannot exist (an unrendered template) in the cluster report', () => {
    const dir = tempTree({ 'pods.yaml': [pod('tpl', '{{ .Values.namespace }}', true), pod('caps', 'Shop', true)].join('---\n') });
    const docs3 = docsOf(scanPaths([dir], { controls: ['privileged-container'] }));
    assert.deepEqual(docs3.map((d) => d.kind), ['ClusterPolicyReport']);
    assert.deepEqual(docs3[0].results.map((r: any) => r.resources[0].namespace), ['{{ .Values.namespace }}', 'Shop']);
  });

  it('writes an empty cluster report when nothing was scanned', () => {
    const empty = docsOf(scanPaths([path.join(ROOT, 'package.json')]));
    assert.deepEqual(empty.map((d) => [d.kind, d.results.length]), [['ClusterPolicyReport', 0]]);
  });

  it('splits a report too big for kubectl apply into parts: palisade, palisade-2..., each with its summary', () => {
    const many = Array.from({ length: 2500 }, (_, i) => pod(`p${i}`, 'big', true)).join('---\n');
    const rep = scanPaths([tempTree({ 'pods.yaml': many })], { controls: ['privileged-container'] });
    const parts = docsOf(rep).filter((d) => d.metadata.namespace === 'big');
    assert.ok(parts.length > 1, `${parts.length} part(s)`);
    assert.deepEqual(parts.map((d) => d.metadata.name), parts.map((_, i) => (i === 0 ? 'palisade' : `palisade-${i + 1}`)));
    for (const d of parts) {
      assert.ok(Buffer.byteLength(JSON.stringify(d)) <= MAX_REPORT_BYTES, `${d.metadata.name}: ${Buffer.byteLength(JSON.stringify(d))} bytes`);
      assert.ok(d.results.length > 0);
    }
    assert.equal(parts.reduce((n, d) => n + d.summary.fail, 0), 2500);
    const names = parts.flatMap((d) => d.results.map((r: any) => r.resources[0].name));
    assert.equal(new Set(names).size, 2500, 'each result once, in one part');
  });

  it('names a node\'s report after its host, as a valid object name', () => {
    assert.equal(nodeReportName('worker-1'), 'palisade-node-worker-1');
    assert.equal(nodeReportName('Node_1.Example.COM'), 'palisade-node-node-1.example.com');
    assert.equal(nodeReportName('-a..b-.'), 'palisade-node-a.b');
    assert.equal(nodeReportName('__'), 'palisade-node');
    const long = nodeReportName(`${'x'.repeat(60)}.`.repeat(6));
    assert.ok(long.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(long), long);
  });

  it('namespace names are DNS-1123 labels', () => {
    for (const ok of ['a', 'shop', 'kube-system', 'a1', '0', 'x'.repeat(63)]) assert.ok(isNamespaceName(ok), ok);
    for (const bad of ['', 'Shop', '-a', 'a-', 'a.b', 'a_b', '{{ ns }}', 'x'.repeat(64)]) assert.ok(!isNamespaceName(bad), bad);
  });

  it('the schema is not vacuous', () => {
    const good = docs[0];
    const broken = (edit: (d: any) => void) => {
      const d = structuredClone(good);
      edit(d);
      return policyReportErrors(d);
    };
    assert.deepEqual(broken(() => {}), []);
    const cases: Array<[string, (d: any) => void]> = [
      ['severity warning', (d) => { d.results[0].severity = 'warning'; }],
      ['result failed', (d) => { d.results[0].result = 'failed'; }],
      ['a number property', (d) => { d.results[0].properties.count = 3; }],
      ['no policy', (d) => { delete d.results[0].policy; }],
      ['an unknown result field', (d) => { d.results[0].rules = 'x'; }],
      ['nanos as a string', (d) => { d.results[0].timestamp.nanos = '1'; }],
      ['a namespace with capitals', (d) => { d.metadata.namespace = 'Shop'; }],
      ['a PolicyReport without namespace', (d) => { delete d.metadata.namespace; }],
      ['a ClusterPolicyReport with one', (d) => { d.kind = 'ClusterPolicyReport'; }],
      ['a name with an underscore', (d) => { d.metadata.name = 'pali_sade'; }],
      ['a summary count as text', (d) => { d.summary.fail = '1'; }],
      ['another apiVersion', (d) => { d.apiVersion = 'wgpolicyk8s.io/v1beta1'; }],
    ];
    for (const [what, edit] of cases) assert.notDeepEqual(broken(edit), [], what);
  });
});
