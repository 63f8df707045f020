// Exceptions through the CLI: Palisade's YAML, the config's exceptions list, Kubescape JSON,
// inline annotations, expiry, audit of unmatched ones, and invalid files (exit 2 with a line).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli, tempDir, writeTree } from './support/cli.js';

const WORKLOADS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter-a
  namespace: monitoring
  labels: {app: node-exporter}
spec:
  selector: {matchLabels: {app: node-exporter}}
  template:
    metadata: {labels: {app: node-exporter}}
    spec:
      containers: [{name: exporter, image: prom/node-exporter:v1.8.0}]
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  annotations:
    palisade.dev/ignore: "non-root-user"
    palisade.dev/ignore-reason: "image runs as nginx after start"
spec:
  containers: [{name: web, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: shop
  annotations:
    palisade.dev/ignore: "non-root-user"
spec:
  containers: [{name: api, image: api:1.0}]
`;

function scan(dir: string, extra: string[]) {
  const r = runCli(['scan', dir, '--controls', 'non-root-user', '--format', 'json', ...extra]);
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
}

describe('exceptions', () => {
  it('excepts what a Palisade exceptions file names, keeps the finding, and counts it as passed', () => {
    const dir = writeTree(tempDir(), {
      'app.yaml': WORKLOADS,
      'exceptions.yaml': `exceptions:
- controls: [C-0013]
  resources: [{kind: DaemonSet, namespace: monitoring, name: "node-exporter*"}]
  reason: "needs host access to read node metrics"
  expires: "2999-06-30"
- controls: [non-root-*]
  resources: [{kind: Deployment}]
  reason: "matches nothing here"
`,
    });
    const { code, report, stderr } = scan(path.join(dir, 'app.yaml'), ['--exceptions', path.join(dir, 'exceptions.yaml')]);
    assert.equal(code, 0, stderr);
    const ds = report.findings.find((f: any) => f.resourceId.includes('DaemonSet'));
    assert.equal(ds.status, 'excepted');
    assert.equal(ds.exception.reason, 'needs host access to read node metrics');
    assert.equal(ds.exception.expires, '2999-06-30');
    assert.match(ds.exception.source, /exceptions\.yaml:2$/);
    const web = report.findings.find((f: any) => f.resourceId.endsWith('/Pod/web'));
    assert.equal(web.status, 'excepted', 'inline annotation applies');
    assert.match(web.exception.source, /annotation palisade\.dev\/ignore/);
    const api = report.findings.find((f: any) => f.resourceId.endsWith('/Pod/api'));
    assert.equal(api.status, 'failed', 'an annotation without a reason does not apply');
    assert.ok(report.warnings.some((w: string) => /no palisade\.dev\/ignore-reason/.test(w)));
    const control = report.controls.find((c: any) => c.id === 'non-root-user');
    assert.deepEqual(control.counts, { evaluated: 3, passed: 0, failed: 1, excepted: 2 });
    assert.equal(control.compliance, 66.67);
    assert.deepEqual(report.exceptions.unmatched.map((u: any) => u.reason), ['matches nothing here']);
  });

  it('does not apply an expired exception, and warns', () => {
    const dir = writeTree(tempDir(), {
      'app.yaml': WORKLOADS,
      '.palisade.yaml': `exceptions:
- controls: [non-root-user]
  resources: [{namespace: monitoring}]
  reason: "temporary"
  expires: "2020-01-31"
`,
    });
    const { code, report, stderr } = scan(dir, ['--fail-on', 'medium']);
    assert.equal(code, 1, 'the gate trips: the exception expired');
    const ds = report.findings.find((f: any) => f.resourceId.includes('DaemonSet'));
    assert.equal(ds.status, 'failed');
    assert.match(stderr, /expired on 2020-01-31/);
    assert.equal(report.exceptions.expired[0].wouldMatch, 1);
  });

  it('reads Kubescape posture exceptions with regex attributes', () => {
    const dir = writeTree(tempDir(), {
      'app.yaml': WORKLOADS,
      'ks.json': JSON.stringify([{
        name: 'exporters', policyType: 'postureExceptionPolicy', actions: ['alertOnly'],
        resources: [{ designatorType: 'Attributes', attributes: { namespace: 'monitor.*', kind: 'DaemonSet', app: 'node-.*' } }],
        posturePolicies: [{ frameworkName: 'NSA', controlID: 'C-0013' }],
      }], null, 2),
    });
    const { report } = scan(path.join(dir, 'app.yaml'), ['--exceptions', path.join(dir, 'ks.json')]);
    const ds = report.findings.find((f: any) => f.resourceId.includes('DaemonSet'));
    assert.equal(ds.status, 'excepted');
    assert.match(ds.exception.reason, /exporters/);
  });

  it('refuses a missing or invalid exceptions file with exit 2 and the line', () => {
    const dir = writeTree(tempDir(), {
      'app.yaml': WORKLOADS,
      'no-reason.yaml': 'exceptions:\n- controls: [non-root-user]\n  resources: [{kind: Pod}]\n',
      'bad-control.yaml': 'exceptions:\n- controls: [non-root-user, no-such-control]\n  reason: x\n',
      'bad-key.yaml': 'exceptions:\n- controls: [non-root-user]\n  reason: x\n  until: "2030-01-01"\n',
      'bad-date.yaml': 'exceptions:\n- controls: [non-root-user]\n  reason: x\n  expires: next year\n',
    });
    const missing = runCli(['scan', dir, '--exceptions', path.join(dir, 'nope.yaml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read exceptions file .*nope\.yaml/);
    const cases: Array<[string, RegExp]> = [
      ['no-reason.yaml', /no-reason\.yaml:2:\d+: .*reason: must be a string/],
      ['bad-control.yaml', /bad-control\.yaml:2:\d+: .*"no-such-control" names no control/],
      ['bad-key.yaml', /bad-key\.yaml:4:3: .*unknown key "until"/],
      ['bad-date.yaml', /bad-date\.yaml:4:\d+: .*YYYY-MM-DD/],
    ];
    for (const [file, re] of cases) {
      const r = runCli(['scan', path.join(dir, 'app.yaml'), '--exceptions', path.join(dir, file)]);
      assert.equal(r.code, 2, file);
      assert.match(r.stderr, re, file);
      assert.equal(r.stdout, '', `${file}: no report when the invocation is wrong`);
    }
  });
});
