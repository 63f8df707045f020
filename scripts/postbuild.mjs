// After tsc: check that src/version.ts matches package.json, and bundle the CLI.
//
// The CLI is bundled because Node loads a hundred small ES modules in about 110 ms, and one bundle
// in about 10 ms: start-up is a tenth of a typical scan. It is one CommonJS script
// (dist/palisade.cjs), run by a small launcher (dist/palisade.mjs, the package's bin) with the V8
// code cache that scripts/code-cache.mjs writes after a scan of the bundled examples
// (src/cli/bundle-loader.ts says why it is CommonJS). Dependencies stay external (installed by
// npm as usual), but for commander and js-yaml, which every run loads; dist/ keeps the unbundled
// modules for the library API (`import { scanPaths } from 'palisade-k8s'`).
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
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
const BUNDLED = ['commander', 'js-yaml'];
const dist = (p) => new URL(`../dist/${p}`, import.meta.url).pathname;
// left by builds from before the bundle was one CommonJS script
for (const old of ['chunks', 'palisade.mjs.map']) fs.rmSync(dist(old), { recursive: true, force: true });

// The bundle's one ES-module import (the Kubernetes client) goes through the loader's import().
const importThroughLoader = {
  name: 'import-through-loader',
  setup(b) {
    b.onLoad({ filter: /[\\/]cluster[\\/]client-node\.js$/ }, () => ({
      contents: "export const importClientNode = () => __import('@kubernetes/client-node');",
      loader: 'js',
    }));
  },
};
// js-yaml is loaded with createRequire (src/sources/files/js-yaml.ts says why: its CommonJS build
// is the fast one); in the bundle, a plain require, which esbuild resolves to that same build.
const bundleJsYaml = {
  name: 'bundle-js-yaml',
  setup(b) {
    b.onLoad({ filter: /[\\/]sources[\\/]files[\\/]js-yaml\.js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const contents = text.replace("createRequire(import.meta.url)('js-yaml')", "require('js-yaml')");
      if (contents === text) throw new Error(`${args.path}: the createRequire of js-yaml was not found`);
      return { contents, loader: 'js' };
    });
  },
};
// commander loads node:child_process (and with it net, dgram and more) for executable
// subcommands, which Palisade has none of: in the bundle it is loaded when first used.
const lazyChildProcessInCommander = {
  name: 'lazy-child-process-in-commander',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!text.includes(eager)) throw new Error(`${args.path}: its require of node:child_process was not found`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: text.replace(eager, lazy), loader: 'js' };
    });
  },
};
await build({
  ...common,
  // commander and js-yaml, which every run loads, go into the bundle and so into the code cache
  external: common.external.filter((name) => !BUNDLED.includes(name)),
  format: 'cjs',
  entryPoints: [dist('cli/program.js')],
  outfile: dist('palisade.cjs'),
  // import.meta is not there in CommonJS: the same URL, from the script's file name
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: 'var __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [importThroughLoader, bundleJsYaml, lazyChildProcessInCommander],
});
const bundled = fs.readFileSync(dist('palisade.cjs'), 'utf8');
if (/\bimport\(/.test(bundled) || /\bimport\.meta\b/.test(bundled)) {
  console.error('dist/palisade.cjs uses import() or import.meta, which a script run by node:vm cannot: route it through the loader');
  process.exit(1);
}
await build({
  ...common,
  entryPoints: [dist('cli/launch.js')],
  outfile: dist('palisade.mjs'),
  sourcemap: false,
});
fs.chmodSync(dist('palisade.mjs'), 0o755);
fs.chmodSync(dist('cli/main.js'), 0o755);

// The code cache: what V8 compiled for a scan of the bundled examples. Without one the CLI works
// the same, only starts slower, so a failure here is a warning (test/code-cache.test.ts makes sure
// a build has a cache that V8 accepts).
const cache = spawnSync(process.execPath, [new URL('./code-cache.mjs', import.meta.url).pathname], { stdio: 'inherit' });
if (cache.status !== 0) console.error('warning: scripts/code-cache.mjs failed: the CLI has no code cache and starts about 20 ms slower');
