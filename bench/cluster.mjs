// Scanning a live cluster at scale: a synthetic cluster (25 objects per namespace) served by the
// tests' fake API server (HTTPS on 127.0.0.1). Three measurements per size, each a process of its
// own so that time and peak RSS are its alone: the cluster source reading (dist/sources/cluster),
// the whole CLI `palisade scan --cluster --format json`, and the CLI scanning the same objects
// written as files (one YAML file per namespace) — the baseline the cluster scan is compared with.
// Prints a Markdown table: objects, wall time, objects/s, peak RSS, pages.
//   npm run build && node bench/cluster.mjs [--namespaces 2000,8000] [--runs 3]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const PROBE = path.join(HERE, 'rss-probe.mjs');
const READER = pathToFileURL(path.join(ROOT, 'dist/sources/cluster/index.js')).href;
if (!fs.existsSync(new URL(READER))) {
  console.error('dist/sources/cluster/index.js is missing: run npm run build first');
  process.exit(2);
}

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = option('--namespaces', '2000').split(',').map(Number);
const runs = Number(option('--runs', '3'));

// the fake API server and the generator are the tests' TypeScript
register();
const support = (f) => import(pathToFileURL(path.join(ROOT, 'test/support', f)).href);
const { ClusterStore } = await support('cluster-store.ts');
const { syntheticCluster } = await support('cluster-synthetic.ts');
const { makeTls, writeKubeconfig } = await support('cluster-tls.ts');
const { startFakeApiserver } = await support('fake-apiserver.ts');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-bench-cluster-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const tls = makeTls(dir);
const TOKEN = 'bench-token-5e4d3c2b1a0f';

const script = `
import { readCluster } from ${JSON.stringify(READER)};
const t0 = performance.now();
const r = await readCluster({ kubeconfig: process.argv[1], kubelets: false });
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, resources: r.resources.length, errors: r.errors.length }));
`;

const CLI = path.join(ROOT, 'dist/palisade.mjs');

/** Runs node with the RSS probe; resolves with stdout, the wall time and the peak RSS. */
function measure(args, okCodes = [0]) {
  const rssFile = path.join(dir, 'rss.txt');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', PROBE, ...args], {
      env: { ...process.env, PALISADE_BENCH_RSS_FILE: rssFile, HOME: dir, KUBECONFIG: '' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (!okCodes.includes(code)) return reject(new Error(`${args.join(' ')} exited ${code}: ${err}`));
      resolve({ out, ms, rss: Number(fs.readFileSync(rssFile, 'utf8')) });
    });
  });
}

async function readOnce(kubeconfig) {
  const m = await measure(['--input-type=module', '-e', script, kubeconfig]);
  return { ...JSON.parse(m.out), rss: m.rss };
}

/** The whole CLI; gates are not set, so 0 is the only good exit. */
async function scanOnce(args) {
  const m = await measure([CLI, 'scan', ...args, '--format', 'json']);
  const report = JSON.parse(m.out);
  return { ms: m.ms, rss: m.rss, resources: report.summary.resources, failed: report.summary.findings.failed, errors: report.errors.length };
}

/** The objects as files, one YAML stream per namespace (cluster-scoped ones in cluster.yaml), as `kubectl get -o yaml` would give them. */
function writeAsFiles(objects, into) {
  fs.rmSync(into, { recursive: true, force: true });
  fs.mkdirSync(into, { recursive: true });
  const byFile = new Map();
  for (const o of objects) {
    const file = `${o.metadata.namespace ?? (o.kind === 'Namespace' ? o.metadata.name : 'cluster')}.yaml`;
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(o);
  }
  // JSON is YAML: one document per object
  for (const [file, list] of byFile) fs.writeFileSync(path.join(into, file), list.map((o) => JSON.stringify(o)).join('\n---\n') + '\n');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`cluster scan, ${os.cpus().length} CPUs, Node ${process.version}, median of ${runs} run(s), each a process of its own\n`);
console.log('| namespaces | objects | measured | resources judged | time | objects/s | peak RSS | pages |');
console.log('|---:|---:|---|---:|---:|---:|---:|---:|');
for (const namespaces of sizes) {
  const objects = syntheticCluster(namespaces);
  const fake = await startFakeApiserver(tls, new ClusterStore(objects), { token: TOKEN });
  const kubeconfig = writeKubeconfig(path.join(dir, 'kubeconfig'), [{ name: 'bench', server: fake.url, caPem: tls.caPem, token: TOKEN }]);
  const filesDir = path.join(dir, 'files');
  writeAsFiles(objects, filesDir);
  const reads = [];
  const scans = [];
  const fileScans = [];
  let pages = 0;
  // in turn, so that a slower moment of the machine falls on all three alike
  for (let i = 0; i < runs; i++) {
    fake.requests.length = 0;
    const r = await readOnce(kubeconfig);
    if (r.errors) throw new Error(`${r.errors} error(s) reading the synthetic cluster`);
    pages = fake.requests.filter((q) => q.query.has('limit')).length;
    reads.push(r);
    scans.push(await scanOnce(['--cluster', '--kubeconfig', kubeconfig]));
    fileScans.push(await scanOnce([filesDir]));
  }
  await fake.close();
  const row = (what, list, judged, pagesText = '') => {
    const seconds = median(list.map((r) => r.ms)) / 1000;
    const rss = median(list.map((r) => r.rss)) / 2 ** 20;
    console.log(`| ${namespaces} | ${objects.length} | ${what} | ${judged} | ${seconds.toFixed(2)} s | ${Math.round(objects.length / seconds)} | ${rss.toFixed(0)} MB | ${pagesText} |`);
  };
  row('cluster source: read only', reads, reads[0].resources, String(pages));
  row('`palisade scan --cluster --format json`', scans, scans[0].resources, String(pages));
  row('`palisade scan FILES --format json` (the same objects as files)', fileScans, fileScans[0].resources);
  if (scans[0].failed !== fileScans[0].failed) console.log(`\nnote: ${scans[0].failed} failed findings on the cluster, ${fileScans[0].failed} on the files (owned objects are folded into their owners on a cluster)`);
}
