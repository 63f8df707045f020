// `npm run bench`: scans the corpus and synthetic inputs with the built CLI, each as a separate
// process (whole process measured: start-up, reading, parsing, controls, JSON report), and the
// same files parsed alone by js-yaml in a separate process, alternating with the scan, for the
// ratio. Prints a Markdown table and, unless --quick, writes it into README.md between the
// bench:start and bench:end markers.
//   node bench/run.mjs [--runs N] [--quick]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaleUp, bigCluster } from './synthetic.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const OUT = path.join(HERE, 'out');
const CLI = path.join(ROOT, 'dist/palisade.mjs');
const CORPUS = path.join(ROOT, 'test/corpus');
const PROBE = path.join(HERE, 'rss-probe.mjs');

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const quick = args.includes('--quick');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** One run of `node ...argv`: wall time (s) and peak RSS (MB). */
function runOnce(argv) {
  const rssFile = path.join(OUT, `rss-${process.pid}.txt`);
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', PROBE, ...argv], {
    env: { ...process.env, PALISADE_BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (run.status !== 0 && run.status !== 3) throw new Error(`${argv.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { wall, rss: Number(fs.readFileSync(rssFile, 'utf8')) / 1024 / 1024 };
}

/**
 * Runs the scan and the parse-only baselines (js-yaml's CommonJS and ES-module builds) in turn,
 * `runs` times each, so that a slow spell of a shared machine falls on all of them; medians of
 * wall time and peak RSS. The scan is compared with the faster baseline.
 */
function measure(scanArgv, parseArgv) {
  const scans = [];
  const parses = { cjs: [], esm: [] };
  for (let i = 0; i < runs; i++) {
    scans.push(runOnce(scanArgv));
    for (const build of Object.keys(parses)) parses[build].push(runOnce([...parseArgv, '--build', build]));
  }
  const summary = (xs) => ({ wall: median(xs.map((x) => x.wall)), rss: median(xs.map((x) => x.rss)) });
  const baselines = Object.entries(parses).map(([build, xs]) => ({ build, ...summary(xs) }));
  const parse = baselines.reduce((a, b) => (b.wall < a.wall ? b : a));
  return { scan: summary(scans), parse, baselines };
}

function bench(label, dir, extra = {}) {
  const reportFile = path.join(OUT, `report-${label.replace(/\W+/g, '-')}.json`);
  const { scan: scanRun, parse: parseRun, baselines } = measure(
    [CLI, 'scan', dir, '--format', 'json', '--output', reportFile],
    [path.join(HERE, 'parse-only.mjs'), dir],
  );
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  return {
    label,
    files: extra.files ?? '',
    mb: extra.bytes ? extra.bytes / 1024 / 1024 : undefined,
    resources: report.summary.resources,
    findings: report.summary.findings.failed,
    scan: scanRun,
    parse: parseRun,
    baselines,
  };
}

function sizeOf(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (p) => {
    for (const e of fs.readdirSync(p, { withFileTypes: true })) {
      const f = path.join(p, e.name);
      if (e.isDirectory()) walk(f);
      else if (/\.(ya?ml|json)$/.test(e.name)) { bytes += fs.statSync(f).size; files++; }
    }
  };
  walk(dir);
  return { bytes, files };
}

if (!fs.existsSync(CLI)) {
  console.error('dist/palisade.mjs is missing: run `npm run build` (npm run bench does it for you)');
  process.exit(2);
}
fs.mkdirSync(OUT, { recursive: true });

const rows = [];
if (fs.existsSync(CORPUS)) rows.push(bench('corpus (test/corpus)', CORPUS, sizeOf(CORPUS)));
else console.error(`corpus not found at ${CORPUS}; skipping that row`);
const synth = scaleUp(path.join(OUT, 'synthetic-10k'), 10_000);
rows.push(bench('synthetic 10k resources', synth.dir, synth));
if (!quick) {
  const big = bigCluster(path.join(OUT, 'cluster-2000ns'), { namespaces: 2000, workloads: 20_000, policies: 5000, bindings: 10_000 });
  rows.push(bench('2,000 ns / 20k workloads / 5k policies / 10k bindings', big.dir, big));
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const lines = [];
lines.push(`Palisade benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; median of ${runs} runs, scan and baselines in turn; whole process`, '');
lines.push('| input | files | MB | resources | failed findings | scan wall | resources/s | scan peak RSS | js-yaml parse-only wall (faster build) | parse-only peak RSS | scan / parse |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  lines.push(`| ${r.label} | ${r.files} | ${r.mb?.toFixed(1) ?? ''} | ${r.resources} | ${r.findings} | ${r.scan.wall.toFixed(2)} s | ${Math.round(r.resources / r.scan.wall)} | ${r.scan.rss.toFixed(0)} MB | ${r.parse.wall.toFixed(2)} s (${r.parse.build}) | ${r.parse.rss.toFixed(0)} MB | ${(r.scan.wall / r.parse.wall).toFixed(2)}× |`);
}
lines.push('', `Both js-yaml builds, parse-only wall: ${rows.map((r) => `${r.label}: ${r.baselines.map((b) => `${b.build} ${b.wall.toFixed(2)} s`).join(', ')}`).join('; ')}`);
const tenK = rows.find((r) => r.label.startsWith('synthetic 10k'));
if (tenK) {
  const ok = (c) => (c ? 'met' : 'MISSED');
  lines.push('', `Targets (10k resources): peak RSS < 300 MB: ${ok(tenK.scan.rss < 300)}; ≤ 2.0× js-yaml parse-only (faster build): ${ok(tenK.scan.wall / tenK.parse.wall <= 2.0)}`);
}
console.log(`\n${lines.join('\n')}`);

// A full run (not --quick) writes the table into the README, between its bench markers.
const README = path.join(ROOT, 'README.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
if (!quick && fs.existsSync(README)) {
  const text = fs.readFileSync(README, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a >= 0 && b > a) {
    fs.writeFileSync(README, `${text.slice(0, a + START.length)}\n${lines.join('\n')}\n${text.slice(b)}`);
    console.log(`\nREADME.md: the table between ${START} and ${END} is rewritten`);
  } else {
    console.error(`README.md has no ${START} … ${END} markers; not written`);
  }
}
