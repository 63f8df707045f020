// The npm package: `npm pack` of a copy of this repository (so its prepack script, a clean build,
// runs there and not in the dist/ the other tests use) gives a tarball that holds the build and
// nothing else; installed into an empty project as a user installs it (the registry, or the npm
// cache with --prefer-offline, serves its dependencies), its `palisade` command, `npx
// palisade-k8s`, its library entry and its type declarations work from there.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from './support/cli.js';

const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const TARBALL_NAME = `${PKG.name}-${PKG.version}.tgz`;
const MAX_FILE = 5 * 1024 * 1024;
const MAX_UNPACKED = 10 * 1024 * 1024;

const INSECURE = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - name: web
    image: nginx:1.27
    securityContext: {privileged: true}
`;
const CLEAN = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {mode: fast}
`;

/** The environment of a user's shell: none of the variables npm and node:test set for this run. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|NODE_TEST_CONTEXT$|NODE_OPTIONS$|INIT_CWD$)/i.test(k)) continue;
    env[k] = v;
  }
  env.PATH = [path.dirname(process.execPath), env.PATH].filter(Boolean).join(path.delimiter);
  return env;
}

function run(cmd: string, args: string[], options: SpawnSyncOptions & { cwd: string }) {
  const out = spawnSync(cmd, args, { env: userEnv(), encoding: 'utf8', timeout: 300_000, maxBuffer: 1 << 26, ...options });
  return { code: out.status, stdout: String(out.stdout), stderr: String(out.stderr) };
}

interface TarEntry { name: string; size: number; mode: number; type: string; data: Buffer }

/** The entries of a .tgz (ustar, with pax headers for long names), read without a dependency. */
function readTarball(file: string): TarEntry[] {
  const buf = zlib.gunzipSync(fs.readFileSync(file));
  const entries: TarEntry[] = [];
  let pax: Record<string, string> = {};
  for (let off = 0; off + 512 <= buf.length;) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a: number, b: number) => header.subarray(a, b).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = str(156, 157) || '0';
    const prefix = str(345, 500);
    const data = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      pax = {};
      for (const rec of data.toString('utf8').split('\n').filter(Boolean)) {
        const m = /^\d+ ([^=]+)=(.*)$/s.exec(rec);
        if (m) pax[m[1]] = m[2];
      }
      continue;
    }
    if (type === 'g') continue;
    const name = pax.path ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    pax = {};
    entries.push({ name, size, mode: parseInt(str(100, 108).trim() || '0', 8), type, data });
  }
  return entries;
}

describe('npm package', () => {
  const tmp: string[] = [];
  const mk = (prefix: string) => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    tmp.push(d);
    return d;
  };
  let copy: string;
  let tarball: string;
  let packStdout: string;
  let entries: TarEntry[];
  let app: string;
  let installed: { code: number | null; stdout: string; stderr: string };

  before(() => {
    // the working tree as a fresh clone plus uncommitted work would have it: everything but what
    // .gitignore leaves out (node_modules is linked, for the build's TypeScript and esbuild)
    copy = mk('palisade-pack-src-');
    const skip = new Set(['node_modules', '.git', 'dist', 'coverage', 'test-artifacts', path.join('bench', 'out')]);
    fs.cpSync(ROOT, copy, {
      recursive: true,
      filter: (src) => {
        const rel = path.relative(ROOT, src);
        return !skip.has(rel) && !rel.endsWith('.tgz');
      },
    });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    // what an earlier build left behind: the prepack build starts from an empty dist/
    fs.mkdirSync(path.join(copy, 'dist/cli'), { recursive: true });
    fs.writeFileSync(path.join(copy, 'dist/cli/removed-module.js'), 'export {};\n');

    const out = mk('palisade-pack-out-');
    const packed = run('npm', ['pack', '--pack-destination', out], { cwd: copy });
    assert.equal(packed.code, 0, packed.stderr);
    packStdout = packed.stdout;
    tarball = path.join(out, TARBALL_NAME);
    entries = readTarball(tarball);

    app = mk('palisade-consumer-');
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    fs.writeFileSync(path.join(app, 'insecure.yaml'), INSECURE);
    fs.writeFileSync(path.join(app, 'clean.yaml'), CLEAN);
    installed = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app });
  });
  after(() => {
    for (const d of tmp) fs.rmSync(d, { recursive: true, force: true });
  });

  it('is named palisade-k8s, with the command palisade', () => {
    assert.equal(PKG.name, 'palisade-k8s');
    const manifest = JSON.parse(entries.find((e) => e.name === 'package/package.json')!.data.toString('utf8'));
    assert.equal(manifest.name, 'palisade-k8s');
    assert.deepEqual(manifest.bin, { palisade: 'dist/palisade.mjs' });
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
    assert.equal(lock.name, 'palisade-k8s');
    assert.equal(lock.packages[''].name, 'palisade-k8s');
  });

  it('the docs install and run it by that name: no `npx palisade`, `npm install palisade` or import from \'palisade\'', () => {
    const docs = ['README.md', 'deploy/README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    const wrong = /\bnpx\s+(--?[\w-]+\s+)*palisade(?![\w-])|\bnpm\s+(i|install|add)\s+(-[\w-]+\s+)*palisade(?![\w-])|from\s+['"]palisade['"]|import\(['"]palisade['"]\)/g;
    const found = docs.filter((f) => fs.existsSync(path.join(ROOT, f))).flatMap((f) =>
      [...fs.readFileSync(path.join(ROOT, f), 'utf8').matchAll(wrong)].map((m) => `${f}: ${m[0]}`));
    // `npx palisade` is right only where palisade-k8s is a dependency of the project
    assert.deepEqual(found.filter((m) => !/^docs\/ci\.md: npx palisade$/.test(m)), []);
    assert.match(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), /npx palisade-k8s scan \./);
  });

  it('npm pack prints only the tarball name on standard output (pre-commit reads it so), with the build output kept off it', () => {
    assert.equal(packStdout.trim(), TARBALL_NAME);
  });

  it('holds the fresh build, docs, examples and schema: no tests, sources, source maps, corpus or stale build output', (t) => {
    const files = entries.filter((e) => e.type === '0').map((e) => e.name);
    assert.ok(files.every((f) => f.startsWith('package/')));
    const rel = files.map((f) => f.slice('package/'.length));
    const allowed = /^(package\.json|README\.md|LICENSE(\.\w+)?|dist\/.+|docs\/.+\.md|examples\/.+\.ya?ml|schema\/.+\.json)$/;
    assert.deepEqual(rel.filter((f) => !allowed.test(f)), []);
    assert.deepEqual(rel.filter((f) => /\.map$|\.test\.|(^|\/)(test|testing|corpus|\.cache|node_modules)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts'))), []);
    for (const f of ['dist/palisade.mjs', 'dist/index.js', 'dist/index.d.ts', 'schema/report.schema.json', 'README.md']) {
      assert.ok(rel.includes(f), `${f} is in the tarball`);
    }
    // every module of the library build comes from a source file of this build
    assert.equal(rel.includes('dist/cli/removed-module.js'), false, 'prepack builds into an empty dist/');
    for (const f of rel.filter((f) => f.startsWith('dist/') && f.endsWith('.js'))) {
      assert.ok(fs.existsSync(path.join(copy, 'src', f.slice('dist/'.length).replace(/\.js$/, '.ts'))), `${f} has a source`);
    }
    assert.match(entries.find((e) => e.name === 'package/dist/palisade.mjs')!.data.toString('utf8'), /^#!\/usr\/bin\/env node\n/);

    const sizes = entries.filter((e) => e.type === '0').sort((a, b) => b.size - a.size);
    assert.deepEqual(sizes.filter((e) => e.size > MAX_FILE).map((e) => e.name), []);
    const unpacked = sizes.reduce((n, e) => n + e.size, 0);
    assert.ok(unpacked < MAX_UNPACKED, `unpacked ${unpacked} bytes`);
    t.diagnostic(`${TARBALL_NAME}: ${(fs.statSync(tarball).size / 1024).toFixed(0)} kB, ${(unpacked / 1024).toFixed(0)} kB unpacked, ${sizes.length} files; largest ${sizes.slice(0, 3).map((e) => `${e.name.slice(8)} ${(e.size / 1024).toFixed(0)} kB`).join(', ')}`);
  });

  describe('installed into an empty project', () => {
    const bin = () => path.join(app, 'node_modules/.bin/palisade');
    const palisade = (...args: string[]) => run(bin(), args, { cwd: app });

    it('installs', () => {
      assert.equal(installed.code, 0, installed.stderr);
      const pkgDir = path.join(app, 'node_modules', PKG.name);
      assert.equal(JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version, PKG.version);
      fs.accessSync(bin(), fs.constants.X_OK);
    });

    it('palisade --version and scan (json, gate, html) run from the installed package', () => {
      const version = palisade('--version');
      assert.equal(version.code, 0, version.stderr);
      assert.equal(version.stdout.trim(), PKG.version);

      const json = palisade('scan', 'insecure.yaml', '--format', 'json');
      assert.equal(json.code, 0, json.stderr);
      const report = JSON.parse(json.stdout);
      assert.deepEqual(report.tool, { name: 'palisade', version: PKG.version });
      assert.equal(report.summary.resources, 1);
      assert.ok(report.findings.some((f: { controlId: string; status: string }) => f.controlId === 'privileged-container' && f.status === 'failed'));

      const gate = palisade('scan', 'insecure.yaml', '--fail-on', 'high');
      assert.equal(gate.code, 1);
      assert.match(gate.stdout, /privileged-container/);
      assert.equal(palisade('scan', 'clean.yaml', '--fail-on', 'high').code, 0);

      const html = palisade('scan', 'insecure.yaml', '--format', 'html', '--output', 'report.html');
      assert.equal(html.code, 0, html.stderr);
      assert.match(fs.readFileSync(path.join(app, 'report.html'), 'utf8'), /^<!DOCTYPE html>/i);
    });

    it('palisade fix and explain load their parts (the fix chunk, yaml and diff) from the installed package', () => {
      const fix = palisade('fix', 'insecure.yaml', '--dry-run', '--all'); // --all: privileged: false needs review
      assert.equal(fix.code, 0, fix.stderr);
      assert.match(fix.stdout, /^\+.*privileged: false/m);
      const explain = palisade('explain', 'privileged-container');
      assert.equal(explain.code, 0, explain.stderr);
      assert.match(explain.stdout, /Privileged container/);
    });

    it('npx palisade-k8s runs the palisade command', () => {
      const npx = run('npx', ['--no-install', PKG.name, '--version'], { cwd: app });
      assert.equal(npx.code, 0, npx.stderr);
      assert.equal(npx.stdout.trim(), PKG.version);
    });

    it("the library entry: import('palisade-k8s'), its exports and the schema subpath", () => {
      const script = `
        const lib = await import('palisade-k8s');
        const report = lib.scanPaths(['insecure.yaml'], { controls: ['privileged-container'] });
        const { createRequire } = await import('node:module');
        const require = createRequire(process.cwd() + '/');
        console.log(JSON.stringify({
          exports: Object.keys(lib).sort(),
          resolved: import.meta.resolve('palisade-k8s'),
          failed: report.summary.findings.failed,
          gates: lib.trippedGates(report, { failOn: 'high' }).length,
          schema: require('palisade-k8s/schema/report.schema.json').$schema !== undefined,
          name: require('palisade-k8s/package.json').name,
        }));`;
      const out = run(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
      assert.equal(out.code, 0, out.stderr);
      const got = JSON.parse(out.stdout);
      for (const name of ['CONTROLS', 'FRAMEWORKS', 'UsageError', 'formatJson', 'formatPretty', 'getControl', 'resolveControlName', 'scan', 'scanPaths', 'trippedGates']) {
        assert.ok(got.exports.includes(name), `exports ${name}`);
      }
      assert.equal(got.resolved, `file://${fs.realpathSync(app)}/node_modules/${PKG.name}/dist/index.js`);
      assert.equal(got.failed, 1);
      assert.equal(got.gates, 1);
      assert.equal(got.schema, true);
      assert.equal(got.name, PKG.name);
    });

    it('its type declarations type-check a TypeScript consumer (NodeNext, strict)', () => {
      fs.writeFileSync(path.join(app, 'use.ts'), `import { scanPaths, trippedGates, type ScanReport, type Gates } from 'palisade-k8s';
const report: ScanReport = scanPaths(['insecure.yaml'], { controls: ['privileged-container'] });
const gates: Gates = { failOn: 'high' };
console.log(report.summary.resources, trippedGates(report, gates).length);
`);
      fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
        compilerOptions: {
          module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true,
          // a consumer on Node.js has @types/node; this one borrows the repository's
          typeRoots: [path.join(ROOT, 'node_modules/@types')], types: ['node'],
        },
        files: ['use.ts'],
      }));
      const tsc = run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app });
      assert.equal(tsc.code, 0, tsc.stdout + tsc.stderr);
      fs.writeFileSync(path.join(app, 'use.ts'), `import type { Gates } from 'palisade-k8s';\nexport const g: Gates = { failOn: 'severe' };\n`);
      const wrong = run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app });
      assert.notEqual(wrong.code, 0, 'the declarations are really read');
      assert.match(wrong.stdout, /'"severe"' is not assignable/);
    });
  });
});
