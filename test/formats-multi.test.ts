// Several formats in one run (--output-dir), one format to --output or stdout, the format an
// --output name implies, and the usage errors: what docs/formats.md promises.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadAll } from 'js-yaml';
import { parse as parseJunit } from 'junit2json';
import parsePrometheus from 'parse-prometheus-text-format';
import { assertValidPolicyReport } from '../src/testing/policy-report-schema.js';
import { readExposition } from '../src/testing/prometheus-exposition.js';
import { runCli, tempDir } from './support/cli.js';

const FILES: Record<string, string> = {
  json: 'palisade.json',
  sarif: 'palisade.sarif',
  html: 'palisade.html',
  junit: 'palisade-junit.xml',
  prometheus: 'palisade.prom',
  policyreport: 'palisade-policyreport.yaml',
  pretty: 'palisade.txt',
};

/** Reads a file written in a format, checks it parses as that format, and returns what ties it to the run's report. */
async function readAs(format: string, text: string): Promise<{ generatedAt?: string; failedControls?: number }> {
  switch (format) {
    case 'json': {
      const r = JSON.parse(text);
      assert.equal(r.schemaVersion, '1.2');
      return { generatedAt: r.generatedAt, failedControls: r.summary.controls.failed };
    }
    case 'sarif': {
      const s = JSON.parse(text);
      assert.equal(s.version, '2.1.0');
      assert.ok(s.runs[0].results.length > 0);
      // attack paths have a rule of their own (issue 14), not a control's
      return { failedControls: new Set(s.runs[0].results.map((r: any) => r.ruleId).filter((id: string) => id !== 'attack-path')).size };
    }
    case 'html': {
      assert.match(text, /^<!DOCTYPE html>\n/);
      assert.ok(text.trimEnd().endsWith('</html>'));
      const at = /"generatedAt":"([^"]+)"/.exec(text);
      assert.ok(at, 'the page embeds the report');
      return { generatedAt: at[1] };
    }
    case 'junit': {
      const xml: any = await parseJunit(text);
      assert.ok(xml.tests > 0);
      return { generatedAt: xml.timestamp, failedControls: xml.failures };
    }
    case 'prometheus': {
      const names = parsePrometheus(text).map((f: any) => f.name);
      assert.ok(names.includes('palisade_compliance_score'));
      const ts = readExposition(text).get('palisade_scan_timestamp_seconds')!.samples[0].value;
      return { generatedAt: new Date(ts * 1000).toISOString() };
    }
    case 'policyreport': {
      const docs = loadAll(text) as any[];
      docs.forEach((d, i) => assertValidPolicyReport(d, `document ${i + 1}`));
      const t = docs[0].results[0].timestamp;
      return { generatedAt: new Date(t.seconds * 1000 + t.nanos / 1e6).toISOString() };
    }
    case 'pretty':
      assert.match(text, /^Palisade /);
      return {};
    default:
      throw new Error(format);
  }
}

describe('output formats together and apart', () => {
  it('--format json,sarif,html,junit,prometheus,policyreport --output-dir DIR: each file under its name, parseable, from one report', async () => {
    const dir = path.join(tempDir(), 'reports/ci');
    const formats = ['json', 'sarif', 'html', 'junit', 'prometheus', 'policyreport'];
    const out = runCli(['scan', 'examples/insecure', '--format', formats.join(','), '--output-dir', dir]);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, '');
    assert.deepEqual(fs.readdirSync(dir).sort(), formats.map((f) => FILES[f]).sort());
    const seen: Record<string, { generatedAt?: string; failedControls?: number }> = {};
    for (const f of formats) seen[f] = await readAs(f, fs.readFileSync(path.join(dir, FILES[f]), 'utf8'));
    // one scan, one report: the same time and the same failed controls in every format that carries them
    for (const f of ['html', 'junit', 'prometheus', 'policyreport']) assert.equal(seen[f].generatedAt, seen.json.generatedAt, f);
    for (const f of ['sarif', 'junit']) assert.equal(seen[f].failedControls, seen.json.failedControls, f);
  });

  it('repeated --format flags and a repeated name write each file once; the gates still apply', () => {
    const dir = tempDir();
    const out = runCli(['scan', 'examples/insecure', '--format', 'sarif', '--format', 'junit,sarif', '--output-dir', dir, '--fail-on', 'high']);
    assert.equal(out.code, 1);
    assert.match(out.stderr, /gate tripped/);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['palisade-junit.xml', 'palisade.sarif']);
  });

  it('--format sarif --output x.sarif writes SARIF there and nothing on stdout', async () => {
    const file = path.join(tempDir(), 'x.sarif');
    const out = runCli(['scan', 'examples/insecure', '--format', 'sarif', '--output', file]);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, '');
    await readAs('sarif', fs.readFileSync(file, 'utf8'));
  });

  it('without --format, the --output name\'s extension picks the format (pretty when none matches)', async () => {
    const dir = tempDir();
    const cases: Array<[string, string]> = [
      ['r.sarif', 'sarif'], ['r.html', 'html'], ['r.XML', 'junit'], ['r.prom', 'prometheus'],
      ['r.yaml', 'policyreport'], ['r.json', 'json'], ['r.txt', 'pretty'], ['report', 'pretty'], ['r.out', 'pretty'],
    ];
    for (const [name, format] of cases) {
      const out = runCli(['scan', 'examples/insecure', '--output', path.join(dir, name)]);
      assert.equal(out.code, 0, out.stderr);
      await readAs(format, fs.readFileSync(path.join(dir, name), 'utf8'));
    }
    // --format wins over the name
    const out = runCli(['scan', 'examples/insecure', '--format', 'json', '--output', path.join(dir, 'forced.sarif')]);
    assert.equal(out.code, 0, out.stderr);
    await readAs('json', fs.readFileSync(path.join(dir, 'forced.sarif'), 'utf8'));
  });

  it('one format goes to stdout; pretty is the default', async () => {
    for (const format of ['json', 'sarif', 'html', 'junit', 'prometheus', 'policyreport']) {
      const out = runCli(['scan', 'examples/insecure', '--format', format]);
      assert.equal(out.code, 0, `${format}: ${out.stderr}`);
      await readAs(format, out.stdout);
    }
    const plain = runCli(['scan', 'examples/insecure']);
    await readAs('pretty', plain.stdout);
  });

  it('several formats to stdout, an unknown format, or --output with --output-dir: exit 2 with the reason, nothing written', () => {
    const dir = tempDir();
    const several = runCli(['scan', 'examples/insecure', '--format', 'sarif,html'], { cwd: dir });
    const severalToFile = runCli(['scan', 'examples/insecure', '--format', 'sarif,junit', '--output', path.join(dir, 'x.sarif')]);
    const unknown = runCli(['scan', 'examples/insecure', '--format', 'sarif,xml', '--output-dir', path.join(dir, 'out')]);
    const both = runCli(['scan', 'examples/insecure', '--format', 'sarif', '--output', path.join(dir, 'x.sarif'), '--output-dir', path.join(dir, 'out')]);
    for (const r of [several, severalToFile, unknown, both]) {
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
    }
    assert.equal(several.stderr, 'palisade: --format sarif,html: several formats need --output-dir DIR (each is written there under its own file name)\n');
    assert.match(severalToFile.stderr, /--format sarif,junit: several formats need --output-dir DIR/);
    assert.equal(unknown.stderr, 'palisade: --format: unknown format "xml" (one of pretty, json, sarif, junit, prometheus, policyreport, html, cyclonedx)\n');
    assert.match(both.stderr, /--output and --output-dir: give one of them/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});
