// `--format policyreport` from the CLI: every document valid against the wgpolicyk8s.io/v1alpha2
// CRD schema, one PolicyReport per namespace and one ClusterPolicyReport, each finding of the JSON
// report of the same run as exactly one result, summaries equal to the results.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadAll } from 'js-yaml';
import { isClusterScoped } from '../src/model/kinds.js';
import { assertValidPolicyReport } from '../src/testing/policy-report-schema.js';
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
  // one PolicyReport per namespace that has resources, sorted, then the one ClusterPolicyReport
  const namespaces = [...new Set(report.resources
    .map((r: any) => r.namespace ?? (isClusterScoped(r.apiVersion, r.kind) || r.source.type === 'node' ? undefined : 'default'))
    .filter((n: string | undefined) => n !== undefined))].sort();
  assert.deepEqual(docs.map((d) => d.kind), [...namespaces.map(() => 'PolicyReport'), 'ClusterPolicyReport']);
  assert.deepEqual(docs.slice(0, -1).map((d) => d.metadata.namespace), namespaces);
  assert.deepEqual(docs.map((d) => d.metadata.name), [...namespaces.map(() => 'palisade'), 'palisade-cluster']);

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

  it('the corpus (built-in bindings excepted, many namespaces)', () => {
    const { docs, report } = check([CORPUS]);
    assert.ok(docs.length > 10);
    assert.ok(report.summary.findings.excepted > 0);
    const skipped = docs.flatMap((d) => d.results).filter((r: any) => r.result === 'skip');
    assert.equal(skipped.length, report.summary.findings.excepted);
  });

  it('a node scan with manifests: what the node scan found is in the cluster report, not in default', () => {
    const root = buildRoot(path.join(tempDir(), 'node'), INSECURE_ROOT);
    const { docs, report } = check(['examples/insecure', '--node', '--root', root]);
    assert.ok(report.resources.some((r: any) => r.kind === 'NodeComponent'));
    assert.deepEqual(docs.map((d) => d.metadata.namespace), ['shop', undefined]);
    const cluster = docs.at(-1);
    const nodeResults = cluster.results.filter((r: any) => r.resources[0].kind === 'NodeComponent');
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
