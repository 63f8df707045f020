// Attack paths with real image data end to end (issue 14): the web image of the image tests
// (test/support/image-build.ts: npm lodash 4.17.20 among others) served by Debian's
// docker-registry on loopback, read by `scan --scan-images` and `--image`, matched against a
// database imported from real published OSV records (src/testing/osv-records.ts): the execution
// step names GHSA-35jh-r3h4-6jhm (lodash command injection, CVE-2021-23337, high, fixed in 4.17.21).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ScanReport } from '../src/model/types.js';
import type { AttackPath } from '../src/model/attack-path.js';
import { REAL_RECORDS } from '../src/testing/osv-records.js';
import { WEB_REF } from '../src/testing/image-fixtures.js';
import { FULL_PATH, VARIANTS } from '../src/testing/attack-path-fixtures.js';
import { runCli, runCliAsync } from './support/cli.js';
import { buildFixtureImages, type FixtureImages } from './support/image-build.js';
import { push, startRegistry, type Registry } from './support/registry.js';
import { assertSchemaValid } from './support/schema.js';

const WEB = 'apps/v1/shop/Deployment/web';
let work: string;
let fx: FixtureImages;
let db: string;
let registry: Registry;
let image: string;
const env = (): NodeJS.ProcessEnv => ({ PALISADE_CACHE_DIR: path.join(work, 'cache'), DOCKER_CONFIG: path.join(work, 'no-docker'), HOME: work, KUBECONFIG: undefined });

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-paths-images-'));
  fx = buildFixtureImages(work);
  const osv = path.join(work, 'osv');
  fs.mkdirSync(osv);
  for (const r of REAL_RECORDS) fs.writeFileSync(path.join(osv, `${r.id}.json`), JSON.stringify(r));
  db = path.join(work, 'db');
  const imported = runCli(['db', 'import', osv, '--db-dir', db, '-q'], { env: env() });
  assert.equal(imported.code, 0, imported.stderr);
  registry = await startRegistry(path.join(work, 'reg'), { kind: 'none' });
  await push(`oci:${fx.layout}:debian`, registry, 'shop/web:1.0');
  image = `${registry.host}/shop/web:1.0`;
});

after(async () => {
  await registry?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

function manifest(name: string, yaml: string): string {
  const file = path.join(work, name);
  // every image of the set from the loopback registry: --scan-images must reach nothing else
  fs.writeFileSync(file, yaml.replaceAll(WEB_REF, image).replaceAll('postgres:16.4', image));
  return file;
}

async function scan(args: string[]): Promise<{ report: ScanReport; code: number; stderr: string }> {
  const r = await runCliAsync(['scan', ...args, '--db-dir', db, '--format', 'json'], { env: env(), cwd: work, timeoutMs: 120_000 });
  assert.ok(r.stdout.length > 0, r.stderr);
  return { report: JSON.parse(r.stdout) as ScanReport, code: r.code, stderr: r.stderr };
}
const webOf = (r: ScanReport): AttackPath | undefined => r.attackPaths.find((p) => p.id === WEB);

describe('attack paths with images read from a registry', () => {
  it('--scan-images: the execution step names the real advisory of the image\'s lodash, fixable', async () => {
    const { report, code, stderr } = await scan([manifest('shop.yaml', FULL_PATH), '--scan-images']);
    assert.equal(code, 0, stderr);
    assertSchemaValid(report, 'paths with images');
    const path0 = webOf(report)!;
    assert.deepEqual(path0.steps.map((s) => s.tactic),
      ['initial-access', 'execution', 'privilege-escalation', 'credential-access', 'lateral-movement', 'impact', 'impact']);
    const exec = path0.steps[1];
    const lodash = exec.via.find((l) => l.vulnerabilityId === 'GHSA-35jh-r3h4-6jhm');
    assert.ok(lodash, JSON.stringify(exec.via.map((l) => l.vulnerabilityId)));
    assert.equal(lodash.severity, 'high');
    assert.equal(lodash.package, 'lodash@4.17.20');
    assert.equal(lodash.change, `upgrade lodash to 4.17.21 (or later) in image ${image}`);
    assert.equal(lodash.location?.file, path.join(work, 'shop.yaml'));
    // only critical and high advisories make the step; each is a vulnerability of the report on this workload
    for (const l of exec.via) {
      const v = report.vulnerabilities.find((x) => x.id === l.vulnerabilityId && `${x.package.name}@${x.package.version}` === l.package)!;
      assert.ok(v.severity === 'critical' || v.severity === 'high');
      assert.ok(v.resources?.includes(WEB));
    }
  });

  it('--image with the same reference joins the image to the workload the same way', async () => {
    const { report, code, stderr } = await scan([manifest('shop2.yaml', FULL_PATH), '--image', image]);
    assert.equal(code, 0, stderr);
    assert.ok(webOf(report)!.steps[1].via.some((l) => l.vulnerabilityId === 'GHSA-35jh-r3h4-6jhm'));
  });

  it('an exception naming the advisory\'s alias takes its link out of the step and names it in brokenBy', async () => {
    const exceptions = path.join(work, 'exceptions.yaml');
    fs.writeFileSync(exceptions, 'exceptions:\n- vulnerabilities: [CVE-2021-23337]\n  reason: "templates are never user input"\n');
    const { report, code, stderr } = await scan([manifest('shop3.yaml', FULL_PATH), '--scan-images', '--exceptions', exceptions]);
    assert.equal(code, 0, stderr);
    const p = webOf(report)!;
    assert.ok(!p.steps.some((s) => s.via.some((l) => l.vulnerabilityId === 'GHSA-35jh-r3h4-6jhm')));
    const broken = p.brokenBy.find((l) => l.vulnerabilityId === 'GHSA-35jh-r3h4-6jhm');
    assert.equal(broken?.exception?.reason, 'templates are never user input');
  });

  it('not exposed: the vulnerable image alone makes no path', async () => {
    const { report, code, stderr } = await scan([manifest('closed.yaml', VARIANTS.notExposed()), '--scan-images']);
    assert.equal(code, 0, stderr);
    assert.ok(report.vulnerabilities.some((v) => v.id === 'GHSA-35jh-r3h4-6jhm'));
    assert.deepEqual(report.attackPaths, []);
  });
});
