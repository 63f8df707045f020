// Writes dist/palisade.cache, the V8 code cache the CLI starts from (src/cli/bundle-loader.ts):
// compiles dist/palisade.cjs with no cache, exactly as the CLI does, runs a scan of the bundled
// examples in each of the two formats most scans write (json, pretty), and saves what V8 compiled
// for it. Run by scripts/postbuild.mjs in a process of its own with no flags on node's command line:
// loadBundle sets the CLI's own V8 flags, as it does when the CLI runs, and V8 rejects a cache made
// under other flags.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_CACHE, loadBundle, writeCodeCache } from '../dist/cli/bundle-loader.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
fs.rmSync(path.join(DIST, CODE_CACHE), { force: true });

const { script, main } = loadBundle(DIST, { cache: false });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-code-cache-'));
try {
  const examples = path.join(ROOT, 'examples');
  for (const [format, file] of [['json', 'report.json'], ['pretty', 'report.txt']]) {
    const code = await main(['scan', examples, '--no-config', '--format', format, '--output', path.join(tmp, file)]);
    if (code !== 0 && code !== 1) throw new Error(`the scan of examples/ (${format}) exited ${code}`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = 0;
writeCodeCache(DIST, script);
