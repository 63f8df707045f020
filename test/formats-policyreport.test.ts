// `--format policyreport` from the CLI: every document valid against the wgpolicyk8s.io/v1alpha2
// CRD schema and small enough for kubectl apply, one PolicyReport per namespace, one
// ClusterPolicyReport, one per node, each finding of the JSON report of the same run as exactly
// one result, summaries equal to the results.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadAll } from 'js-yaml';
import { isClusterScoped } from '../src/model/kinds.js';
import { assertValidPolicyReport } from '../src/testing/policy-report-schema.js';
import { MAX_REPORT_BYTES, nodeReportName } from '../src/report/policy-report.js';
import { INSECURE_ROOT, buildRoot } from '../src/testing/node-roots.js';
import { CORPUS, runCli, tempDir, writeTree } from './support/cli.js';

const OUTCOME: Record<string, string> = { failed: 'fail', excepted: 'skip', passed: 'pass' };

function check(args: string[]): { docs: any[]; report: any } {
  const dir = tempDir();
  const out = runCli(['scan', ...args, '--format', 'json,policyreport', '--output-dir', dir]);
  assert.ok(out.code !== 2 && out.code !== null, out.stderr);
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'palisade.json'), 'utf8'));
  const docs = loadAll(fs.readFileSync(path.join(dir, 'palisade-policyreport.yaml'), 'utf8')) as any[];

  docs.forEach((d, i) => assertValidPolicyReport(d, `document ${i + 1} (${d?.metadata?.namespace ?? 'cluster'})`));
  // each document small enough for `kubectl apply` (its last-applied annotation holds all of it)
  for (const d of docs) assert.ok(Buffer.byteLength(JSON.stringify(d)) <= MAX_REPORT_BYTES, `${d.metadata.name} is too big`);
  // a PolicyReport per namespace that has resources, sorted, then the ClusterPolicyReport, then one
  // ClusterPolicyReport per node; each may be split into parts named <name>-2, <name>-3...
  const namespaces = [...new Set(report.resources
    .filter((r: any) => r.source.type !== 'node')
    .map((r: any) => r.namespace ?? (isClusterScoped(r.apiVersion, r.kind) ? undefined : 'default'))
    .filter((n: string | undefined) => n !== undefined))].sort();
  const nodes = [...new Set(report.resources.filter((r: any) => r.source.type === 'node').map((r: any) => r.id.split('/')[1]))]
    .map((h) => nodeReportName(h as string)).sort();
  const expected: Array<[string, string | undefined, string]> = [
    ...namespaces.map((ns): [string, string, string] => ['PolicyReport', ns as string, 'palisade']),
    ['ClusterPolicyReport', undefined, 'palisade-cluster'],
    ...nodes.map((name): [string, undefined, string] => ['ClusterPolicyReport', undefined, name]),
  ];
  let at = 0;
  for (const [kind, namespace, name] of expected) {
    assert.deepEqual([docs[at]?.kind, docs[at]?.metadata.namespace, docs[at]?.metadata.name], [kind, namespace, name], `document ${at + 1}`);
    at++;
    for (let part = 2; docs[at]?.metadata.name === `${name}-${part}` && docs[at]?.metadata.namespace === namespace; part++) at++;
  }
  assert.equal(at, docs.length, 'no other documents');

  for (const d of docs) {
    const counts = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
    for (const r of d.results) counts[r.result as keyof typeof counts]++;
    assert.deepEqual(d.summary, counts, `summary of ${d.metadata.namespace ?? 'the cluster report'}`);
    for (const r of d.results) {
      assert.equal(r.resources.length, 1);
      assert.equal(r.resources[0].namespace, d.metadata.namespace, `${r.policy} ${r.properties.resourceId} is in its namespace's report`);
    }
  }

  // every finding is exactly one result, with its status, severity, message and exception
  const results = docs.flatMap((d) => d.results);
  assert.equal(results.length, report.findings.length);
  const key = (control: string, resourceId: string, result: string, message: string) => `${control}\n${resourceId}\n${result}\n${message}`;
  const remaining = new Map<string, any[]>();
  for (const r of results) {
    const k = key(r.policy, r.properties.resourceId, r.result, r.message);
    remaining.set(k, [...(remaining.get(k) ?? []), r]);
  }
  for (const f of report.findings) {
    const list = remaining.get(key(f.controlId, f.resourceId, OUTCOME[f.status], f.message));
    assert.ok(list?.length, `a result for ${f.controlId} on ${f.resourceId}`);
    const r = list.shift();
    assert.equal(r.severity, f.severity);
    assert.equal(r.category, report.controls.find((c: any) => c.id === f.controlId).section);
    assert.equal(r.properties.paths ?? '', f.paths.map((p: any) => p.path).join(', '));
    if (f.exception) {
      assert.equal(r.result, 'skip');
      assert.equal(r.properties.exceptionReason, f.exception.reason);
      assert.equal(r.properties.exceptionSource, f.exception.source);
    } else {
      assert.equal(r.properties.exceptionReason, undefined);
    }
  }
  return { docs, report };
}

describe('--format policyreport', () => {
  it('the insecure example', () => {
    const { docs } = check(['examples/insecure']);
    assert.ok(docs[0].summary.fail > 10);
  });

  it('the insecure example with --verbose: passed results as pass', () => {
    const { docs, report } = check(['examples/insecure', '--verbose']);
    const pass = docs.reduce((n, d) => n + d.summary.pass, 0);
    assert.equal(pass, report.summary.findings.passed);
    assert.ok(pass > 0);
  });

  it('the hardened example', () => {
    check(['examples/hardened']);
  });

  it('an exceptions file: the excepted finding is skip, with the reason', () => {
    const dir = writeTree(tempDir(), {
      'exceptions.yaml': 'exceptions:\n- controls: [privileged-container]\n  resources: [{kind: Deployment, name: web}]\n  reason: "vetted: <by> the \'platform\' team & signed"\n  expires: "2999-12-31"\n',
    });
    const { docs } = check(['examples/insecure', '--exceptions', path.join(dir, 'exceptions.yaml')]);
    const skipped = docs.flatMap((d) => d.results).filter((r: any) => r.result === 'skip');
    assert.equal(skipped.length, 1);
    assert.equal(skipped[0].policy, 'privileged-container');
    assert.equal(skipped[0].properties.exceptionReason, 'vetted: <by> the \'platform\' team & signed');
    assert.equal(skipped[0].properties.exceptionExpires, '2999-12-31');
  });

  it('the corpus (built-in bindings excepted, many namespaces, the default namespace\'s report in parts)', () => {
    const { docs, report } = check([CORPUS]);
    assert.ok(docs.length > 10);
    const defaults = docs.filter((d) => d.metadata.namespace === 'default').map((d) => d.metadata.name);
    assert.ok(defaults.length > 1 && defaults[1] === 'palisade-2', `default's parts: ${defaults.join(', ')}`);
    assert.ok(report.summary.findings.excepted > 0);
    const skipped = docs.flatMap((d) => d.results).filter((r: any) => r.result === 'skip');
    assert.equal(skipped.length, report.summary.findings.excepted);
  });

  it('a node scan with manifests: what the node scan found is in the node\'s own cluster report, not in default', () => {
    const root = buildRoot(path.join(tempDir(), 'node'), INSECURE_ROOT);
    const { docs, report } = check(['examples/insecure', '--node', '--root', root]);
    const host = report.resources.find((r: any) => r.kind === 'NodeComponent').id.split('/')[1];
    assert.deepEqual(docs.map((d) => [d.metadata.namespace, d.metadata.name]), [['shop', 'palisade'], [undefined, 'palisade-cluster'], [undefined, nodeReportName(host)]]);
    assert.ok(docs[1].results.every((r: any) => r.resources[0].kind !== 'NodeComponent'));
    const nodeResults = docs[2].results.filter((r: any) => r.resources[0].kind === 'NodeComponent');
    assert.ok(nodeResults.length > 0);
    assert.equal(nodeResults.length, report.findings.filter((f: any) => f.resourceId.startsWith('node/') && report.resources.find((r: any) => r.id === f.resourceId)?.kind === 'NodeComponent').length);
    for (const r of nodeResults) assert.equal(r.resources[0].namespace, undefined);
  });

  it('goes to stdout alone, applyable documents separated by ---', () => {
    const out = runCli(['scan', 'examples/insecure', '--format', 'policyreport']);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /^apiVersion: wgpolicyk8s\.io\/v1alpha2\nkind: PolicyReport\n/);
    assert.equal(out.stdout.split(/^---$/m).length, 2);
  });
});
