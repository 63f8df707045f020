// Reading a live cluster at scale: a synthetic cluster (25 objects per namespace) served by the
// tests' fake API server (HTTPS on 127.0.0.1), read by the built cluster source
// (dist/sources/cluster) in a separate process, so the time and peak RSS are the reader's alone.
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

function readOnce(kubeconfig) {
  const rssFile = path.join(dir, 'rss.txt');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', PROBE, '--input-type=module', '-e', script, kubeconfig], {
      env: { ...process.env, PALISADE_BENCH_RSS_FILE: rssFile },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`reader exited ${code}: ${err}`));
      resolve({ ...JSON.parse(out), rss: Number(fs.readFileSync(rssFile, 'utf8')) });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`cluster read, ${os.cpus().length} CPUs, Node ${process.version}, median of ${runs} run(s)\n`);
console.log('| namespaces | objects | kept | time | objects/s | peak RSS | pages |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const namespaces of sizes) {
  const objects = syntheticCluster(namespaces);
  const fake = await startFakeApiserver(tls, new ClusterStore(objects), { token: TOKEN });
  const kubeconfig = writeKubeconfig(path.join(dir, 'kubeconfig'), [{ name: 'bench', server: fake.url, caPem: tls.caPem, token: TOKEN }]);
  const results = [];
  let pages = 0;
  for (let i = 0; i < runs; i++) {
    fake.requests.length = 0;
    const r = await readOnce(kubeconfig);
    if (r.errors) throw new Error(`${r.errors} error(s) reading the synthetic cluster`);
    pages = fake.requests.filter((q) => q.query.has('limit')).length;
    results.push(r);
  }
  await fake.close();
  const seconds = median(results.map((r) => r.ms)) / 1000;
  const rss = median(results.map((r) => r.rss)) / 2 ** 20;
  console.log(`| ${namespaces} | ${objects.length} | ${results[0].resources} | ${seconds.toFixed(2)} s | ${Math.round(objects.length / seconds)} | ${rss.toFixed(0)} MB | ${pages} |`);
}
