import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareDpkgVersions, dpkg, parseDpkg, verrevcmp } from './dpkg.js';

const v = (epoch: number, upstream: string, revision: string) => ({ epoch, upstream, revision });

// dpkg lib/dpkg/t/t-version.c, test_version_compare()
test('dpkg: t-version.c test_version_compare', () => {
  assert.equal(compareDpkgVersions(v(0, '', ''), v(0, '', '')), 0);
  assert.notEqual(compareDpkgVersions(v(1, '', ''), v(2, '', '')), 0);
  assert.notEqual(compareDpkgVersions(v(0, '1', '1'), v(0, '2', '1')), 0);
  assert.notEqual(compareDpkgVersions(v(0, '1', '1'), v(0, '1', '2')), 0);
  // version equality
  assert.equal(compareDpkgVersions(v(0, '0', '0'), v(0, '0', '0')), 0);
  assert.equal(compareDpkgVersions(v(0, '0', '00'), v(0, '00', '0')), 0);
  assert.equal(compareDpkgVersions(v(1, '2', '3'), v(1, '2', '3')), 0);
  // epoch difference
  assert.ok(compareDpkgVersions(v(0, '0', '0'), v(1, '0', '0')) < 0);
  assert.ok(compareDpkgVersions(v(1, '0', '0'), v(0, '0', '0')) > 0);
  // version component difference
  assert.ok(compareDpkgVersions(v(0, 'a', '0'), v(0, 'b', '0')) < 0);
  assert.ok(compareDpkgVersions(v(0, 'b', '0'), v(0, 'a', '0')) > 0);
  // revision component difference
  assert.ok(compareDpkgVersions(v(0, '0', 'a'), v(0, '0', 'b')) < 0);
  assert.ok(compareDpkgVersions(v(0, '0', 'b'), v(0, '0', 'a')) > 0);
});

// t-version.c test_version_parse(): what parses, into which parts
test('dpkg: t-version.c test_version_parse, the versions that parse', () => {
  const cases: [string, ReturnType<typeof v>][] = [
    ['0', v(0, '0', '')],
    ['0:0', v(0, '0', '')],
    ['0:0-0', v(0, '0', '0')],
    ['0:0.0-0.0', v(0, '0.0', '0.0')],
    // epoched versions
    ['1:0', v(1, '0', '')],
    ['5:1', v(5, '1', '')],
    // multiple hyphens: the revision is after the last one
    ['0:0-0-0', v(0, '0-0', '0')],
    ['0:0-0-0-0', v(0, '0-0-0', '0')],
    // multiple colons: the epoch is before the first one
    ['0:0:0-0', v(0, '0:0', '0')],
    ['0:0:0:0-0', v(0, '0:0:0', '0')],
    ['0:0:0-0-0', v(0, '0:0-0', '0')],
    ['0:0-0:0-0', v(0, '0-0:0', '0')],
    // the characters Policy allows in an upstream version and a revision
    ['0:09azAZ.-+~:_-0', v(0, '09azAZ.-+~:_', '0')],
    ['0:0-azAZ09.+~_', v(0, '0', 'azAZ09.+~_')],
    // blanks around the version are skipped
    ['  0:0-1  ', v(0, '0', '1')],
  ];
  for (const [text, want] of cases) assert.deepEqual(parseDpkg(text), want, text);
});

test('dpkg: t-version.c test_version_parse, the versions dpkg refuses', () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['  ', /empty/],
    ['0:', /nothing after colon/],
    [':1.0', /epoch in version is empty/],
    ['1.0-', /revision number is empty/],
    ['0:0 0-1', /embedded spaces/],
    ['-1:0-1', /negative/],
    ['999999999999999999999999:0-1', /too big/],
    ['a:0-0', /not number/],
    ['A:0-0', /not number/],
  ];
  for (const [text, want] of cases) {
    const p = parseDpkg(text);
    assert.ok('error' in p, `${JSON.stringify(text)} should not parse`);
    assert.match(p.error, want, text);
    assert.equal(dpkg.valid(text), false);
    assert.throws(() => dpkg.compare(text, '1.0'), /invalid Debian version/);
  }
  // "bad syntax" in t-version.c is a warning: dpkg --compare-versions still compares these
  for (const text of ['0:abc3-0', '0:0!-0', '0:0-!#']) assert.equal(dpkg.valid(text), true, text);
});

// Debian Policy §5.6.12: "~~, ~~a, ~, the empty part, a" sort in that order
test('dpkg: Policy 5.6.12 tilde example', () => {
  const order = ['~~', '~~a', '~', '', 'a'];
  for (let i = 0; i + 1 < order.length; i++) {
    assert.ok(verrevcmp(order[i]!, order[i + 1]!) < 0, `${order[i]} < ${order[i + 1]}`);
    assert.ok(verrevcmp(order[i + 1]!, order[i]!) > 0);
  }
  const full = ['1.0~~', '1.0~~a', '1.0~', '1.0', '1.0a'];
  for (let i = 0; i + 1 < full.length; i++) assert.equal(dpkg.compare(full[i]!, full[i + 1]!), -1, `${full[i]} < ${full[i + 1]}`);
});

test('dpkg: Policy 5.6.12 rules, one at a time', () => {
  const lt: [string, string][] = [
    ['1.0~rc1', '1.0'], // ~ before the end
    ['1.0a', '1.0+'], // letters sort earlier than non-letters
    ['1.0+', '1.0.'], // non-letters by their ASCII value
    ['2.4', '2.30'], // numerically, not lexically
    ['1.0-1', '1.0-2'],
    ['9:1.0', '10:0.1'], // the epoch first
    ['2.0', '1:1.0'],
    ['1.0', '1.0-1'],
    // real Debian 12 openssl security updates (DSA-5532-1 fixed 3.0.11-1~deb12u2)
    ['3.0.11-1~deb12u1', '3.0.11-1~deb12u2'],
    ['3.0.11-1~deb12u2', '3.0.11-1'],
    ['3.0.11-1~deb12u2', '3.0.13-1~deb12u1'],
  ];
  for (const [a, b] of lt) {
    assert.equal(dpkg.compare(a, b), -1, `${a} < ${b}`);
    assert.equal(dpkg.compare(b, a), 1, `${b} > ${a}`);
  }
  // a missing revision is an empty one, and an all-zero number is 0
  assert.equal(dpkg.compare('1.0', '1.0-0'), 0);
  assert.equal(dpkg.compare('1.002', '1.2'), 0);
  assert.equal(dpkg.compare('0:1.0', '1.0'), 0);
});
