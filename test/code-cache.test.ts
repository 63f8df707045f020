// The CLI bundle and its V8 code cache (src/cli/bundle-loader.ts, scripts/code-cache.mjs): the build
// writes a cache that V8 accepts, the CLI gives the same results with and without it, and a cache
// that does not fit (another Node version, a damaged file) is ignored.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, runCli } from './support/cli.js';

const DIST = path.join(ROOT, 'dist');

/** A report without what changes from run to run. */
function stable(json: string): unknown {
  const report = JSON.parse(json) as { generatedAt?: string; summary: { durationMs?: number } };
  delete report.generatedAt;
  delete report.summary.durationMs;
  return report;
}

describe('the code cache', () => {
  it('is written by the build and accepted by V8 in a plain node process, as the CLI runs', () => {
    assert.ok(fs.statSync(path.join(DIST, 'palisade.cache')).size > 100_000, 'dist/palisade.cache is there');
    const probe = `import('${path.join(DIST, 'cli/bundle-loader.js')}').then((m) => { const b = m.loadBundle('${DIST}'); process.stdout.write(JSON.stringify({ rejected: b.cacheRejected, main: typeof b.main })); })`;
    const out = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', env: { ...process.env, PALISADE_CODE_CACHE: undefined } });
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(JSON.parse(out.stdout), { rejected: false, main: 'function' });
  });

  it('changes nothing in what the CLI reports: examples/ with and without it', () => {
    const args = ['scan', 'examples', '--no-config', '--format', 'json'];
    const cached = runCli(args);
    const compiled = runCli(args, { env: { PALISADE_CODE_CACHE: '0' } });
    assert.equal(cached.code, compiled.code);
    assert.equal(cached.stderr, compiled.stderr);
    assert.deepEqual(stable(cached.stdout), stable(compiled.stdout));
    assert.ok((stable(cached.stdout) as { findings: unknown[] }).findings.length > 10);
  });

  it('is not used when it does not match: a damaged cache or an edited bundle leaves the CLI working', async () => {
    // a copy of the launcher and bundle inside the repository (so that node_modules resolves), with a bad cache
    const dir = fs.mkdtempSync(path.join(ROOT, 'test-artifacts-cache-'));
    try {
      for (const f of ['palisade.mjs', 'palisade.cjs']) fs.copyFileSync(path.join(DIST, f), path.join(dir, f));
      const good = fs.readFileSync(path.join(DIST, 'palisade.cache'));
      fs.writeFileSync(path.join(dir, 'palisade.cache'), Buffer.concat([good.subarray(0, 64), Buffer.alloc(good.length - 64, 0x5a)]));
      const out = spawnSync(process.execPath, [path.join(dir, 'palisade.mjs'), 'scan', 'examples', '--no-config', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
      const reference = runCli(['scan', 'examples', '--no-config', '--format', 'json']);
      // V8 does not check a cache's contents: given this one, it crashed the process (SIGSEGV)
      assert.equal(out.status, reference.code, out.stderr);
      assert.deepEqual(stable(out.stdout), stable(reference.stdout));
      const { loadBundle } = await import('../src/cli/bundle-loader.js');
      assert.equal(loadBundle(dir).cacheRejected, undefined, 'the damaged cache is not given to V8');
      // the right cache, but the bundle edited in place with its length kept (V8 checks only the length)
      fs.writeFileSync(path.join(dir, 'palisade.cache'), fs.readFileSync(path.join(DIST, 'palisade.cache')));
      const edited = fs.readFileSync(path.join(dir, 'palisade.cjs'), 'utf8').replace('"palisade"', '"Palisade"');
      fs.writeFileSync(path.join(dir, 'palisade.cjs'), edited);
      assert.equal(loadBundle(dir).cacheRejected, undefined, 'the cache of another bundle is not given to V8');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the bundle imports its one ES module, the Kubernetes client, through the loader', async () => {
    const { loadBundle } = await import('../src/cli/bundle-loader.js');
    assert.equal(typeof loadBundle, 'function');
    const bundle = fs.readFileSync(path.join(DIST, 'palisade.cjs'), 'utf8');
    assert.doesNotMatch(bundle, /\bimport\(/, 'no import() left in the script: node:vm would need an experimental flag for it');
    assert.match(bundle, /__import\("@kubernetes\/client-node"\)/);
  });
});
