import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateAffected, inRange } from './osv.js';
import type { OsvRange } from './osv.js';
import { DSA_5532_1, GHSA_35JH, GO_2020_0015, GO_2023_2102, PYSEC_2021_108 } from '../testing/osv-records.js';

const eco = (events: OsvRange['events']): OsvRange => ({ type: 'ECOSYSTEM', events });

test('introduced "0" and fixed: affected below the fix, not at it', () => {
  const a = DSA_5532_1.affected![0]!;
  assert.deepEqual(evaluateAffected('3.0.11-1~deb12u1', a, 'Debian:12'), { affected: true, fixed: '3.0.11-1~deb12u2' });
  assert.deepEqual(evaluateAffected('1:0.1', a, 'Debian:12'), { affected: false }, 'an epoch puts it above the fix');
  assert.deepEqual(evaluateAffected('3.0.11-1~deb12u2', a, 'Debian:12'), { affected: false });
  assert.deepEqual(evaluateAffected('3.0.11-1', a, 'Debian:12'), { affected: false });
  assert.deepEqual(evaluateAffected('0.9.8', a, 'Debian:12'), { affected: true, fixed: '3.0.11-1~deb12u2' });
});

test('introduced is inclusive, fixed exclusive, last_affected inclusive', () => {
  const r = eco([{ introduced: '1.2.0' }, { fixed: '1.4.0' }]);
  assert.equal(inRange('1.1.9', r, 'npm')?.affected, false);
  assert.equal(inRange('1.2.0', r, 'npm')?.affected, true);
  assert.equal(inRange('1.3.99', r, 'npm')?.affected, true);
  assert.equal(inRange('1.4.0-rc.1', r, 'npm')?.affected, true, 'a prerelease of the fix is below it');
  assert.equal(inRange('1.4.0', r, 'npm')?.affected, false);
  const la = GHSA_35JH.affected![2]!;
  assert.deepEqual(evaluateAffected('4.5.0', la, 'npm'), { affected: true }, 'last_affected itself is affected, with no fix');
  assert.deepEqual(evaluateAffected('4.5.1', la, 'npm'), { affected: false });
});

test('several introduced/fixed pairs in one range (release branches), the fix of the branch applies', () => {
  const stdlib = GO_2023_2102.affected![0]!;
  assert.deepEqual(evaluateAffected('go1.20.9', stdlib, 'Go'), { affected: true, fixed: '1.20.10' });
  assert.deepEqual(evaluateAffected('go1.20.10', stdlib, 'Go'), { affected: false });
  assert.deepEqual(evaluateAffected('go1.20.12', stdlib, 'Go'), { affected: false }, 'fixed on 1.20 and not re-introduced before 1.21.0-0');
  assert.deepEqual(evaluateAffected('go1.21rc2', stdlib, 'Go'), { affected: true, fixed: '1.21.3' }, '1.21.0-0 is below the 1.21 release candidates');
  assert.deepEqual(evaluateAffected('go1.21.2', stdlib, 'Go'), { affected: true, fixed: '1.21.3' });
  assert.deepEqual(evaluateAffected('go1.21.3', stdlib, 'Go'), { affected: false });
  assert.deepEqual(evaluateAffected('go1.22.0', stdlib, 'Go'), { affected: false });
});

test('events are sorted before evaluation (the schema does not require an order)', () => {
  const shuffled = eco([{ fixed: '2.0.0' }, { introduced: '1.5.0' }, { fixed: '1.2.0' }, { introduced: '0' }]);
  assert.deepEqual(inRange('1.1.0', shuffled, 'npm'), { affected: true, fixed: '1.2.0' });
  assert.deepEqual(inRange('1.3.0', shuffled, 'npm'), { affected: false });
  assert.deepEqual(inRange('1.5.0', shuffled, 'npm'), { affected: true, fixed: '2.0.0' });
});

test('Go SEMVER ranges match v-prefixed module versions and pseudo-versions', () => {
  const a = GO_2020_0015.affected![0]!;
  assert.deepEqual(evaluateAffected('v0.3.2', a, 'Go'), { affected: true, fixed: '0.3.3' });
  assert.deepEqual(evaluateAffected('v0.0.0-20190308202827-9d24e82272b4', a, 'Go'), { affected: true, fixed: '0.3.3' });
  assert.deepEqual(evaluateAffected('v0.3.3', a, 'Go'), { affected: false });
  assert.deepEqual(evaluateAffected('v0.3.4-0.20200826142016-a8b467125457', a, 'Go'), { affected: false });
});

test('limit: only versions below a limit are in the range; "*" is no limit', () => {
  const r = eco([{ introduced: '1.0.0' }, { limit: '2.0.0' }]);
  assert.equal(inRange('1.9.9', r, 'npm')?.affected, true);
  assert.equal(inRange('2.0.0', r, 'npm')?.affected, false);
  assert.equal(inRange('3.0.0', r, 'npm')?.affected, false);
  assert.equal(inRange('3.0.0', eco([{ introduced: '1.0.0' }, { limit: '*' }]), 'npm')?.affected, true);
});

test('versions: an exact list, used besides the ranges', () => {
  const a = { versions: ['1.25.11', '1.26.4'] };
  assert.deepEqual(evaluateAffected('1.26.4', a, 'PyPI'), { affected: true });
  assert.deepEqual(evaluateAffected('1.26.3', a, 'PyPI'), { affected: false }, 'not listed and no range');
  assert.deepEqual(evaluateAffected('v1.2.3', { versions: ['1.2.3'] }, 'Go'), { affected: true }, 'Go lists versions without the v');
  assert.deepEqual(evaluateAffected('2.0', { versions: ['2.0'] }, 'Maven'), { affected: true }, 'an ecosystem without an ordering still has exact versions');
});

test('GIT ranges are ignored; the ECOSYSTEM range beside them decides', () => {
  const a = PYSEC_2021_108.affected![0]!;
  assert.deepEqual(evaluateAffected('1.26.4', a, 'PyPI'), { affected: true, fixed: '1.26.5' });
  assert.deepEqual(evaluateAffected('1.26.5', a, 'PyPI'), { affected: false });
  assert.equal(inRange('1.0', a.ranges![0]!, 'PyPI'), undefined);
});

test('what cannot be evaluated is not a match: unknown ordering, invalid versions', () => {
  assert.equal(inRange('1.0', eco([{ introduced: '0' }]), 'Maven'), undefined);
  assert.equal(inRange('not a version', eco([{ introduced: '0' }, { fixed: '1.0.0' }]), 'npm'), undefined);
  assert.equal(inRange('1.0.0', eco([{ introduced: '0' }, { fixed: 'garbage' }]), 'npm'), undefined);
  assert.deepEqual(evaluateAffected('not a version', { ranges: [eco([{ introduced: '0' }])] }, 'npm'), { affected: false });
});

test('several ranges including the version: the lowest fix applies', () => {
  const a = { ranges: [eco([{ introduced: '0' }, { fixed: '1.5.0' }]), eco([{ introduced: '1.0.0' }, { fixed: '1.2.0' }])] };
  assert.deepEqual(evaluateAffected('1.1.0', a, 'npm'), { affected: true, fixed: '1.2.0' });
  assert.deepEqual(evaluateAffected('1.3.0', a, 'npm'), { affected: true, fixed: '1.5.0' });
});
