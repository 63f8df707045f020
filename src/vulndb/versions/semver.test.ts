import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goSemver, npmSemver, osvSemver } from './semver.js';

function assertAscending(cmp: { compare(a: string, b: string): number }, list: string[]): void {
  for (let i = 0; i < list.length; i++) {
    for (let j = 0; j < list.length; j++) {
      assert.equal(cmp.compare(list[i]!, list[j]!), Math.sign(i - j), `${list[i]} vs ${list[j]}`);
    }
  }
}

// SemVer 2.0.0 §11: the precedence examples, in order
const SEMVER_11 = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0'];

test('npm: SemVer 2.0.0 §11 precedence', () => {
  assertAscending(npmSemver, SEMVER_11);
  // §11.2: 1.0.0 < 2.0.0 < 2.1.0 < 2.1.1
  assertAscending(npmSemver, ['1.0.0', '2.0.0', '2.1.0', '2.1.1']);
  // §10: build metadata does not figure in precedence
  assert.equal(npmSemver.compare('1.0.0+20130313144700', '1.0.0'), 0);
  assert.equal(npmSemver.compare('1.0.0-beta+exp.sha.5114f85', '1.0.0-beta'), 0);
});

test('npm: validity (npm reads package.json versions in semver\'s loose mode: a v, leading zeros)', () => {
  assert.equal(npmSemver.valid('4.17.21'), true);
  assert.equal(npmSemver.valid('v1.2.3'), true);
  assert.equal(npmSemver.compare('01.2.3', '1.2.3'), 0);
  for (const bad of ['1.2', 'latest', '']) assert.equal(npmSemver.valid(bad), false, bad);
  assert.throws(() => npmSemver.compare('latest', '1.0.0'), /invalid SemVer version "latest"/);
});

test('Go: v-prefixed SemVer, with or without the v OSV drops', () => {
  assertAscending(goSemver, SEMVER_11.map((v) => `v${v}`));
  assert.equal(goSemver.compare('v1.2.3', '1.2.3'), 0);
  // x/mod/semver: v1 and v1.2 are shorthands for v1.0.0 and v1.2.0
  assert.equal(goSemver.compare('v1', 'v1.0.0'), 0);
  assert.equal(goSemver.compare('v1.2', 'v1.2.0'), 0);
  assert.equal(goSemver.valid('v1.2-pre'), false);
  assert.equal(goSemver.valid('v01.2.3'), false);
  assert.equal(goSemver.valid('v1.2.3.4'), false);
  // +incompatible is build metadata: v2.0.0+incompatible is v2.0.0
  assert.equal(goSemver.compare('v2.0.0+incompatible', '2.0.0'), 0);
  assert.equal(goSemver.compare('v2.0.0+incompatible', '2.0.1'), -1);
  assert.equal(goSemver.canonical('v1.2.3'), '1.2.3');
});

// Go Modules Reference, "Pseudo-versions": vX.0.0-yyyymmddhhmmss-abcdef (no base),
// vX.Y.Z-pre.0.yyyymmddhhmmss-abcdef, vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdef: prereleases of the next version
test('Go: pseudo-versions order as SemVer prereleases', () => {
  assertAscending(goSemver, [
    'v0.0.0-20191109021931-daa7c04131f5',
    'v0.0.0-20200101000000-abcdefabcdef',
    'v0.0.1',
    'v1.2.3',
    'v1.2.4-0.20191109021931-daa7c04131f5',
    'v1.2.4-0.20210101000000-0123456789ab',
    'v1.2.4',
  ]);
  assertAscending(goSemver, ['v1.2.3-pre', 'v1.2.3-pre.0.20191109021931-daa7c04131f5', 'v1.2.3']);
});

test('Go: the toolchain versions of stdlib (go1.22.1, go1.22rc1)', () => {
  assertAscending(goSemver, ['go1.21.13', 'go1.22rc1', 'go1.22', 'go1.22.1', '1.22.2']);
  assert.equal(goSemver.canonical('go1.22.1'), '1.22.1');
});

test('OSV SEMVER ranges: SemVer 2.0.0 with the v tolerated', () => {
  assertAscending(osvSemver, SEMVER_11);
  assert.equal(osvSemver.compare('v1.4.0', '1.4.0'), 0);
  assert.equal(osvSemver.valid('1.4'), false);
});
