import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cvssBaseScore, cvssRating, severityOf, severityWord } from './severity.js';
import { DSA_5532_1, GHSA_35JH } from '../testing/osv-records.js';

test('CVSS qualitative scale (v3.1 §5): the band edges', () => {
  const cases: [number, string][] = [[10, 'critical'], [9.0, 'critical'], [8.9, 'high'], [7.0, 'high'], [6.9, 'medium'], [4.0, 'medium'], [3.9, 'low'], [0.1, 'low'], [0, 'unknown']];
  for (const [score, want] of cases) assert.equal(cvssRating(score), want, String(score));
});

test('CVSS base scores from the specifications\' own examples', () => {
  // CVSS v3.1 User Guide / NVD: the "critical" network vector scores 9.8
  assert.equal(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), 9.8);
  assert.equal(cvssBaseScore('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), 9.8);
  // CVE-2021-23337 as GHSA-35jh-r3h4-6jhm scores it
  assert.equal(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H'), 7.2);
  // CVSS v4.0: all base impacts high, network, no privileges: 9.3
  assert.equal(cvssBaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), 9.3);
  assert.equal(cvssBaseScore('CVSS:3.1/AV:N'), undefined, 'an incomplete vector has no base score');
  assert.equal(cvssBaseScore('garbage'), undefined);
  assert.equal(cvssBaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P'), undefined, 'CVSS v2 is not used');
});

test('a record with a CVSS vector: severity, score and vector kept', () => {
  assert.deepEqual(severityOf(GHSA_35JH), { severity: 'high', score: 7.2, cvss: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' });
});

test('CVSS v4.0 wins over v3.1 in the same record', () => {
  const r = severityOf({ severity: [
    { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' },
    { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
  ] });
  assert.equal(r.severity, 'critical');
  assert.equal(r.score, 9.3);
});

test('a broken vector falls through to the database\'s word', () => {
  const r = severityOf({ severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N' }], database_specific: { severity: 'MODERATE' } });
  assert.deepEqual(r, { severity: 'medium' });
});

test('GHSA words, Ubuntu priorities, Debian urgencies', () => {
  assert.equal(severityWord('CRITICAL'), 'critical');
  assert.equal(severityWord('MODERATE'), 'medium');
  assert.equal(severityWord('low'), 'low');
  assert.equal(severityWord('medium**'), 'medium');
  assert.equal(severityWord('not yet assigned'), undefined);
  assert.equal(severityWord(3), undefined);
  assert.deepEqual(severityOf({ severity: [{ type: 'Ubuntu', score: 'negligible' }] }), { severity: 'low' });
  assert.deepEqual(severityOf({}, [{ ecosystem_specific: { urgency: 'high' } }]), { severity: 'high' });
  assert.deepEqual(severityOf({}, [{ ecosystem_specific: { urgency: 'not yet assigned' } }]), { severity: 'unknown' });
  assert.deepEqual(severityOf({}, [{ ecosystem_specific: { severity: 'HIGH' } }]), { severity: 'high' });
});

test('no source at all: unknown (a DSA record carries no severity)', () => {
  assert.deepEqual(severityOf(DSA_5532_1, DSA_5532_1.affected), { severity: 'unknown' });
});
