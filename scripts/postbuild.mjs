// After tsc: check that src/version.ts matches package.json, and bundle the CLI.
//
// The CLI is bundled into one file (dist/palisade.mjs, the package's bin) because Node loads a
// hundred small ES modules in about 110 ms, and one bundle in about 10 ms: start-up is a tenth of
// a typical scan. Dependencies stay external (installed by npm as usual); dist/ keeps the
// unbundled modules for the library API (`import { scanPaths } from 'palisade-k8s'`).
import fs from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const version = fs.readFileSync(new URL('../src/version.ts', import.meta.url), 'utf8').match(/VERSION = '([^']+)'/)?.[1];
if (version !== pkg.version) {
  console.error(`src/version.ts says ${version}, package.json says ${pkg.version}`);
  process.exit(1);
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}), 'playwright-core'],
  logLevel: 'warning',
  sourcemap: 'linked',
  // whitespace and comments out: V8 scans every byte of the bundle at start-up (791M → 780M
  // instructions for a scan of an empty directory); names stay, and the source map maps back
  minifyWhitespace: true,
};
const dist = (p) => new URL(`../dist/${p}`, import.meta.url).pathname;
// Split: commands loaded with import() (fix, with the `yaml` and `diff` packages) become chunks
// under dist/chunks/ that a scan never loads.
fs.rmSync(dist('chunks'), { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { palisade: dist('cli/main.js') },
  outdir: dist(''),
  splitting: true,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
});
fs.chmodSync(dist('palisade.mjs'), 0o755);
fs.chmodSync(dist('cli/main.js'), 0o755);
