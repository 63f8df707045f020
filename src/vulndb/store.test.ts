import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough, zipSync, strToU8 } from 'fflate';
import { dbStatus, importOsv, openDb, DbMissingError, ImportError } from './store.js';
import type { ImagePackage } from '../model/vulnerability.js';
import { ALPINE_CVE_2023_5363, DSA_5532_1, GHSA_35JH, GO_2020_0015, GO_2023_2102, PYSEC_2021_108, REAL_RECORDS, WITHDRAWN } from '../testing/osv-records.js';

function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-vulndb-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function writeRecords(dir: string, records: object[], extra: Record<string, string> = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const r of records) {
    const id = (r as { id: string }).id;
    const sub = path.join(dir, id.split('-')[0]!);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `${id}.json`), JSON.stringify(r));
  }
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const layer = { index: 0, digest: 'sha256:' + '0'.repeat(64) };
const pkg = (p: Partial<ImagePackage> & Pick<ImagePackage, 'name' | 'version' | 'type'>): ImagePackage => ({ path: '/x', layer, ...p });

test('import a directory, then match each ecosystem at, below and above the fix', async () => {
  const root = tmp();
  const src = writeRecords(path.join(root, 'osv'), [...REAL_RECORDS, WITHDRAWN], { 'README.txt': 'not a record' });
  const dbDir = path.join(root, 'db');
  const res = await importOsv(src, { dbDir });
  assert.equal(res.records, REAL_RECORDS.length);
  assert.equal(res.withdrawn, 1);
  assert.equal(res.badCount, 0);
  assert.deepEqual(res.ecosystems.map((e) => e.ecosystem), ['Alpine:v3.18', 'Debian:12', 'Go', 'npm', 'PyPI']);

  const db = openDb(dbDir);
  const packages = [
    // dpkg binary package libssl3 from source openssl: matched on the source name and version
    pkg({ name: 'libssl3', version: '3.0.11-1~deb12u1', sourceName: 'openssl', type: 'deb', ecosystem: 'Debian:12' }),
    pkg({ name: 'libssl3', version: '3.0.11-1~deb12u2', sourceName: 'openssl', type: 'deb', ecosystem: 'Debian:12' }),
    pkg({ name: 'libssl3', version: '3.0.11-1~deb11u2', sourceName: 'openssl', type: 'deb', ecosystem: 'Debian:11' }),
    pkg({ name: 'libcrypto3', version: '3.1.3-r0', sourceName: 'openssl', type: 'apk', ecosystem: 'Alpine:v3.18' }),
    pkg({ name: 'libcrypto3', version: '3.1.4-r0', sourceName: 'openssl', type: 'apk', ecosystem: 'Alpine:v3.18' }),
    pkg({ name: 'lodash', version: '4.17.20', type: 'npm', ecosystem: 'npm' }),
    pkg({ name: 'lodash', version: '4.17.21', type: 'npm', ecosystem: 'npm' }),
    pkg({ name: 'lodash.template', version: '4.5.0', type: 'npm', ecosystem: 'npm' }),
    pkg({ name: 'urllib3', version: '1.26.4', type: 'pypi', ecosystem: 'PyPI' }),
    pkg({ name: 'URLLib3', version: '1.26.5', type: 'pypi', ecosystem: 'PyPI' }),
    pkg({ name: 'golang.org/x/text', version: 'v0.3.2', type: 'golang', ecosystem: 'Go' }),
    pkg({ name: 'golang.org/x/text', version: 'v0.3.3', type: 'golang', ecosystem: 'Go' }),
    pkg({ name: 'stdlib', version: 'go1.21.1', type: 'golang', ecosystem: 'Go' }),
    pkg({ name: 'no-ecosystem', version: '1', type: 'deb' }),
  ];
  const got = db.match(packages).map((m) => [m.package.name, m.package.version, m.id, m.fixedVersion ?? null, m.severity]);
  assert.deepEqual(got, [
    ['libssl3', '3.0.11-1~deb12u1', 'DSA-5532-1', '3.0.11-1~deb12u2', 'unknown'],
    ['libcrypto3', '3.1.3-r0', 'ALPINE-CVE-2023-5363', '3.1.4-r0', 'unknown'],
    ['lodash', '4.17.20', 'GHSA-35jh-r3h4-6jhm', '4.17.21', 'high'],
    ['lodash.template', '4.5.0', 'GHSA-35jh-r3h4-6jhm', null, 'high'],
    ['urllib3', '1.26.4', 'PYSEC-2021-108', '1.26.5', 'unknown'],
    ['golang.org/x/text', 'v0.3.2', 'GO-2020-0015', '0.3.3', 'unknown'],
    ['stdlib', 'go1.21.1', 'GO-2023-2102', '1.21.3', 'unknown'],
  ]);
  const lodash = db.match([packages[5]!])[0]!;
  assert.deepEqual(lodash.aliases, ['CVE-2021-23337']);
  assert.equal(lodash.score, 7.2);
  assert.equal(lodash.cvss, GHSA_35JH.severity![0]!.score);
  assert.equal(lodash.summary, 'Command Injection in lodash');
  assert.equal(lodash.references?.[0], 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337');
  assert.equal(lodash.references?.length, 3);
  const dsa = db.match([packages[0]!])[0]!;
  assert.deepEqual(dsa.upstream, ['CVE-2023-5363']);
  assert.equal(dsa.matchedName, 'openssl');
  assert.equal(db.match([packages[8]!])[0]!.aliases[0], 'CVE-2021-33503', 'CVE first');
  assert.equal(db.hasEcosystem('Debian:12'), true);
  assert.equal(db.hasEcosystem('Debian:11'), false);
  db.close();

  const st = dbStatus(dbDir, new Date(Date.now() + 3 * 86_400_000));
  assert.equal(st.present, true);
  assert.equal(st.ageDays, 3);
  assert.equal(st.ecosystems?.find((e) => e.name === 'Go')?.records, 2);
  assert.equal(st.ecosystems?.find((e) => e.name === 'Go')?.newest, '2024-05-20T16:03:47Z');
  assert.equal(st.ecosystems?.find((e) => e.name === 'npm')?.source, src);
});

test('a zip archive is streamed entry by entry; bad entries are named and counted', async () => {
  const root = tmp();
  const files: Record<string, Uint8Array> = {};
  for (const r of [GHSA_35JH, GO_2020_0015]) files[`${r.id}.json`] = strToU8(JSON.stringify(r));
  files['BROKEN-1.json'] = strToU8('{"id": "BROKEN-1", ');
  files['NOID.json'] = strToU8('{"modified": "2024-01-01T00:00:00Z"}');
  files['BADPKG.json'] = strToU8(JSON.stringify({ id: 'BADPKG', modified: 'x', affected: [{ package: { name: 'x' } }] }));
  files['BADEVENT.json'] = strToU8(JSON.stringify({ id: 'BADEVENT', modified: 'x', affected: [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0', fixed: '1.0.0' }] }] }] }));
  files['notes.txt'] = strToU8('ignored');
  const zip = path.join(root, 'all.zip');
  fs.writeFileSync(zip, zipSync(files));
  const dbDir = path.join(root, 'db');
  const progress: number[] = [];
  const res = await importOsv(zip, { dbDir, onProgress: (p) => progress.push(p.bytesRead ?? -1) });
  assert.equal(res.records, 2);
  assert.equal(res.badCount, 4);
  const bad = Object.fromEntries(res.bad.map((b) => [b.where.slice(zip.length + 1), b.reason]));
  assert.match(bad['BROKEN-1.json']!, /not valid JSON/);
  assert.match(bad['NOID.json']!, /no "id"/);
  assert.match(bad['BADPKG.json']!, /BADPKG: an "affected" package without an ecosystem/);
  assert.match(bad['BADEVENT.json']!, /exactly one of/);
  assert.ok(progress.includes(fs.statSync(zip).size), 'progress reaches the archive size');
  const db = openDb(dbDir);
  assert.equal(db.match([pkg({ name: 'lodash', version: '4.17.15', type: 'npm', ecosystem: 'npm' })]).length, 1);
});

test('a zip of many small records: read whole, however many entries a read chunk holds', async () => {
  const root = tmp();
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < 20_000; i++) {
    files[`GHSA-${i}.json`] = strToU8(JSON.stringify({ id: `GHSA-${i}`, modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: `p${i % 500}` }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }] }] }));
  }
  const zip = path.join(root, 'all.zip');
  fs.writeFileSync(zip, zipSync(files, { level: 9 }));
  const res = await importOsv(zip, { dbDir: path.join(root, 'db') });
  assert.equal(res.records, 20_000);
  assert.equal(res.badCount, 0);
  assert.equal(openDb(path.join(root, 'db')).match([pkg({ name: 'p7', version: '0.9.0', type: 'npm', ecosystem: 'npm' })]).length, 40);
});

test('a zip entry larger than the record limit is refused by its size, not inflated whole', async () => {
  const root = tmp();
  const big = JSON.stringify({ ...GHSA_35JH, id: 'GHSA-big', details: 'x'.repeat(200_000) });
  const zip = path.join(root, 'all.zip');
  fs.writeFileSync(zip, zipSync({ 'GHSA-big.json': strToU8(big), [`${GO_2020_0015.id}.json`]: strToU8(JSON.stringify(GO_2020_0015)) }));
  const res = await importOsv(zip, { dbDir: path.join(root, 'db'), maxRecordBytes: 100_000 });
  assert.equal(res.records, 1);
  assert.deepEqual(res.bad.map((b) => b.reason), ['larger than 100000 bytes']);
});

test('a zip entry whose header lies about its size is stopped at the limit while inflating (zip bomb)', async () => {
  const root = tmp();
  const bomb = strToU8(JSON.stringify({ id: 'BOMB', details: 'x'.repeat(5_000_000) }));
  const zip = Buffer.from(zipSync({ 'BOMB.json': bomb, [`${GO_2020_0015.id}.json`]: strToU8(JSON.stringify(GO_2020_0015)) }, { level: 9 }));
  assert.equal(zip.readUInt32LE(0), 0x04034b50);
  zip.writeUInt32LE(100, 22); // the local header's uncompressed size
  const file = path.join(root, 'bomb.zip');
  fs.writeFileSync(file, zip);
  const res = await importOsv(file, { dbDir: path.join(root, 'db'), maxRecordBytes: 100_000 });
  assert.equal(res.records, 1);
  assert.deepEqual(res.bad, [{ where: `${file}:BOMB.json`, reason: 'larger than 100000 bytes' }]);
});

test('a zip written as a stream (sizes in data descriptors after each entry) imports the same', async () => {
  const root = tmp();
  const chunks: Uint8Array[] = [];
  const z = new Zip((err, chunk) => {
    assert.ifError(err);
    chunks.push(chunk);
  });
  for (const r of [GHSA_35JH, GO_2020_0015, DSA_5532_1]) {
    const f = new ZipDeflate(`${r.id}.json`);
    z.add(f);
    f.push(strToU8(JSON.stringify(r)), true);
  }
  const stored = new ZipPassThrough('notes.txt');
  z.add(stored);
  stored.push(strToU8('not a record'), true);
  z.end();
  const file = path.join(root, 'streamed.zip');
  fs.writeFileSync(file, Buffer.concat(chunks));
  const res = await importOsv(file, { dbDir: path.join(root, 'db') });
  assert.equal(res.records, 3);
  assert.equal(res.badCount, 0);
});

test('a failed import leaves the old database as it was', async () => {
  const root = tmp();
  const dbDir = path.join(root, 'db');
  await importOsv(writeRecords(path.join(root, 'a'), [DSA_5532_1]), { dbDir });
  const before = fs.readFileSync(path.join(dbDir, 'meta.json'), 'utf8');
  // a corrupt archive
  const corrupt = path.join(root, 'corrupt.zip');
  const good = zipSync({ 'GHSA.json': strToU8(JSON.stringify(GHSA_35JH)) }, { level: 9 });
  fs.writeFileSync(corrupt, Buffer.concat([Buffer.from(good.subarray(0, 40)), Buffer.alloc(200, 0xff)]));
  await assert.rejects(importOsv(corrupt, { dbDir }), (e: Error) => e instanceof ImportError && /corrupt\.zip: not a readable zip archive: invalid zip data/.test(e.message));
  const notZip = path.join(root, 'not.zip');
  fs.writeFileSync(notZip, 'hello');
  await assert.rejects(importOsv(notZip, { dbDir }), /neither a directory, a zip archive nor a \.json file/);
  // nothing importable, a missing path
  await assert.rejects(importOsv(writeRecords(path.join(root, 'empty'), [], { 'x.json': '[]' }), { dbDir }), /no OSV records to import .*not a JSON object/);
  await assert.rejects(importOsv(path.join(root, 'missing'), { dbDir }), /no such file or directory/);
  assert.equal(fs.readFileSync(path.join(dbDir, 'meta.json'), 'utf8'), before);
  assert.deepEqual(fs.readdirSync(dbDir).filter((d) => d.startsWith('gen-')).length, 1, 'no generation left behind');
  assert.equal(fs.existsSync(path.join(dbDir, '.lock')), false);
  const db = openDb(dbDir);
  assert.equal(db.match([pkg({ name: 'openssl', version: '3.0.9-1', type: 'deb', ecosystem: 'Debian:12' })]).length, 1);
});

test('a second import replaces the ecosystems it holds and keeps the others', async () => {
  const root = tmp();
  const dbDir = path.join(root, 'db');
  await importOsv(writeRecords(path.join(root, 'a'), [DSA_5532_1, GHSA_35JH]), { dbDir });
  const fixedLater = { ...GHSA_35JH, modified: '2025-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.22' }] }] }] };
  await importOsv(writeRecords(path.join(root, 'b'), [fixedLater]), { dbDir });
  const db = openDb(dbDir);
  const m = db.match([
    pkg({ name: 'lodash', version: '4.17.21', type: 'npm', ecosystem: 'npm' }),
    pkg({ name: 'openssl', version: '3.0.9-1', type: 'deb', ecosystem: 'Debian:12' }),
  ]);
  assert.deepEqual(m.map((x) => [x.id, x.fixedVersion]), [['GHSA-35jh-r3h4-6jhm', '4.17.22'], ['DSA-5532-1', '3.0.11-1~deb12u2']]);
  assert.equal(fs.readdirSync(dbDir).filter((d) => d.startsWith('gen-')).length, 2, 'Debian:12 still in the first generation');
  // replaceFamilies (db update of "Debian"): every Debian:* goes, even when the download has none of it
  await importOsv(writeRecords(path.join(root, 'c'), [GO_2020_0015]), { dbDir, replaceFamilies: ['Debian', 'Go'] });
  assert.deepEqual(dbStatus(dbDir).ecosystems?.map((e) => e.name), ['Go', 'npm']);
  assert.equal(fs.readdirSync(dbDir).filter((d) => d.startsWith('gen-')).length, 2, 'the first generation is removed once unused');
});

test('the same id twice: the newer modified wins', async () => {
  const root = tmp();
  const older = { ...GO_2020_0015, modified: '2020-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'Go', name: 'golang.org/x/text' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.3.0' }] }] }] };
  const src = path.join(root, 'src');
  fs.mkdirSync(path.join(src, 'a'), { recursive: true });
  fs.mkdirSync(path.join(src, 'b'), { recursive: true });
  fs.writeFileSync(path.join(src, 'a', 'GO-2020-0015.json'), JSON.stringify(GO_2020_0015));
  fs.writeFileSync(path.join(src, 'b', 'GO-2020-0015.json'), JSON.stringify(older));
  const res = await importOsv(src, { dbDir: path.join(root, 'db') });
  assert.equal(res.duplicates, 1);
  const m = openDb(path.join(root, 'db')).match([pkg({ name: 'golang.org/x/text', version: 'v0.3.2', type: 'golang', ecosystem: 'Go' })]);
  assert.deepEqual(m.map((x) => x.fixedVersion), ['0.3.3']);
});

test('no database: openDb and dbStatus say so', () => {
  const dbDir = path.join(tmp(), 'db');
  assert.throws(() => openDb(dbDir), DbMissingError);
  const st = dbStatus(dbDir);
  assert.equal(st.present, false);
  assert.match(st.reason!, /no vulnerability database in/);
  fs.mkdirSync(dbDir);
  fs.writeFileSync(path.join(dbDir, 'meta.json'), JSON.stringify({ format: 1, importedAt: 'x', ecosystems: { npm: { dir: '../../etc', file: 'passwd' } } }));
  assert.throws(() => openDb(dbDir), /no valid file names/, 'file names of meta.json stay inside the database');
});

test('names such as __proto__ are keys like any other, in the index and among ecosystems', async () => {
  const root = tmp();
  const dbDir = path.join(root, 'db');
  const odd = { id: 'GHSA-odd', modified: '2024-01-01T00:00:00Z', affected: [
    { package: { ecosystem: 'npm', name: '__proto__' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }] },
    { package: { ecosystem: 'npm', name: 'constructor' }, versions: ['0.1.0'] },
  ] };
  await importOsv(writeRecords(path.join(root, 'a'), [odd]), { dbDir });
  const db = openDb(dbDir);
  const m = db.match([
    pkg({ name: '__proto__', version: '0.5.0', type: 'npm', ecosystem: 'npm' }),
    pkg({ name: 'constructor', version: '0.1.0', type: 'npm', ecosystem: 'npm' }),
    pkg({ name: 'toString', version: '0.1.0', type: 'npm', ecosystem: 'npm' }),
    pkg({ name: 'x', version: '0.1.0', type: 'npm', ecosystem: '__proto__' }),
    pkg({ name: 'x', version: '0.1.0', type: 'npm', ecosystem: 'hasOwnProperty' }),
  ]);
  assert.deepEqual(m.map((x) => [x.package.name, x.fixedVersion ?? null]), [['__proto__', '1.0.0'], ['constructor', null]]);
});

test('a --db-dir given by mistake: only generation directories Palisade made are ever removed', async () => {
  const root = tmp();
  const dbDir = path.join(root, 'home');
  fs.mkdirSync(path.join(dbDir, 'gen-mine'), { recursive: true });
  await importOsv(writeRecords(path.join(root, 'a'), [GO_2020_0015]), { dbDir });
  await importOsv(writeRecords(path.join(root, 'b'), [GO_2020_0015]), { dbDir });
  assert.ok(fs.existsSync(path.join(dbDir, 'gen-mine')));
  assert.equal(fs.readdirSync(dbDir).filter((d) => /^gen-[0-9a-z]+-[0-9a-f]{8}$/.test(d)).length, 1);
});

test('only the packages asked for are read', async () => {
  const root = tmp();
  const dbDir = path.join(root, 'db');
  await importOsv(writeRecords(path.join(root, 'a'), [ALPINE_CVE_2023_5363, PYSEC_2021_108, GO_2023_2102]), { dbDir });
  const db = openDb(dbDir);
  // no Go package asked for: the Go index is never opened (removing it changes nothing)
  const goMeta = db.meta.ecosystems.Go!;
  fs.rmSync(path.join(dbDir, goMeta.dir, `${goMeta.file}.idx.json`));
  assert.equal(db.match([pkg({ name: 'urllib3', version: '1.0', type: 'pypi', ecosystem: 'PyPI' })]).length, 1);
  assert.throws(() => db.match([pkg({ name: 'stdlib', version: 'go1.20.1', type: 'golang', ecosystem: 'Go' })]), /ENOENT/);
});
