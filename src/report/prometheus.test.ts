// Prometheus exposition: valid text format (checked strictly), the metric list, values equal to
// the report's, absent rather than NaN scores, label escaping.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanPaths } from '../index.js';
import { SEVERITIES, type ScanReport } from '../model/types.js';
import { METRICS, readExposition, seriesKey, seriesOf } from '../testing/prometheus-exposition.js';
import { escapeLabel, formatPrometheus } from './prometheus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('Prometheus exposition', () => {
  const report = scanPaths([path.join(ROOT, 'examples/insecure')]);
  const text = formatPrometheus(report);
  const families = readExposition(text);
  const series = seriesOf(families);

  it('has every metric once, as a gauge with help', () => {
    assert.deepEqual([...families.keys()], METRICS);
    for (const f of families.values()) {
      assert.equal(f.type, 'gauge', f.name);
      assert.ok(f.help && f.help.length > 10, f.name);
    }
  });

  it('writes the report\'s scores, per framework and per control', () => {
    assert.equal(series.get('palisade_compliance_score'), report.summary.compliance);
    assert.equal(series.get('palisade_coverage'), report.summary.coverage);
    assert.equal(series.get('palisade_risk_score'), report.summary.risk);
    const fw = report.frameworks[0];
    assert.equal(series.get(seriesKey('palisade_framework_compliance', { framework: fw.id })), fw.compliance);
    assert.equal(series.get(seriesKey('palisade_framework_coverage', { framework: fw.id })), fw.coverage);
    const evaluated = report.controls.filter((c) => c.compliance !== null);
    assert.ok(evaluated.length > 20 && evaluated.length < report.controls.length, 'some controls are skipped');
    assert.equal(families.get('palisade_control_compliance')!.samples.length, evaluated.length);
    for (const c of evaluated) {
      assert.equal(series.get(seriesKey('palisade_control_compliance', { control: c.id, severity: c.severity, section: c.section })), c.compliance, c.id);
    }
  });

  it('counts controls by status and results by status, severity and section, with zeros kept', () => {
    for (const status of ['passed', 'failed', 'skipped'] as const) {
      assert.equal(series.get(seriesKey('palisade_controls', { status })), report.summary.controls[status]);
    }
    const findings = families.get('palisade_findings')!.samples;
    const sections = [...new Set(report.controls.map((c) => c.section))];
    assert.equal(findings.length, 3 * SEVERITIES.length * sections.length, 'one series per status × severity × section');
    const sum = (pick: (l: Record<string, string>) => boolean) => findings.filter((s) => pick(s.labels)).reduce((n, s) => n + s.value, 0);
    for (const status of ['passed', 'failed', 'excepted'] as const) {
      assert.equal(sum((l) => l.status === status), report.summary.findings[status], status);
    }
    for (const severity of SEVERITIES) {
      assert.equal(sum((l) => l.status === 'failed' && l.severity === severity), report.summary.failedBySeverity[severity], severity);
    }
    const pod = report.controls.filter((c) => c.section === 'pod-security' && c.severity === 'high');
    assert.equal(series.get(seriesKey('palisade_findings', { status: 'failed', severity: 'high', section: 'pod-security' })),
      pod.reduce((n, c) => n + c.counts.failed, 0));
    assert.equal(series.get(seriesKey('palisade_findings', { status: 'excepted', severity: 'critical', section: 'rbac' })), 0);
  });

  it('writes resources, input errors, the duration in seconds and the time of the report', () => {
    assert.equal(series.get('palisade_resources'), report.summary.resources);
    assert.equal(series.get('palisade_input_errors'), 0);
    assert.equal(series.get('palisade_scan_duration_seconds'), report.summary.durationMs / 1000);
    assert.equal(series.get('palisade_scan_timestamp_seconds'), Date.parse(report.generatedAt) / 1000);
    const fixed = formatPrometheus({ ...report, generatedAt: '2026-03-01T12:00:00.250Z', summary: { ...report.summary, durationMs: 1234 } });
    assert.match(fixed, /^palisade_scan_timestamp_seconds 1772366400\.25$/m);
    assert.match(fixed, /^palisade_scan_duration_seconds 1\.234$/m);
  });

  it('leaves out scores that are null instead of writing NaN, keeping HELP and TYPE', () => {
    const empty = scanPaths([path.join(ROOT, 'package.json')]);
    assert.equal(empty.summary.compliance, null);
    const out = formatPrometheus(empty);
    assert.ok(!out.includes('NaN'));
    const fams = readExposition(out);
    assert.deepEqual([...fams.keys()], METRICS);
    assert.deepEqual(fams.get('palisade_compliance_score')!.samples, []);
    assert.deepEqual(fams.get('palisade_framework_compliance')!.samples, []);
    assert.deepEqual(fams.get('palisade_control_compliance')!.samples, []);
    assert.equal(seriesOf(fams).get('palisade_coverage'), 0);
  });

  it('escapes backslash, double quote and newline in label values', () => {
    assert.equal(escapeLabel('a\\b"c\nd'), 'a\\\\b\\"c\\nd');
    const odd = 'we"ird\\id\nnext';
    const weird: ScanReport = {
      ...report,
      frameworks: report.frameworks.map((f) => ({ ...f, id: 'fw "x"' })),
      controls: report.controls.map((c, i) => (i === 0 ? { ...c, id: odd, section: 'sec\\tion', compliance: 12.5 } : c)),
    };
    const out = formatPrometheus(weird);
    assert.ok(out.includes('palisade_control_compliance{control="we\\"ird\\\\id\\nnext",severity="medium",section="sec\\\\tion"} 12.5'), out);
    const s = seriesOf(readExposition(out));
    assert.equal(s.get(seriesKey('palisade_control_compliance', { control: odd, severity: 'medium', section: 'sec\\tion' })), 12.5);
    assert.equal(s.get(seriesKey('palisade_framework_coverage', { framework: 'fw "x"' })), report.frameworks[0].coverage);
  });

  it('the strict reader refuses what Prometheus refuses', () => {
    const bad = [
      '# HELP a x\n# HELP a y\na 1\n',
      '# TYPE a gauge\n# TYPE a gauge\na 1\n',
      'a 1\n# TYPE a gauge\n',
      'a 1\nb 1\na{x="1"} 2\n',
      'a{x="1"} 1\na{x="1"} 2\n',
      'a{x="q"q"} 1\n',
      'a{x="\\t"} 1\n',
      'a 1 1700000000000\n',
      'a one\n',
      '1a 1\n',
      'a 1',
    ];
    for (const text of bad) assert.throws(() => readExposition(text), assert.AssertionError, JSON.stringify(text));
    assert.equal(seriesOf(readExposition('# HELP a x\n# TYPE a gauge\na{x="1",y="\\"\\\\\\n"} +Inf\n')).get(seriesKey('a', { x: '1', y: '"\\\n' })), Infinity);
  });
});
