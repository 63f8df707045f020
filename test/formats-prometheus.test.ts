// `--format prometheus` from the CLI, read back with parse-prometheus-text-format and with the strict
// reader, and checked against the JSON report of the same run (same timestamp and duration).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import { SEVERITIES } from '../src/model/types.js';
import { METRICS, readExposition, seriesKey, seriesOf } from '../src/testing/prometheus-exposition.js';
import { CORPUS, runCli, tempDir } from './support/cli.js';

/** Scans once with json and prometheus into a directory; returns both texts. */
function scanBoth(args: string[]): { prom: string; report: any; code: number | null } {
  const dir = tempDir();
  const out = runCli(['scan', ...args, '--format', 'json,prometheus', '--output-dir', dir]);
  assert.ok(out.code !== 2 && out.code !== null, out.stderr);
  assert.equal(out.stdout, '');
  return {
    prom: fs.readFileSync(path.join(dir, 'palisade.prom'), 'utf8'),
    report: JSON.parse(fs.readFileSync(path.join(dir, 'palisade.json'), 'utf8')),
    code: out.code,
  };
}

/** The series the JSON report implies, computed here from the report alone. */
function expectedSeries(report: any): Map<string, number> {
  const s = report.summary;
  const out = new Map<string, number>();
  const put = (name: string, value: number | null, labels?: Record<string, string>) => {
    if (value !== null) out.set(seriesKey(name, labels), value);
  };
  put('palisade_compliance_score', s.compliance);
  for (const f of report.frameworks) {
    put('palisade_framework_compliance', f.compliance, { framework: f.id });
    put('palisade_framework_coverage', f.coverage, { framework: f.id });
  }
  put('palisade_coverage', s.coverage);
  put('palisade_risk_score', s.risk);
  for (const c of report.controls) put('palisade_control_compliance', c.compliance, { control: c.id, severity: c.severity, section: c.section });
  for (const status of ['passed', 'failed', 'skipped']) put('palisade_controls', s.controls[status], { status });
  const sections = new Set<string>(report.controls.map((c: any) => c.section));
  for (const status of ['failed', 'passed', 'excepted']) {
    for (const severity of SEVERITIES) {
      for (const section of sections) {
        const n = report.controls.filter((c: any) => c.severity === severity && c.section === section)
          .reduce((sum: number, c: any) => sum + c.counts[status], 0);
        put('palisade_findings', n, { status, severity, section });
      }
    }
  }
  for (const status of ['open', 'excepted']) {
    for (const severity of SEVERITIES) {
      put('palisade_attack_paths', report.attackPaths.filter((p: any) => p.status === status && p.severity === severity).length, { status, severity });
    }
  }
  put('palisade_resources', s.resources);
  put('palisade_input_errors', s.errors);
  put('palisade_scan_duration_seconds', s.durationMs / 1000);
  put('palisade_scan_timestamp_seconds', Date.parse(report.generatedAt) / 1000);
  return out;
}

function check(args: string[]): { prom: string; report: any; series: Map<string, number> } {
  const { prom, report } = scanBoth(args);
  // the npm parser: names, one family per metric, gauges with help, values as the report's
  const parsed: any[] = parsePrometheus(prom);
  assert.deepEqual(parsed.map((f) => f.name), METRICS);
  for (const f of parsed) {
    assert.equal(f.type, 'GAUGE', f.name);
    assert.ok(f.help, f.name);
  }
  const fromParser = new Map<string, number>();
  for (const f of parsed) for (const m of f.metrics) fromParser.set(seriesKey(f.name, m.labels ?? {}), Number(m.value));
  const expected = expectedSeries(report);
  assert.deepEqual(fromParser, expected);
  // the strict reader: HELP/TYPE once and first, series once, escaping, no timestamps, final newline
  const series = seriesOf(readExposition(prom));
  assert.deepEqual(series, expected);
  // cross-checks against the report's own totals
  const total = (status: string) => [...series].filter(([k]) => k.startsWith(`palisade_findings{`) && k.includes(`status="${status}"`)).reduce((n, [, v]) => n + v, 0);
  for (const status of ['passed', 'failed', 'excepted']) assert.equal(total(status), report.summary.findings[status], status);
  return { prom, report, series };
}

describe('--format prometheus', () => {
  it('the insecure example', () => {
    const { report, series } = check(['examples/insecure']);
    assert.ok(report.summary.compliance > 0 && report.summary.compliance < 100);
    assert.equal(series.get('palisade_compliance_score'), report.summary.compliance);
    assert.equal(series.get(seriesKey('palisade_control_compliance', { control: 'privileged-container', severity: 'high', section: 'pod-security' })), 50);
    assert.ok(series.get('palisade_scan_duration_seconds')! > 0);
    assert.ok(Math.abs(series.get('palisade_scan_timestamp_seconds')! - Date.now() / 1000) < 600);
  });

  it('the hardened example', () => {
    const { report, series } = check(['examples/hardened']);
    assert.equal(series.get(seriesKey('palisade_controls', { status: 'failed' })), report.summary.controls.failed);
  });

  it('the corpus (input errors counted)', () => {
    const { report, series } = check([CORPUS]);
    assert.ok(report.summary.errors > 0);
    assert.equal(series.get('palisade_input_errors'), report.summary.errors);
    assert.ok(report.summary.findings.excepted > 0, 'the corpus has excepted findings');
  });

  it('with an exception: excepted counts move from failed', () => {
    const dir = tempDir();
    const file = path.join(dir, 'exceptions.yaml');
    fs.writeFileSync(file, 'exceptions:\n- controls: [privileged-container]\n  resources: [{kind: Deployment, name: web}]\n  reason: vetted\n');
    const { series } = check(['examples/insecure', '--exceptions', file]);
    assert.equal(series.get(seriesKey('palisade_findings', { status: 'excepted', severity: 'high', section: 'pod-security' })), 1);
    assert.equal(series.get(seriesKey('palisade_control_compliance', { control: 'privileged-container', severity: 'high', section: 'pod-security' })), 100);
  });

  it('nothing to evaluate: scores absent, not NaN', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'notes.yaml'), 'hello: world\n');
    const { prom, series } = check([dir]);
    assert.ok(!prom.includes('NaN'));
    assert.equal(series.has('palisade_compliance_score'), false);
    assert.equal(series.get('palisade_coverage'), 0);
  });

  it('goes to stdout alone, and to --output', () => {
    const out = runCli(['scan', 'examples/insecure', '--format', 'prometheus']);
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(parsePrometheus(out.stdout).map((f: any) => f.name), METRICS);
    const file = path.join(tempDir(), 'textfile/palisade.prom');
    const res = runCli(['scan', 'examples/insecure', '--format', 'prometheus', '--output', file]);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '');
    readExposition(fs.readFileSync(file, 'utf8'));
  });
});
