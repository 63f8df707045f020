// `palisade scan --image` and `--scan-images` end to end, through the built CLI: images built by
// umoci (test/support/image-build.ts), served by Debian's docker-registry on loopback (anonymous
// and with htpasswd), exported by skopeo, matched against a database imported with `palisade db
// import` from OSV records of real published advisories (ids, aliases, ranges and vectors as
// published). What the images hold: dpkg libssl3 3.0.11-1~deb12u2 (source openssl) and a removed
// curl, npm lodash 4.17.20, express 4.17.1 with qs 6.7.0, @babel/traverse 7.22.5, minimist 1.2.5
// replaced by 1.2.6 through an opaque directory, a whited-out left-pad, Python jinja2 2.11.2, and
// a Go program built with Debian's go (its stdlib).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ScanReport } from '../src/model/types.js';
import type { Vulnerability } from '../src/model/vulnerability.js';
import { REAL_RECORDS } from '../src/testing/osv-records.js';
import { runCli, runCliAsync, type CliResult } from './support/cli.js';
import { buildFixtureImages, run, type FixtureImages } from './support/image-build.js';
import { push, startRegistry, type Registry } from './support/registry.js';

const USER = 'bob';
const PASSWORD = 'canary-Pa55-9f3e1';

/** Advisories as published, beside the shared real records (src/testing/osv-records.ts). */
const RECORDS = [
  ...REAL_RECORDS,
  {
    // @babel/traverse: arbitrary code execution when compiling crafted code
    schema_version: '1.6.0', id: 'GHSA-67hx-6x53-jw92', aliases: ['CVE-2023-45133'], modified: '2024-02-16T08:23:05Z',
    summary: 'Babel vulnerable to arbitrary code execution when compiling specifically crafted malicious code',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H' }],
    affected: [{ package: { ecosystem: 'npm', name: '@babel/traverse' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '7.23.2' }] },
      { type: 'ECOSYSTEM', events: [{ introduced: '8.0.0-alpha.0' }, { fixed: '8.0.0-alpha.4' }] }] }],
  },
  {
    // express: open redirect in malformed URLs; CVSS 6.1
    schema_version: '1.6.0', id: 'GHSA-rv95-896h-c2vc', aliases: ['CVE-2024-29041'], modified: '2024-03-25T19:40:26Z',
    summary: 'Express.js Open Redirect in malformed URLs',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' }],
    affected: [{ package: { ecosystem: 'npm', name: 'express' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.19.2' }] }] }],
    database_specific: { severity: 'MODERATE' },
  },
  {
    // qs: prototype pollution; one of its ranges starts exactly at the installed 6.7.0
    schema_version: '1.6.0', id: 'GHSA-hrpp-h998-j3pp', aliases: ['CVE-2022-24999'], modified: '2024-01-04T22:03:58Z',
    summary: 'qs vulnerable to Prototype Pollution',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
    affected: [{ package: { ecosystem: 'npm', name: 'qs' }, ranges: [
      { type: 'ECOSYSTEM', events: [{ introduced: '6.7.0' }, { fixed: '6.7.3' }] },
      { type: 'ECOSYSTEM', events: [{ introduced: '6.8.0' }, { fixed: '6.8.3' }] }] }],
    database_specific: { severity: 'HIGH' },
  },
  {
    // minimist: prototype pollution, fixed in 1.2.6 — the version the opaque layer installs
    schema_version: '1.6.0', id: 'GHSA-xvch-5gv4-984h', aliases: ['CVE-2021-44906'], modified: '2023-07-03T18:02:02Z',
    summary: 'Prototype Pollution in minimist',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [{ package: { ecosystem: 'npm', name: 'minimist' }, ranges: [
      { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '0.2.4' }] },
      { type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { fixed: '1.2.6' }] }] }],
  },
  {
    // jinja2: ReDoS in the urlize filter, fixed in 2.11.3
    schema_version: '1.6.0', id: 'GHSA-g3rq-g295-4j3m', aliases: ['CVE-2020-28493'], modified: '2023-11-08T04:04:08Z',
    summary: 'Regular Expression Denial of Service (ReDoS) in Jinja2',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' }],
    affected: [{ package: { ecosystem: 'PyPI', name: 'jinja2' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.11.3' }] }] }],
  },
  {
    // curl in Debian 12, fixed in 7.88.1-10+deb12u5: the image's curl is removed (config files only)
    schema_version: '1.6.0', id: 'DSA-5587-1', upstream: ['CVE-2023-46218', 'CVE-2023-46219'], modified: '2023-12-10T00:00:00Z',
    summary: 'curl - security update',
    affected: [{ package: { ecosystem: 'Debian:12', name: 'curl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '7.88.1-10+deb12u5' }] }] }],
  },
];

let work: string;
let fx: FixtureImages;
let db: string;
let anon: Registry;
let basic: Registry;
let archive: string;
const env = (): NodeJS.ProcessEnv => ({ PALISADE_CACHE_DIR: path.join(work, 'cache'), DOCKER_CONFIG: path.join(work, 'no-docker'), HOME: work });

function scanJson(args: string[], extraEnv: NodeJS.ProcessEnv = {}): { report: ScanReport; r: CliResult } {
  const r = runCli(['scan', '--format', 'json', '--db-dir', db, ...args], { env: { ...env(), ...extraEnv }, cwd: work, timeoutMs: 120_000 });
  assert.ok(r.stdout.length > 0, r.stderr);
  return { report: JSON.parse(r.stdout) as ScanReport, r };
}

const byId = (vs: Vulnerability[]): Map<string, Vulnerability> => new Map(vs.map((v) => [v.id, v]));

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-image-cli-'));
  fx = buildFixtureImages(work);
  const osv = path.join(work, 'osv');
  fs.mkdirSync(osv);
  for (const r of RECORDS) fs.writeFileSync(path.join(osv, `${r.id}.json`), JSON.stringify(r, null, 2));
  db = path.join(work, 'db');
  const imported = runCli(['db', 'import', osv, '--db-dir', db, '-q'], { env: env() });
  assert.equal(imported.code, 0, imported.stderr);
  [anon, basic] = await Promise.all([
    startRegistry(path.join(work, 'reg-anon'), { kind: 'none' }),
    startRegistry(path.join(work, 'reg-basic'), { kind: 'htpasswd', username: USER, password: PASSWORD }),
  ]);
  await Promise.all([
    push(`oci:${fx.layout}:debian`, anon, 'shop/web:1.0'),
    push(`oci:${fx.layout}:debian`, basic, 'private/web:1.0', { username: USER, password: PASSWORD }),
  ]);
  archive = path.join(work, 'web.tar');
  run('skopeo', ['copy', '--quiet', `oci:${fx.layout}:debian`, `docker-archive:${archive}:shop/web:1.0`]);
});

after(async () => {
  await Promise.all([anon?.stop(), basic?.stop()]);
  fs.rmSync(work, { recursive: true, force: true });
});

describe('scan --image', () => {
  it('finds the advisories of the installed versions, none at a fixed version, none for removed or whited-out packages', () => {
    const { report, r } = scanJson(['--image', `oci:${fx.layout}:debian`]);
    assert.equal(r.code, 0, r.stderr);
    const v = byId(report.vulnerabilities);
    const found = (id: string, pkg: string, version: string, fixed: string): void => {
      const x = v.get(id);
      assert.ok(x, `${id} is found`);
      assert.deepEqual([x.package.name, x.package.version, x.fixedVersion, x.layer.index], [pkg, version, fixed, 0], id);
      assert.equal(x.image, `oci:${fx.layout}:debian`);
      assert.match(x.imageDigest ?? '', /^sha256:[0-9a-f]{64}$/);
    };
    found('GHSA-35jh-r3h4-6jhm', 'lodash', '4.17.20', '4.17.21');
    found('GHSA-67hx-6x53-jw92', '@babel/traverse', '7.22.5', '7.23.2');
    found('GHSA-rv95-896h-c2vc', 'express', '4.17.1', '4.19.2');
    found('GHSA-hrpp-h998-j3pp', 'qs', '6.7.0', '6.7.3'); // exactly at `introduced`
    found('GHSA-g3rq-g295-4j3m', 'jinja2', '2.11.2', '2.11.3');
    // severities from the CVSS vectors' base scores (AV:L/…/S:C/C:H/I:H/A:H is 8.6)
    assert.equal(v.get('GHSA-67hx-6x53-jw92')!.severity, 'high');
    assert.equal(v.get('GHSA-67hx-6x53-jw92')!.score, 8.6);
    assert.equal(v.get('GHSA-rv95-896h-c2vc')!.severity, 'medium');
    // the fixed version itself, a removed package, a whited-out and an opaque-replaced one: nothing
    assert.ok(!v.has('DSA-5532-1'), 'libssl3 3.0.11-1~deb12u2 is the fixed version of openssl');
    assert.ok(!v.has('DSA-5587-1'), 'curl is removed (deinstall ok config-files)');
    assert.ok(!v.has('GHSA-xvch-5gv4-984h'), 'minimist 1.2.5 was replaced by the fixed 1.2.6 through an opaque directory');
    assert.ok(!report.vulnerabilities.some((x) => x.package.name === 'left-pad'));
    assert.equal(report.images?.length, 1);
    assert.equal(report.images![0]!.os?.id, 'debian');
    assert.deepEqual(report.targets, [{ type: 'image', paths: [`oci:${fx.layout}:debian`] }]);
    // an image-only scan runs no posture control, so nothing is skipped for want of manifests
    assert.equal(report.controls.length, 0);
  });

  it('reads the same image from a registry, a docker save archive and the layout alike', () => {
    const ids = (args: string[]): string[] => scanJson(args).report.vulnerabilities.map((x) => `${x.id} ${x.package.name}`).sort();
    const fromLayout = ids(['--image', `oci:${fx.layout}:debian`]);
    assert.deepEqual(ids(['--image', `${anon.host}/shop/web:1.0`]), fromLayout);
    assert.deepEqual(ids(['--image', `docker-archive:${archive}`]), fromLayout);
  });

  it('reads the image with zstd layers (skopeo --dest-compress-format zstd) as with gzip ones: same packages, same vulnerabilities', () => {
    const zstd = path.join(work, 'zstd-layout');
    run('skopeo', ['copy', '--quiet', '--dest-compress-format', 'zstd', `oci:${fx.layout}:debian`, `oci:${zstd}:debian`]);
    // the copy's layers really are zstd: the manifest says so and each blob starts with the frame magic
    const blob = (dir: string, digest: string): Buffer => fs.readFileSync(path.join(dir, 'blobs/sha256', digest.slice(7)));
    const index = JSON.parse(fs.readFileSync(path.join(zstd, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string }> };
    const manifest = JSON.parse(blob(zstd, index.manifests[0]!.digest).toString()) as { layers: Array<{ mediaType: string; digest: string }> };
    assert.equal(manifest.layers.length, 4);
    for (const l of manifest.layers) {
      assert.equal(l.mediaType, 'application/vnd.oci.image.layer.v1.tar+zstd');
      assert.deepEqual([...blob(zstd, l.digest).subarray(0, 4)], [0x28, 0xb5, 0x2f, 0xfd]);
    }
    const scan = (dir: string): { vulns: string[]; report: ScanReport } => {
      const { report, r } = scanJson(['--image', `oci:${dir}:debian`]);
      assert.equal(r.code, 0, r.stderr);
      return { report, vulns: report.vulnerabilities.map((x) => `${x.id} ${x.package.name}@${x.package.version} layer ${x.layer.index}`).sort() };
    };
    const gzip = scan(fx.layout);
    const zst = scan(zstd);
    assert.ok(gzip.vulns.length >= 5);
    assert.deepEqual(zst.vulns, gzip.vulns);
    assert.equal(zst.report.images?.[0]?.packageCount, gzip.report.images?.[0]?.packageCount);
    const purls = (dir: string): string[] => {
      const r = runCli(['scan', '--db-dir', db, '--image', `oci:${dir}:debian`, '--format', 'cyclonedx'], { env: env(), cwd: work, timeoutMs: 60_000 });
      assert.equal(r.code, 0, r.stderr);
      return (JSON.stringify(JSON.parse(r.stdout).components).match(/pkg:[^"]+/g) ?? []).sort();
    };
    const packages = purls(fx.layout);
    assert.ok(packages.length >= 12);
    assert.deepEqual(purls(zstd), packages);
  });

  it('--fail-on counts vulnerabilities; exceptions naming aliases except the advisories, visibly', () => {
    const gate = scanJson(['--image', `oci:${fx.layout}:debian`, '--fail-on', 'high']);
    assert.equal(gate.r.code, 1);
    assert.match(gate.r.stderr, /gate tripped: --fail-on high/);
    const exceptions = path.join(work, 'exceptions.yaml');
    fs.writeFileSync(exceptions, 'exceptions:\n- vulnerabilities: [CVE-2023-45133, CVE-2021-23337, CVE-2022-24999]\n  reason: "reviewed: not reachable in this service"\n');
    const { report, r } = scanJson(['--image', `oci:${fx.layout}:debian`, '--fail-on', 'high', '--exceptions', exceptions]);
    assert.equal(r.code, 0, r.stderr);
    const babel = byId(report.vulnerabilities).get('GHSA-67hx-6x53-jw92')!;
    assert.equal(babel.status, 'excepted');
    assert.equal(babel.exception?.reason, 'reviewed: not reachable in this service');
    assert.equal(byId(report.vulnerabilities).get('GHSA-rv95-896h-c2vc')!.status, 'failed');
  });

  it('without a database the images are read but not judged: a warning, the report says so, the exit code is unchanged', () => {
    const { report, r } = scanJson(['--image', `oci:${fx.layout}:debian`, '--db-dir', path.join(work, 'no-db'), '--fail-on', 'low']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /not judged: .*palisade db update/);
    assert.ok(report.imagesNotJudged);
    assert.equal(report.vulnerabilities.length, 0);
    assert.equal(report.images?.[0]?.packageCount, 12);
  });

  it('an image that cannot be read is an input error naming it (exit 3); the other images are still judged', () => {
    const { report, r } = scanJson(['--image', `oci:${path.join(work, 'missing')}:x`, '--image', `oci:${fx.layout}:debian`]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^  oci:.*missing:x: /m);
    assert.ok(report.vulnerabilities.length > 0);
  });

  it('sends --registry-username/--registry-password to the named image\'s registry, and never prints the password', () => {
    const ok = scanJson(['--image', `${basic.host}/private/web:1.0`, '--registry-username', USER], { PALISADE_REGISTRY_PASSWORD: PASSWORD });
    assert.equal(ok.r.code, 0, ok.r.stderr);
    assert.ok(ok.report.vulnerabilities.length > 0);
    const none = scanJson(['--image', `${basic.host}/private/web:1.0`]);
    assert.equal(none.r.code, 3);
    const wrong = runCli(['scan', '--db-dir', db, '--image', `${basic.host}/private/web:1.0`, '--registry-username', USER,
      '--registry-password', `${PASSWORD}-wrong`, '--format', 'json'], { env: env(), cwd: work, timeoutMs: 60_000 });
    assert.equal(wrong.code, 3);
    assert.ok(!wrong.stdout.includes(PASSWORD) && !wrong.stderr.includes(PASSWORD), 'the password appears nowhere');
  });

  it('wrong image flags are usage errors before anything is read', () => {
    const cases: Array<[string[], RegExp]> = [
      [['.', '--platform', 'linux/amd64'], /--platform needs images to scan/],
      [['--image', 'oci:x', '--platform', 'linux'], /--platform: expected os\/arch/],
      [['--image', 'nginx', '--registry-username', 'u'], /go together/],
      [['--scan-images', '--registry-username', 'u', '--registry-password', 'p'], /credentials are sent only to the registries of the images named/],
      [['--image', 'Not A Ref!!'], /--image Not A Ref!!: not an image reference/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(['scan', ...args], { env: env(), cwd: work });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });

  it('--format cyclonedx lists the image\'s packages with purls', () => {
    const r = runCli(['scan', '--db-dir', db, '--image', `oci:${fx.layout}:debian`, '--format', 'cyclonedx'], { env: env(), cwd: work, timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    const bom = JSON.parse(r.stdout) as { bomFormat: string; components: Array<{ purl?: string; components?: Array<{ purl?: string }> }> };
    assert.equal(bom.bomFormat, 'CycloneDX');
    const purls = JSON.stringify(bom.components);
    assert.match(purls, /pkg:npm\/lodash@4\.17\.20/);
    assert.match(purls, /pkg:deb\/debian\/libssl3@3\.0\.11-1~deb12u2/);
  });
});

describe('scan --scan-images', () => {
  it('reads each image the workloads run once, and locates its vulnerabilities at the manifests\' image: fields', async () => {
    const dir = path.join(work, 'manifests');
    fs.mkdirSync(dir, { recursive: true });
    const image = `${anon.host}/shop/web:1.0`;
    fs.writeFileSync(path.join(dir, 'web.yaml'), `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: ${image}
      - name: sidecar
        image: ${image}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: report
            image: ${image}
`);
    const r = await runCliAsync(['scan', dir, '--scan-images', '--db-dir', db, '--format', 'json'], { env: env(), cwd: work });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as ScanReport;
    assert.equal(report.images?.length, 1, 'one image, read once');
    assert.equal(report.images![0]!.uses.length, 3);
    const lodash = byId(report.vulnerabilities).get('GHSA-35jh-r3h4-6jhm')!;
    assert.deepEqual(lodash.resources?.sort(), ['apps/v1/shop/Deployment/web', 'batch/v1/shop/CronJob/report']);
    assert.equal(lodash.location?.file, path.join(dir, 'web.yaml'));
    assert.equal(lodash.location?.line, 11);
    // the posture scan ran beside it
    assert.ok(report.controls.length > 0);
    // -n narrows the images read as it narrows the scan
    const other = await runCliAsync(['scan', dir, '--scan-images', '-n', 'billing', '--db-dir', db, '--format', 'json'], { env: env(), cwd: work });
    assert.equal(other.code, 0, other.stderr);
    assert.equal((JSON.parse(other.stdout) as ScanReport).vulnerabilities.length, 0);
    assert.match(other.stderr, /--scan-images: the scanned workloads name no image/);
    const sarif = await runCliAsync(['scan', dir, '--scan-images', '--db-dir', db, '--format', 'sarif'], { env: env(), cwd: work });
    const log = JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations?: Array<{ physicalLocation?: { region?: { startLine?: number } } }> }> }> };
    const hit = log.runs[0]!.results.find((x) => x.ruleId === 'GHSA-35jh-r3h4-6jhm');
    assert.equal(hit?.locations?.[0]?.physicalLocation?.region?.startLine, 11);
  });
});
