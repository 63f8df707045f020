// Runs the CLI bundle (dist/palisade.cjs) with V8's code cache (dist/palisade.cache).
//
// V8 compiles each function of a script the first time it runs. `npm run build` runs a scan of the
// bundled examples once (scripts/code-cache.mjs) and saves what V8 compiled for it; the CLI starts
// from that instead of compiling again: a scan of an empty directory takes about 86 ms instead of
// 103 ms, and the bench's 10k input about 20 ms less (README, Performance). V8 checks the cache
// against the source, its own version and its flags, and rejects one that does not match (another
// Node version, say): the CLI then compiles as it would have anyway.
//
// V8 does not check the cache's contents in a release build: a damaged one (a disk error, a cut
// copy) crashed the CLI with SIGSEGV in a test. So the file starts with a SHA-256 of the bundle and
// the cache together (about 1 ms), and a cache whose sum does not match is not given to V8: a
// bundle edited in place does not run the old bundle's code either.
//
// Node 20 has no compile cache for ES modules (module.enableCompileCache came in Node 22), and V8
// caches code through node:vm for classic scripts only, so the bundle is CommonJS and is run here
// in the same function wrapper Node's own CommonJS loader uses.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import v8 from 'node:v8';

export interface LoadedBundle {
  script: vm.Script;
  /** The CLI: runs one command line and gives its exit code. */
  main: (argv: string[]) => Promise<number>;
  /** Whether a cache was given and V8 refused it; undefined when there was none. */
  cacheRejected?: boolean;
}

export const BUNDLE = 'palisade.cjs';
export const CODE_CACHE = 'palisade.cache';

/**
 * A smaller inlining budget for V8's optimizing compiler than its default (920 bytes of bytecode
 * inlined into one function). A scan is a short process that runs a lot of different code once:
 * the optimizing compiler, on its own thread, took about as long as the whole scan to optimize it
 * (680 ms of compile jobs for the bench's 10k input, most of it inlining), and the scan ran in
 * slower code while it waited. With less inlining each hot function is ready sooner; see README,
 * Performance, for the figures (200: 8% faster than 920 on the bench's 10k input, 9% on the corpus,
 * 2% slower on examples/; 100: another 2% on the 10k input, the same on the others). js-yaml alone is no faster with it (the same at 200, 5%
 * slower at 100), so the benchmark's baseline keeps V8's default. A value on node's own command
 * line wins.
 */
export const V8_FLAGS = [
  '--max-inlined-bytecode-size-cumulative=100',
  // For the same reason, a function is optimized after twice the work V8's default waits for
  // (67,584): fewer lukewarm functions queue for the compiler. 10k input 3% faster, corpus 2%,
  // examples/ and the 2,000-namespace input the same (with the code cache; js-yaml: 4% slower).
  '--interrupt-budget=135168',
];

// Both on the first line, so that the bundle's line numbers (and its source map) stay as they are.
const HEAD = '(function (exports, require, module, __filename, __dirname, __import) {';
const TAIL = '\n})';

/**
 * Compiles and runs the bundle in `dir`, with its code cache unless `cache` is false (or
 * PALISADE_CODE_CACHE=0 is set, to compare). `__import` is how the bundle imports an ES module
 * (the Kubernetes client, src/sources/cluster/client-node.ts): import() here, in a module.
 */
export function loadBundle(dir: string, options: { cache?: boolean } = {}): LoadedBundle {
  const file = path.join(dir, BUNDLE);
  // before the script is compiled: V8 checks the code cache against the flags too
  for (const flag of V8_FLAGS) {
    const name = flag.slice(0, flag.indexOf('='));
    if (!process.execArgv.some((a) => a.replace(/_/g, '-').startsWith(name))) v8.setFlagsFromString(flag); // V8 reads _ as -
  }
  const bytes = fs.readFileSync(file);
  const source = bytes.toString('utf8');
  const cachedData = options.cache !== false && process.env.PALISADE_CODE_CACHE !== '0' ? readCodeCache(dir, bytes) : undefined;
  const script = new vm.Script(HEAD + source + TAIL, { filename: file, cachedData });
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} as { main?: LoadedBundle['main'] } };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dir, (specifier: string) => import(specifier));
  if (typeof module.exports.main !== 'function') throw new Error(`${file}: the bundle exports no main()`);
  return { script, main: module.exports.main, cacheRejected: cachedData ? script.cachedDataRejected === true : undefined };
}

const SUM = 32; // bytes of SHA-256

function checksum(bundle: Buffer, data: Buffer): Buffer {
  return createHash('sha256').update(bundle).update(data).digest();
}

/** The cache in `dir`, when there is one and its checksum matches this bundle and its data. */
function readCodeCache(dir: string, bundle: Buffer): Buffer | undefined {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(path.join(dir, CODE_CACHE));
  } catch {
    return undefined; // no cache (a build that could not write one): compile as usual
  }
  if (raw.length <= SUM) return undefined;
  const data = raw.subarray(SUM);
  return checksum(bundle, data).equals(raw.subarray(0, SUM)) ? data : undefined;
}

/** Writes what V8 has compiled of the bundle's script so far as the cache in `dir` (scripts/code-cache.mjs). */
export function writeCodeCache(dir: string, script: vm.Script): void {
  const data = script.createCachedData();
  const sum = checksum(fs.readFileSync(path.join(dir, BUNDLE)), data);
  fs.writeFileSync(path.join(dir, CODE_CACHE), Buffer.concat([sum, data]));
}
