// The pretty report stays quiet and readable (issue 17): skipped controls grouped by reason (each
// reason once, the per-control list with --verbose), lines wrapped to the terminal's width with
// hanging indents and not at all on a pipe, the config file in the header, exceptions that
// matched nothing listed, critical shown stronger than high. The text is checked against the
// JSON report of the same scan: the pretty output is derived from it alone.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { formatPretty } from '../src/report/pretty.js';
import { stripAnsi, visibleWidth } from '../src/report/wrap.js';
import { assertNoBrokenEscape, assertWrappedText } from '../src/testing/wrapped.js';
import { CLI, ROOT, runCli, tempDir, writeTree, type CliResult } from './support/cli.js';

function report(out: CliResult): ScanReport {
  assert.ok(out.code === 0 || out.code === 1, out.stderr);
  return JSON.parse(out.stdout) as ScanReport;
}

/** The lines of the Skipped section, its heading included. */
function skippedSection(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Skipped ('));
  assert.ok(start >= 0, 'a Skipped section');
  return lines.slice(start, lines.indexOf('', start));
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** Occurrences of a control id as a whole name (not inside a longer id). */
function idOccurrences(text: string, id: string): number {
  return [...text.matchAll(new RegExp(`(?<![\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g'))].length;
}

/** The text without its Summary section (heading to blank line), and without the final newline. */
function withoutSummary(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const start = lines.findIndex((l) => stripAnsi(l).startsWith('Summary'));
  return start < 0 ? lines.join('\n') : [...lines.slice(0, start), ...lines.slice(lines.indexOf('', start) + 1)].join('\n');
}

const skippedOf = (r: ScanReport) => r.controls.filter((c) => c.status === 'skipped');

describe('pretty: skipped controls grouped by reason', () => {
  let insecure: CliResult;
  let insecureReport: ScanReport;
  let nodeRoot: string;
  let node: CliResult;
  let nodeReport: ScanReport;

  before(() => {
    insecure = runCli(['scan', 'examples/insecure']);
    insecureReport = report(runCli(['scan', 'examples/insecure', '--format', 'json']));
    // a root without Kubernetes: no component under proc/, no kubelet or manifests
    nodeRoot = writeTree(tempDir(), { 'proc/.keep': '', 'etc/hostname': 'laptop\n' });
    node = runCli(['scan', '--node', '--root', nodeRoot]);
    nodeReport = report(runCli(['scan', '--node', '--root', nodeRoot, '--format', 'json']));
  });

  it('the insecure example: one line per distinct reason, each reason printed once, each control named once', () => {
    assert.equal(insecure.code, 0, insecure.stderr);
    const skipped = skippedOf(insecureReport);
    const reasons = new Set(skipped.map((c) => c.reason!));
    assert.ok(skipped.length >= 25 && reasons.size < skipped.length / 1.5, `${skipped.length} controls, ${reasons.size} reasons`);
    const section = skippedSection(insecure.stdout);
    assert.equal(section.length, 1 + reasons.size, section.join('\n'));
    assert.equal(section[0], `Skipped (${skipped.length}), by reason (--verbose lists each control)`);
    for (const reason of reasons) {
      assert.equal(occurrences(insecure.stdout, reason), 1, reason);
      const ids = skipped.filter((c) => c.reason === reason).map((c) => c.id);
      const line = section.find((l) => l.startsWith(`    ${reason} (`));
      assert.ok(line, reason);
      assert.equal(line, `    ${reason} (${ids.length === 1 ? ids[0] : `${ids.length} controls: ${ids.join(', ')}`})`);
    }
    for (const c of skipped) assert.equal(idOccurrences(section.join('\n'), c.id), 1, c.id);
    // the 190-character kube-apiserver reason, once for its 11 controls
    const api = [...reasons].find((r) => r.startsWith('no kube-apiserver in the input'))!;
    assert.ok(api.length > 150 && skipped.filter((c) => c.reason === api).length >= 10);
  });

  it('--node without Kubernetes: the note once, then each reason after it once', () => {
    assert.equal(node.code, 0, node.stderr);
    const skipped = skippedOf(nodeReport);
    assert.ok(skipped.length >= 20, `${skipped.length} controls skipped`);
    const note = skipped[0].reason!.slice(0, skipped[0].reason!.indexOf('; '));
    assert.match(note, /^--node: no Kubernetes components found/);
    for (const c of skipped) assert.ok(c.reason!.startsWith(`${note}; `), c.reason);
    const rests = new Set(skipped.map((c) => c.reason!.slice(note.length + 2)));
    const section = skippedSection(node.stdout);
    assert.equal(occurrences(node.stdout, note), 1, 'the note, once');
    assert.equal(section[1], `    ${note} (${skipped.length} controls), and:`);
    for (const rest of rests) {
      assert.equal(occurrences(node.stdout, rest), 1, rest);
      const ids = skipped.filter((c) => c.reason === `${note}; ${rest}`).map((c) => c.id);
      assert.ok(section.includes(`      · ${rest} (${ids.length === 1 ? ids[0] : `${ids.length} controls: ${ids.join(', ')}`})`), rest);
    }
    assert.equal(section.length, 2 + rests.size, section.join('\n'));
    for (const c of skipped) assert.equal(idOccurrences(section.join('\n'), c.id), 1, c.id);
    // the whole report: a screenful, where each control used to repeat the 200-character note
    assert.ok(node.stdout.split('\n').length < 30, node.stdout);
  });

  it('--verbose lists every skipped control with its whole reason', () => {
    for (const [args, r] of [[['scan', 'examples/insecure', '--verbose'], insecureReport], [['scan', '--node', '--root', nodeRoot, '--verbose'], nodeReport]] as const) {
      const out = runCli([...args]);
      assert.equal(out.code, 0, out.stderr);
      const section = skippedSection(out.stdout);
      const skipped = skippedOf(r);
      assert.equal(section[0], `Skipped (${skipped.length})`);
      assert.deepEqual(section.slice(1), skipped.map((c) => `    ${c.id}  ${c.reason}`));
    }
  });
});

describe('pretty: wrapped to the terminal, whole lines on a pipe', () => {
  let reports: Array<[string, ScanReport]>;

  before(() => {
    // names and a path with wide characters, emoji, combining marks, and a location longer than 40 columns
    const wide = writeTree(tempDir(), {
      'a-rather-long-directory-name/サービス/デプロイメント.yaml': `apiVersion: v1
kind: Pod
metadata: {name: "ウェブ-😀-cafe\u0301", namespace: "名前空間"}
spec:
  hostNetwork: true
  containers:
  - name: "コンテナ👩‍💻🇫🇷"
    image: "registry.example.com/a/very/long/repository/path/that/does/not/fit/in/forty/columns/image:1.0"
    securityContext: {privileged: true}
`,
      'exceptions.yaml': 'exceptions:\n- controls: [host-port]\n  resources: [{name: nothing-matches}]\n  reason: "a reason that matches nothing and is long enough to wrap at forty columns"\n',
    });
    const nodeRoot = writeTree(tempDir(), { 'proc/.keep': '' });
    reports = [
      ['examples/insecure', report(runCli(['scan', 'examples/insecure', '--format', 'json']))],
      ['--node without Kubernetes', report(runCli(['scan', '--node', '--root', nodeRoot, '--format', 'json']))],
      ['wide characters', report(runCli(['scan', '.', '--exceptions', 'exceptions.yaml', '--format', 'json'], { cwd: wide }))],
    ];
  });

  it('at 80 and 40 columns, with colour on and off: no line wider, nothing lost, no broken escape, continuations indented', () => {
    for (const [name, r] of reports) {
      for (const verbose of [false, true]) {
        for (const width of [80, 40]) {
          const plain = formatPretty(r, { color: false, verbose, width });
          for (const color of [false, true]) {
            const what = `${name}, ${width} columns, colour ${color ? 'on' : 'off'}${verbose ? ', --verbose' : ''}`;
            const unwrapped = formatPretty(r, { color, verbose });
            const wrapped = formatPretty(r, { color, verbose, width });
            // a summary table wider than the terminal becomes a list: the rest is the same text, re-flowed
            const counts = assertWrappedText(withoutSummary(unwrapped), withoutSummary(wrapped), width);
            assert.ok(counts.some((n) => n > 1), `${what}: something was wrapped`);
            for (const line of wrapped.split('\n')) {
              assert.ok(visibleWidth(line) <= width, `${what}: ${JSON.stringify(line)}`);
              assertNoBrokenEscape(line);
              assert.doesNotMatch(line, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/, `${what}: a cut surrogate pair`);
              assert.doesNotMatch(stripAnsi(line), /^ *[\p{M}\u200d\ufe0f]/u, `${what}: a cut grapheme`);
            }
            // the colours change nothing in where lines break
            assert.equal(stripAnsi(wrapped), plain, what);
          }
        }
      }
    }
  });

  it('the summary: a table when it fits, else one line per section with the same numbers', () => {
    const r = reports[0][1];
    const table = formatPretty(r, { color: false, verbose: false, width: 80 });
    assert.match(table, /\nSummary \(failed\/evaluated controls by severity\)\n {4}section +critical +high +medium +low +compliance\n/);
    const narrow = formatPretty(r, { color: false, verbose: false, width: 40 });
    const summary = narrow.slice(narrow.indexOf('\nSummary'), narrow.indexOf('\n\nCompliance')).replace(/\n +/g, ' ');
    for (const section of r.frameworks[0].sections) {
      const cs = r.controls.filter((c) => section.controls.includes(c.id) && c.status !== 'skipped');
      const counts = (['critical', 'high', 'medium', 'low'] as const).flatMap((sev) => {
        const of = cs.filter((c) => c.severity === sev);
        return of.length ? [`${sev} ${of.filter((c) => c.status === 'failed').length}/${of.length}`] : [];
      });
      const compliance = section.compliance === null ? 'n/a' : `${section.compliance}%`;
      assert.ok(summary.includes(` ${section.title}: ${counts.join(', ') || 'nothing evaluated'}; compliance ${compliance}`), `${section.title} in ${summary}`);
    }
  });

  it('a wrapped message continues under the message, a fix under the fix', () => {
    const r = reports[0][1];
    const lines = formatPretty(r, { color: true, verbose: false, width: 80 }).split('\n').map(stripAnsi);
    const at = lines.findIndex((l) => l.startsWith('      examples/insecure/web.yaml:15:7  the pod uses the host\'s network namespace'));
    assert.ok(at > 0, lines.join('\n'));
    const column = '      examples/insecure/web.yaml:15:7  '.length;
    assert.match(lines[at + 1], new RegExp(`^ {${column}}\\S`));
    const fix = lines.findIndex((l) => l.startsWith('    fix: set hostNetwork: false.'));
    assert.match(lines[fix + 1], /^ {9}\S/);
    // the heading continues under the control id
    const heading = lines.findIndex((l) => l.startsWith('MEDIUM   default-service-account-used — '));
    assert.match(lines[heading + 1], /^ {9}\S/);
  });

  it('a pipe gets whole lines whatever COLUMNS says: the report as the JSON gives it, unwrapped', () => {
    const out = runCli(['scan', 'examples/insecure'], { env: { COLUMNS: '40' } });
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, formatPretty(reports[0][1], { color: false, verbose: false }));
    assert.ok(out.stdout.split('\n').some((l) => visibleWidth(l) > 120));
  });

  it('a terminal gets the report wrapped to its width, in colour', (t) => {
    if (spawnSync('script', ['--version']).error) {
      t.skip('no script(1) to run the CLI on a pseudo-terminal');
      return;
    }
    const command = `stty cols 60 rows 40; exec "${process.execPath}" "${CLI}" scan examples/insecure`;
    const env = { ...process.env, TERM: 'xterm', NO_COLOR: undefined, FORCE_COLOR: undefined };
    const out = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(out.status, 0, out.stderr);
    const text = out.stdout.replace(/\r\n/g, '\n');
    assert.equal(text, formatPretty(reports[0][1], { color: true, verbose: false, width: 60 }));
    assert.ok(text.split('\n').every((l) => visibleWidth(l) <= 60));
  });
});

describe('pretty: header, exceptions and severities', () => {
  it('names the config file the scan used', () => {
    const r = report(runCli(['scan', 'examples/hardened', '--format', 'json']));
    assert.ok(r.config?.file, 'the hardened example has a config');
    const out = runCli(['scan', 'examples/hardened']);
    assert.equal(out.stdout.split('\n')[2], `Config file: ${r.config.file}`);
    const none = writeTree(tempDir(), { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: b}\n' });
    assert.doesNotMatch(runCli(['scan', '.'], { cwd: none }).stdout, /Config file:/);
  });

  it('lists the exceptions that matched nothing after the excepted findings', () => {
    const dir = writeTree(tempDir(), {
      'exceptions.yaml': `exceptions:
- controls: [privileged-container]
  resources: [{kind: Deployment, name: web}]
  reason: demo
- controls: [host-port]
  resources: [{name: nothing-matches}]
  reason: audit shows it unmatched
- resources: [{name: nothing-either}]
  reason: every control
`,
    });
    const exceptions = path.join(dir, 'exceptions.yaml');
    const r = report(runCli(['scan', 'examples/insecure', '--exceptions', exceptions, '--format', 'json']));
    assert.equal(r.exceptions.unmatched.length, 2);
    const out = runCli(['scan', 'examples/insecure', '--exceptions', exceptions]);
    const lines = out.stdout.split('\n');
    const excepted = lines.indexOf('Excepted (1)');
    const unmatched = lines.indexOf('Exceptions that matched nothing (2)');
    assert.ok(excepted > 0 && unmatched > excepted, out.stdout);
    assert.deepEqual(lines.slice(unmatched + 1, unmatched + 3), [
      `    ${r.exceptions.unmatched[0].source}  host-port  audit shows it unmatched`,
      `    ${r.exceptions.unmatched[1].source}  all controls  every control`,
    ]);
  });

  it('shows critical stronger than high in colour: bold on red, against red', () => {
    const r = report(runCli(['scan', 'examples/insecure', '--format', 'json']));
    const privileged = r.controls.find((c) => c.id === 'privileged-container')!;
    privileged.severity = 'critical';
    const colour = formatPretty(r, { color: true, verbose: false });
    assert.ok(colour.includes('\u001b[1;41mCRITICAL\u001b[0m \u001b[1mprivileged-container\u001b[0m'), colour);
    assert.ok(colour.includes('\u001b[31mHIGH    \u001b[0m \u001b[1mhost-network\u001b[0m'));
    const plain = formatPretty(r, { color: false, verbose: false });
    assert.ok(plain.split('\n').includes(`CRITICAL privileged-container — ${privileged.title} (1/2 failed, C-0057)`), plain);
    // most severe first
    assert.ok(plain.indexOf('CRITICAL privileged-container') < plain.indexOf('HIGH     '));
  });

  it('is derived from the JSON report alone: the CLI prints what formatPretty makes of it', () => {
    const r = report(runCli(['scan', 'examples/insecure', '--format', 'json', '--verbose']));
    assert.equal(runCli(['scan', 'examples/insecure', '--verbose']).stdout, formatPretty(r, { color: false, verbose: true }));
  });
});
