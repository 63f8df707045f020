// `palisade db import` and `db status` through the built CLI, on OSV records of real advisories
// written as a directory tree and as a zip archive built here with fflate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { runCli, tempDir, writeTree } from './support/cli.js';
import { ALPINE_CVE_2023_5363, DSA_5532_1, GHSA_35JH, GO_2020_0015, GO_2023_2102, PYSEC_2021_108, WITHDRAWN } from '../src/testing/osv-records.js';
import { openDb } from '../src/vulndb/store.js';

const json = (r: object) => JSON.stringify(r, null, 2);

test('db import DIR, then db status (pretty and json)', () => {
  const root = tempDir();
  writeTree(root, {
    'osv/debian/DSA-5532-1.json': json(DSA_5532_1),
    'osv/alpine/ALPINE-CVE-2023-5363.json': json(ALPINE_CVE_2023_5363),
    'osv/npm/GHSA-35jh-r3h4-6jhm.json': json(GHSA_35JH),
    'osv/npm/GHSA-xxxx-withdrawn.json': json(WITHDRAWN),
    'osv/pypi/PYSEC-2021-108.json': json(PYSEC_2021_108),
    'osv/go/GO-2020-0015.json': json(GO_2020_0015),
    'osv/go/GO-2023-2102.json': json(GO_2023_2102),
  });
  const dbDir = path.join(root, 'db');
  const imp = runCli(['db', 'import', path.join(root, 'osv'), '--db-dir', dbDir]);
  assert.equal(imp.stderr, '');
  assert.equal(imp.code, 0);
  assert.match(imp.stdout, new RegExp(`^Imported 6 OSV records into ${dbDir} \\(skipped: 1 withdrawn\\)$`, 'm'));
  assert.match(imp.stdout, /^ {2}Go +2 records +3 packages$/m);
  assert.match(imp.stdout, /^ {2}Debian:12 +1 records +1 packages$/m);

  const st = runCli(['db', 'status', '--db-dir', dbDir]);
  assert.equal(st.code, 0);
  assert.match(st.stdout, /^Updated \S+ \(today\)$/m);
  assert.match(st.stdout, /^ {2}Alpine:v3\.18 +1 +1 +2024-06-15T12:31:03Z +\/\S+\/osv$/m);
  assert.match(st.stdout, /^6 records in 5 ecosystem\(s\)$/m);
  assert.match(st.stdout, /^ {2}npm +1 +3 +2024-02-16T08:23:46Z /m, 'GHSA-35jh-r3h4-6jhm names three npm packages');
  const js = JSON.parse(runCli(['db', 'status', '--db-dir', dbDir, '--format', 'json']).stdout);
  assert.equal(js.present, true);
  assert.equal(js.records, 6);
  assert.equal(js.stale, false);
  assert.equal(js.ageDays, 0);
  assert.deepEqual(js.ecosystems.map((e: { name: string; records: number }) => [e.name, e.records]), [['Alpine:v3.18', 1], ['Debian:12', 1], ['Go', 2], ['npm', 1], ['PyPI', 1]]);
});

test('db status: an old database is called stale, with what to run', () => {
  const root = tempDir();
  writeTree(root, { 'osv/GO-2020-0015.json': json(GO_2020_0015) });
  const dbDir = path.join(root, 'db');
  assert.equal(runCli(['db', 'import', path.join(root, 'osv'), '--db-dir', dbDir, '--quiet']).stdout, '');
  const metaFile = path.join(dbDir, 'meta.json');
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
  meta.importedAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
  fs.writeFileSync(metaFile, JSON.stringify(meta));
  const st = runCli(['db', 'status', '--db-dir', dbDir]);
  assert.match(st.stdout, /^Updated \S+ \(10 day\(s\) ago\) — older than 7 days: run `palisade db update`$/m);
  const js = JSON.parse(runCli(['db', 'status', '--db-dir', dbDir, '--format', 'json']).stdout);
  assert.equal(js.ageDays, 10);
  assert.equal(js.stale, true);
  fs.writeFileSync(metaFile, '{"format": 99}');
  assert.match(runCli(['db', 'status', '--db-dir', dbDir]).stdout, /^No usable vulnerability database: .*meta\.json is not a Palisade vulnerability database of format 1$/m);
});

test('db import ZIP through $PALISADE_CACHE_DIR; bad records named on stderr, exit 3, the good ones imported', () => {
  const root = tempDir();
  const zip = path.join(root, 'all.zip');
  fs.writeFileSync(zip, zipSync({
    'GHSA-35jh-r3h4-6jhm.json': strToU8(json(GHSA_35JH)),
    'PYSEC-2021-108.json': strToU8(json(PYSEC_2021_108)),
    'BROKEN.json': strToU8('{"id": "BROKEN", "affected": ['),
    // a name built to move the cursor: printed escaped
    'EVIL\u001b[2J.json': strToU8('[]'),
  }));
  const env = { PALISADE_CACHE_DIR: path.join(root, 'cache') };
  const imp = runCli(['db', 'import', zip], { env });
  assert.equal(imp.code, 3);
  assert.match(imp.stderr, new RegExp(`^palisade: db: bad record: ${zip.replace(/[.]/g, '\\.')}:BROKEN\\.json: not valid JSON`, 'm'));
  assert.match(imp.stderr, /EVIL\\x1b\[2J\.json: not a JSON object$/m);
  assert.doesNotMatch(imp.stderr, /\u001b/);
  assert.match(imp.stdout, /^Imported 2 OSV records into .*cache\/db \(skipped: 2 bad\)$/m);
  // the database is where the cache dir says, and it matches
  const db = openDb(path.join(root, 'cache', 'db'));
  const m = db.match([{ name: 'urllib3', version: '1.26.4', type: 'pypi', ecosystem: 'PyPI', path: '/usr/lib/python3/dist-packages/urllib3-1.26.4.dist-info/METADATA', layer: { index: 1, digest: 'sha256:' + 'a'.repeat(64) } }]);
  assert.deepEqual(m.map((x) => [x.id, x.fixedVersion]), [['PYSEC-2021-108', '1.26.5']]);
  const st = runCli(['db', 'status', '--format', 'json'], { env });
  assert.equal(JSON.parse(st.stdout).records, 2);
});

test('db status without a database says what to run; db import of nothing usable changes nothing', () => {
  const root = tempDir();
  const dbDir = path.join(root, 'db');
  const st = runCli(['db', 'status', '--db-dir', dbDir]);
  assert.equal(st.code, 0);
  assert.match(st.stdout, /^No vulnerability database in .*\/db\.$/m);
  assert.match(st.stdout, /palisade db update/);
  assert.match(st.stdout, /palisade db import PATH/);
  const js = JSON.parse(runCli(['db', 'status', '--db-dir', dbDir, '--format', 'json']).stdout);
  assert.equal(js.present, false);
  assert.match(js.hint, /palisade db update/);

  writeTree(root, { 'junk/a.json': '{"not": "osv"}' });
  const imp = runCli(['db', 'import', path.join(root, 'junk'), '--db-dir', dbDir]);
  assert.equal(imp.code, 3);
  assert.match(imp.stderr, /no OSV records to import .*no "id"/);
  assert.match(imp.stderr, /the database was not changed/);
  assert.equal(fs.existsSync(path.join(dbDir, 'meta.json')), false);
  const missing = runCli(['db', 'import', path.join(root, 'nope'), '--db-dir', dbDir]);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /nope: no such file or directory/);
  assert.equal(runCli(['db', 'import', '--db-dir', dbDir]).code, 2, 'no path is a usage error');
  assert.equal(runCli(['db', 'status', '--db-dir', dbDir, '--format', 'xml']).code, 2);
});
