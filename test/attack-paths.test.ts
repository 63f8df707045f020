// Attack paths end to end (issue 14): the built CLI on the manifest set of
// src/testing/attack-path-fixtures.ts as files and as a live cluster (the fake API server), every
// format's attack-path part, --fail-on-path, `explain path`, and a fix that removes a link.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import type { AttackPath } from '../src/model/attack-path.js';
import { FULL_PATH, VARIANTS } from '../src/testing/attack-path-fixtures.js';
import { runCli, runCliAsync, tempDir } from './support/cli.js';
import { serve, type Started } from './support/cluster-serve.js';
import { assertSchemaValid } from './support/schema.js';

const HOME = tempDir();
const WEB = 'apps/v1/shop/Deployment/web';
const env = { KUBECONFIG: undefined, HOME };

function write(name: string, yaml: string): string {
  const dir = tempDir('palisade-paths-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, yaml);
  return file;
}

function scanJson(args: string[]): ScanReport {
  const r = runCli(['scan', ...args, '--format', 'json'], { env });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as ScanReport;
}
const tactics = (p: AttackPath | undefined): string[] => p?.steps.map((s) => `${s.tactic}:${s.title}`) ?? [];
const webOf = (r: ScanReport): AttackPath | undefined => r.attackPaths.find((p) => p.id === WEB);

/** The steps of the full path with no image scanned (no execution step). */
const FILE_STEPS = [
  'initial-access:reachable from outside the cluster',
  'privilege-escalation:escape to the node',
  'credential-access:read credentials with the pod\'s token',
  'lateral-movement:reach other workloads',
  'impact:create workloads or bind roles',
  'impact:write to the node',
];

describe('attack paths: files', () => {
  const file = write('shop.yaml', FULL_PATH);
  const report = scanJson([file]);

  it('the JSON report has the path, valid against the schema', () => {
    assertSchemaValid(report, 'full path');
    assert.deepEqual(report.attackPaths.map((p) => [p.id, p.status, p.severity]), [[WEB, 'open', 'critical']]);
    assert.deepEqual(tactics(webOf(report)), FILE_STEPS);
    const removes = webOf(report)!.links.filter((l) => l.effect === 'removes');
    assert.deepEqual(removes.map((l) => [l.controlId, l.location?.file, l.location?.line]), [['externally-exposed', file, 5]]);
  });

  it('the same order every run', () => {
    const again = scanJson([file]);
    assert.deepEqual(again.attackPaths, report.attackPaths);
  });

  it('pretty: "Fix these first" comes before the failed controls, one line per link', () => {
    const r = runCli(['scan', file, '--no-color'], { env });
    const lines = r.stdout.split('\n');
    const head = lines.findIndex((l) => l.startsWith('Fix these first: 1 attack path(s)'));
    assert.ok(head > 0 && head < lines.findIndex((l) => /^HIGH {5}/.test(l)), r.stdout);
    assert.match(lines[head + 1], /^ {2}CRITICAL Deployment shop\/web \(3 replicas\) score [\d.]+: reachable from outside the cluster → escape to the node/);
    assert.match(lines[head + 2], /^ {4}removes {2}\S+shop\.yaml:5:3 {2}externally-exposed: make it ClusterIP/);
    const links = lines.slice(head + 2).filter((l) => /^ {4}(removes|shortens|weakens) /.test(l));
    assert.equal(links.length, webOf(report)!.links.length);
  });

  it('--fail-on-path: exit 1 at or below the path\'s severity, 0 above none, 2 for an unknown severity', () => {
    const tripped = runCli(['scan', file, '--format', 'json', '--fail-on-path', 'critical'], { env });
    assert.equal(tripped.code, 1);
    assert.match(tripped.stderr, /gate tripped: --fail-on-path critical: 1 attack path\(s\) at critical or above, the first on Deployment shop\/web/);
    const none = runCli(['scan', write('x.yaml', VARIANTS.notExposed()), '--format', 'json', '--fail-on-path', 'low'], { env });
    assert.equal(none.code, 0, none.stderr);
    const bad = runCli(['scan', file, '--fail-on-path', 'severe'], { env });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--fail-on-path: unknown severity "severe" \(one of critical, high, medium, low\)/);
    assert.equal(bad.stdout, '');
  });

  it('the config file\'s gates.failOnPath gates the same way; a bad value there is exit 2 naming it', () => {
    const config = write('.palisade.yaml', 'gates: {failOnPath: high}\n');
    const r = runCli(['scan', file, '--config', config, '--format', 'json'], { env });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /gate tripped: --fail-on-path high: 1 attack path\(s\)/);
    // no path, nothing to trip
    assert.equal(runCli(['scan', write('closed.yaml', VARIANTS.notExposed()), '--config', config, '--format', 'json'], { env }).code, 0);
    const bad = write('.palisade.yaml', 'gates: {failOnPath: severe}\n');
    const b = runCli(['scan', file, '--config', bad], { env });
    assert.equal(b.code, 2);
    assert.match(b.stderr, /failOnPath: unknown severity "severe"/);
  });

  it('an exception on the exposure breaks the path: excepted, said so, and the gate passes', () => {
    const exceptions = write('exceptions.yaml', 'exceptions:\n- controls: [externally-exposed]\n  resources: [{kind: Service, namespace: shop, name: web}]\n  reason: the public shop front\n');
    const r = runCli(['scan', file, '--exceptions', exceptions, '--fail-on-path', 'low', '--format', 'json'], { env });
    assert.equal(r.code, 0, r.stderr);
    const p = webOf(JSON.parse(r.stdout))!;
    assert.equal(p.status, 'excepted');
    assert.deepEqual(p.brokenBy.map((l) => [l.controlId, l.exception?.reason]), [['externally-exposed', 'the public shop front']]);
    const pretty = runCli(['scan', file, '--exceptions', exceptions, '--no-color'], { env });
    assert.match(pretty.stdout, /^ {2}EXCEPTED Deployment shop\/web: broken by exception: externally-exposed \(the public shop front\)$/m);
  });

  it('each variant lacking one link: the path disappears or loses exactly that step', () => {
    const cases: Array<[string, string, string[]]> = [
      ['not exposed', VARIANTS.notExposed(), []],
      ['no escape', VARIANTS.noEscape(), FILE_STEPS.filter((s) => !/escape to the node|write to the node/.test(s))],
      ['no token', VARIANTS.noToken(), FILE_STEPS.filter((s) => !/credential-access|create workloads/.test(s))],
      ['no grants', VARIANTS.noGrants(), FILE_STEPS.filter((s) => !/credential-access|create workloads/.test(s))],
      ['isolated', VARIANTS.isolated(), FILE_STEPS.filter((s) => !/lateral-movement/.test(s))],
    ];
    for (const [name, yaml, steps] of cases) {
      const r = scanJson([write(`${name.replace(/ /g, '-')}.yaml`, yaml)]);
      assert.deepEqual(tactics(webOf(r)), steps, name);
      if (!steps.length) assert.deepEqual(r.attackPaths, [], name);
    }
  });

  it('palisade fix removes the token link: the next scan has the path without credential access or API impact', () => {
    const copy = write('fixme.yaml', FULL_PATH);
    // a review fix (the application may use the token): applied with --all
    const fixed = runCli(['fix', copy, '--all', '--controls', 'service-account-token-mounted'], { env });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fs.readFileSync(copy, 'utf8'), /automountServiceAccountToken: false/);
    assert.deepEqual(tactics(webOf(scanJson([copy]))), FILE_STEPS.filter((s) => !/credential-access|create workloads/.test(s)));
  });

  it('editing the Service to ClusterIP removes the path on the next run', () => {
    const copy = write('edit.yaml', FULL_PATH);
    assert.ok(webOf(scanJson([copy])));
    fs.writeFileSync(copy, fs.readFileSync(copy, 'utf8').replace('type: LoadBalancer', 'type: ClusterIP'));
    assert.deepEqual(scanJson([copy]).attackPaths, []);
  });

  it('SARIF: a result per path at the workload, its links as related locations', () => {
    const r = runCli(['scan', file, '--format', 'sarif', '--sarif-root', path.dirname(file)], { env });
    const run = JSON.parse(r.stdout).runs[0];
    const rules = run.tool.driver.rules.map((x: { id: string }) => x.id);
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'attack-path');
    assert.equal(result.ruleIndex, rules.indexOf('attack-path'));
    assert.equal(result.level, 'error');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'shop.yaml');
    assert.equal(result.locations[0].physicalLocation.region.startLine, 9);
    assert.equal(result.relatedLocations.length, webOf(report)!.links.length);
    assert.match(result.relatedLocations[0].message.text, /^removes the path: externally-exposed: /);
    assert.equal(result.relatedLocations[0].physicalLocation.region.startLine, 5);
  });

  it('HTML: a picture per path (nodes for the steps, the finding on each edge), no script of its own', () => {
    const r = runCli(['scan', file, '--format', 'html'], { env });
    const html = r.stdout;
    const section = html.slice(html.indexOf('<section id="attack-paths">'), html.indexOf('</section>', html.indexOf('<section id="attack-paths">')));
    assert.ok(section.length > 0);
    assert.ok(html.indexOf('id="attack-paths"') < html.indexOf('Failures by section and severity'));
    const svg = section.slice(section.indexOf('<svg'), section.indexOf('</svg>'));
    assert.equal((svg.match(/<rect /g) ?? []).length, FILE_STEPS.length + 1, 'a node per step and the start');
    assert.equal((svg.match(/<g class="edge">/g) ?? []).length, FILE_STEPS.length, 'an edge into each step');
    assert.match(svg, /medium: externally-exposed/);
    assert.match(svg, /high: host-path-volume \+2 more/);
    assert.ok(!/style=|<script/i.test(section), 'no inline style or script: the page\'s CSP allows neither');
    assert.match(section, /<strong>removes the path<\/strong>: <span class="badge sev-medium">medium<\/span> <code>externally-exposed<\/code>/);
  });

  it('Prometheus: palisade_attack_paths counts the paths by status and severity, zeros included', () => {
    const prom = runCli(['scan', file, '--format', 'prometheus'], { env }).stdout;
    assert.match(prom, /^palisade_attack_paths\{status="open",severity="critical"\} 1$/m);
    assert.match(prom, /^palisade_attack_paths\{status="excepted",severity="low"\} 0$/m);
    assert.equal((prom.match(/^palisade_attack_paths\{/gm) ?? []).length, 8);
  });

  it('explain path prints how paths are built and scored', () => {
    const r = runCli(['explain', 'path'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^initial-access — reachable from outside the cluster$/m);
    assert.match(r.stdout, /requires: service-account-token-mounted/);
    assert.match(r.stdout, /^severity: from the score: critical at 30 or more, high at 20 or more, medium at 10 or more, low below$/m);
    const json = JSON.parse(runCli(['explain', 'path', '--format', 'json'], { env }).stdout);
    assert.deepEqual([...new Set(json.steps.map((s: { tactic: string }) => s.tactic))],
      ['initial-access', 'execution', 'privilege-escalation', 'credential-access', 'lateral-movement', 'impact']);
  });
});

describe('attack paths: the same set served as a cluster', () => {
  let cluster: Started;
  let report: ScanReport;
  before(async () => {
    cluster = await serve(FULL_PATH);
    const r = await runCliAsync(['scan', '--cluster', '--kubeconfig', cluster.kubeconfig, '--format', 'json'], { env });
    assert.equal(r.code, 0, r.stderr);
    report = JSON.parse(r.stdout) as ScanReport;
  });
  after(async () => {
    cluster.fake.assertNoViolations();
    await cluster.fake.close();
  });

  it('has the same path, step for step and link for link, as the files', () => {
    const files = scanJson([write('shop.yaml', FULL_PATH)]);
    assertSchemaValid(report, 'cluster paths');
    const shape = (r: ScanReport) => r.attackPaths.map((p) => [p.id, p.status, p.severity, p.score,
      p.steps.map((s) => [s.tactic, s.via.map((l) => [l.controlId, l.resourceId, l.path]), s.reaches]),
      p.links.map((l) => [l.effect, l.controlId, l.resourceId, l.path])]);
    assert.deepEqual(shape(report), shape(files));
    // from a cluster a link is the API object and field, and its fix a kubectl patch where there is one
    const priv = webOf(report)!.steps.find((s) => s.tactic === 'privilege-escalation')!.via.find((l) => l.controlId === 'privileged-container')!;
    assert.equal(priv.location?.line, undefined);
  });

  it('a cluster variant lacking the exposure has no path', async () => {
    const variant = await serve(VARIANTS.notExposed());
    try {
      const r = await runCliAsync(['scan', '--cluster', '--kubeconfig', variant.kubeconfig, '--format', 'json', '--fail-on-path', 'low'], { env });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual((JSON.parse(r.stdout) as ScanReport).attackPaths, []);
    } finally {
      await variant.fake.close();
    }
  });
});
