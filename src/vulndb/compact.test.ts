import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactRecord, cveFirst } from './compact.js';
import { GHSA_35JH, PYSEC_2021_108, WITHDRAWN, ALPINE_CVE_2023_5363 } from '../testing/osv-records.js';

test('one entry per (ecosystem, package), with only what matching and reports need', () => {
  const r = compactRecord(GHSA_35JH);
  assert.equal(r.kind, 'entries');
  if (r.kind !== 'entries') return;
  assert.deepEqual(r.entries.map((e) => [e.ecosystem, e.key]), [['npm', 'lodash'], ['npm', 'lodash-es'], ['npm', 'lodash.template']]);
  const e = r.entries[0]!.entry;
  assert.deepEqual(Object.keys(e).sort(), ['affected', 'aliases', 'cvss', 'id', 'modified', 'name', 'references', 'score', 'severity', 'summary']);
  assert.deepEqual(e.affected, [{ ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }]);
});

test('GIT ranges are dropped, versions kept; PyPI names normalised for lookup, kept as written', () => {
  const r = compactRecord({ ...PYSEC_2021_108, affected: [{ ...PYSEC_2021_108.affected![0]!, package: { ecosystem: 'PyPI', name: 'URLlib_3' } }] });
  assert.equal(r.kind, 'entries');
  if (r.kind !== 'entries') return;
  const p = r.entries[0]!;
  assert.equal(p.key, 'urllib-3');
  assert.equal(p.entry.name, 'URLlib_3');
  assert.deepEqual(p.entry.affected[0]!.ranges!.map((x) => x.type), ['ECOSYSTEM']);
  assert.deepEqual(p.entry.affected[0]!.versions, ['1.25.11', '1.26.0', '1.26.4']);
  assert.deepEqual(p.entry.aliases, ['CVE-2021-33503', 'GHSA-q2q7-5pp4-w6pg']);
});

test('the summary: `summary`, else the first line of `details`, at most 300 characters', () => {
  const r = compactRecord(ALPINE_CVE_2023_5363);
  assert.equal(r.kind === 'entries' && r.entries[0]!.entry.summary, 'Issue summary: A bug has been identified in the processing of key and initialisation vector (IV) lengths.');
  const long = compactRecord({ id: 'X', modified: 'm', details: 'y'.repeat(1000), affected: [{ package: { ecosystem: 'npm', name: 'a' }, versions: ['1.0.0'] }] });
  assert.equal(long.kind === 'entries' && long.entries[0]!.entry.summary!.length, 300);
});

test('references: http(s) only, advisories first, three at most, no duplicates', () => {
  const r = compactRecord({ id: 'X', modified: 'm', affected: [{ package: { ecosystem: 'npm', name: 'a' }, versions: ['1.0.0'] }], references: [
    { type: 'WEB', url: 'https://a.example' }, { type: 'WEB', url: 'javascript:alert(1)' }, { type: 'ADVISORY', url: 'https://adv.example' },
    { type: 'WEB', url: 'https://a.example' }, { type: 'FIX', url: 'http://fix.example' }, { type: 'WEB', url: 'https://d.example' },
  ] });
  assert.deepEqual(r.kind === 'entries' && r.entries[0]!.entry.references, ['https://adv.example', 'https://a.example', 'http://fix.example']);
});

test('withdrawn, nothing to match, and malformed records', () => {
  assert.deepEqual(compactRecord(WITHDRAWN), { kind: 'withdrawn', id: 'GHSA-xxxx-withdrawn' });
  assert.deepEqual(compactRecord({ id: 'GIT-ONLY', modified: 'm', affected: [{ ranges: [{ type: 'GIT', repo: 'r', events: [{ introduced: 'abc' }] }] }] }), { kind: 'no-packages', id: 'GIT-ONLY' });
  assert.deepEqual(compactRecord({ id: 'NO-AFFECTED', modified: 'm' }), { kind: 'no-packages', id: 'NO-AFFECTED' });
  const bad: [unknown, RegExp][] = [
    [null, /not a JSON object/], [[], /not a JSON object/], [{ id: 3 }, /no "id"/], [{ id: ' ' }, /no "id"/],
    [{ id: 'A', affected: {} }, /"affected" is not an array/],
    [{ id: 'A', affected: [7] }, /an "affected" entry is not an object/],
    [{ id: 'A', affected: [{ package: { ecosystem: 'npm' } }] }, /without an ecosystem and a name/],
    [{ id: 'A', affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: {} }] }, /ranges is not an array/],
    [{ id: 'A', affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER' }] }] }, /without a type or events/],
    [{ id: 'A', affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER', events: [{}] }] }] }, /exactly one of/],
    [{ id: 'A', affected: [{ package: { ecosystem: 'npm', name: 'a' }, versions: '1.0' }] }, /versions is not an array/],
  ];
  for (const [raw, reason] of bad) {
    const r = compactRecord(raw);
    assert.equal(r.kind, 'bad', JSON.stringify(raw));
    assert.match(r.kind === 'bad' ? r.reason : '', reason);
  }
});

test('CVE ids first, the rest in order', () => {
  assert.deepEqual(cveFirst(['GHSA-1', 'CVE-2', 'PYSEC-3', 'CVE-1']), ['CVE-2', 'CVE-1', 'GHSA-1', 'PYSEC-3']);
});
