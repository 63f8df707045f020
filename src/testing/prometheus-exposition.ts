// A strict reader of the Prometheus text exposition format (0.0.4), for tests: it checks what a
// lenient parser lets through and what Prometheus or node_exporter's textfile collector would
// refuse: every line's grammar, HELP and TYPE at most once per metric and TYPE before its samples,
// a metric's samples together, no series twice, label values escaped, no client-side timestamps
// (the textfile collector rejects them), and a final newline.
import assert from 'node:assert/strict';

export interface Family {
  name: string;
  help?: string;
  type?: string;
  samples: Array<{ labels: Record<string, string>; value: number }>;
}

/** The metrics Palisade writes, in order (docs/formats.md lists them). */
export const METRICS = [
  'palisade_compliance_score', 'palisade_framework_compliance', 'palisade_framework_coverage', 'palisade_coverage',
  'palisade_risk_score', 'palisade_control_compliance', 'palisade_controls', 'palisade_findings',
  'palisade_vulnerabilities', 'palisade_vulnerabilities_excepted', 'palisade_vulnerabilities_fixable', 'palisade_image_packages',
  'palisade_image_judged', 'palisade_attack_paths', 'palisade_resources',
  'palisade_input_errors', 'palisade_scan_duration_seconds', 'palisade_scan_timestamp_seconds',
];

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** Parses and checks an exposition; throws an AssertionError naming the line that breaks a rule. */
export function readExposition(text: string): Map<string, Family> {
  assert.ok(text.endsWith('\n'), 'the exposition ends with a newline');
  const families = new Map<string, Family>();
  const closed = new Set<string>();
  let current: string | undefined;
  const seen = new Set<string>();
  const family = (name: string): Family => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { name, samples: [] }));
    return f;
  };
  const enter = (name: string, where: string) => {
    if (current === name) return;
    assert.ok(!closed.has(name), `${where}: ${name} appears again after another metric (a metric's lines must be together)`);
    if (current) closed.add(current);
    current = name;
  };
  text.slice(0, -1).split('\n').forEach((line, i) => {
    const where = `line ${i + 1} "${line}"`;
    assert.notEqual(line.trim(), '', `${where}: blank line`);
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const [, keyword, name, rest] = meta;
      assert.match(name, NAME, `${where}: metric name`);
      enter(name, where);
      const f = family(name);
      if (keyword === 'HELP') {
        assert.equal(f.help, undefined, `${where}: a second HELP for ${name}`);
        assert.ok(!/\\[^\\n]/.test(rest.replace(/\\\\/g, '')), `${where}: HELP escapes only backslash and newline`);
        f.help = rest.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
      } else {
        assert.equal(f.type, undefined, `${where}: a second TYPE for ${name}`);
        assert.equal(f.samples.length, 0, `${where}: TYPE after samples of ${name}`);
        assert.ok(TYPES.has(rest), `${where}: unknown type`);
        f.type = rest;
      }
      return;
    }
    assert.ok(!line.startsWith('#') || /^# /.test(line) || line === '#', `${where}: comment`);
    if (line.startsWith('#')) return;
    const sample = parseSample(line, where);
    enter(sample.name, where);
    const key = `${sample.name}{${Object.entries(sample.labels).sort().map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
    assert.ok(!seen.has(key), `${where}: the series ${key} twice`);
    seen.add(key);
    family(sample.name).samples.push({ labels: sample.labels, value: sample.value });
  });
  return families;
}

function parseSample(line: string, where: string) {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)( \S+)?$/.exec(line);
  assert.ok(m, `${where}: not a sample line`);
  const [, name, labelText, valueText, timestamp] = m;
  assert.equal(timestamp, undefined, `${where}: a client-side timestamp (node_exporter's textfile collector refuses them)`);
  const labels: Record<string, string> = {};
  if (labelText) {
    let rest = labelText.slice(1, -1);
    while (rest.length) {
      const lm = /^([^=]+)="((?:[^"\\\n]|\\[\\"n])*)"(,?)/.exec(rest);
      assert.ok(lm, `${where}: label syntax or escaping at "${rest}"`);
      const [all, key, raw, comma] = lm;
      assert.match(key, LABEL_NAME, `${where}: label name`);
      assert.ok(!key.startsWith('__'), `${where}: reserved label name ${key}`);
      assert.ok(!(key in labels), `${where}: label ${key} twice`);
      labels[key] = raw.replace(/\\([\\"n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
      rest = rest.slice(all.length);
      assert.ok(comma || rest === '', `${where}: labels separated by commas`);
    }
  }
  assert.match(valueText, /^([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|NaN|[+-]Inf)$/, `${where}: value`);
  const value = valueText === '+Inf' ? Infinity : valueText === '-Inf' ? -Infinity : Number(valueText);
  return { name, labels, value };
}

/** Every series as `name{label="value",...}` (labels sorted) → value. */
export function seriesOf(families: Map<string, Family>): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of families.values()) for (const s of f.samples) out.set(seriesKey(f.name, s.labels), s.value);
  return out;
}

export function seriesKey(name: string, labels: Record<string, string> = {}): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? `${name}{${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}` : name;
}
