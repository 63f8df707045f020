import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apk, compareApk, validApk } from './apk.js';

// Pairs in the form of apk-tools' test/version.data ("a OP b" per line), checked both ways.
const PAIRS = `
2.34 > 0.1.0_alpha
1.0 < 1.0bc
0.1.0_alpha = 0.1.0_alpha
0.1.0_alpha < 0.1.3_alpha
0.1.0_alpha2 > 0.1.0_alpha
0.1.0_alpha < 0.1.0_beta
0.1.0_beta < 0.1.0_beta2
0.1.0_beta < 0.1.0_pre
0.1.0_pre < 0.1.0_rc
0.1.0_rc < 0.1.0
0.1.0 < 0.1.0_cvs
0.1.0_cvs < 0.1.0_svn
0.1.0_svn < 0.1.0_git
0.1.0_git < 0.1.0_hg
0.1.0_hg < 0.1.0_p
0.1.0_p < 0.1.0_p1
0.1.0_p1 < 0.1.0_p2
0.1.0_rc1 < 0.1.0_rc2
0.1.0_rc9 < 0.1.0_rc10
1.0 < 1.0-r1
1.0-r1 < 1.0-r2
1.0-r9 < 1.0-r10
1.0_rc1-r5 < 1.0
1.0-r5 < 1.0_p1
1.0 < 1.0.0
1.0 < 1.0a
1.0a < 1.0b
1.0z < 1.0.1
1.9 < 1.10
1.01 < 1.1
1.001 < 1.01
1.0 < 1.01
3.0.13-r0 < 3.1.4-r5
3.1.4-r5 < 3.1.4-r6
1.2.3_git20230101-r0 > 1.2.3-r9
1.2.3_alpha1_p2 < 1.2.3_alpha2
`;

test('apk: version.data style pairs', () => {
  const lines = PAIRS.trim().split('\n');
  assert.ok(lines.length > 30);
  for (const line of lines) {
    const [a, op, b] = line.split(' ') as [string, string, string];
    const want = op === '<' ? -1 : op === '>' ? 1 : 0;
    assert.equal(compareApk(a, b), want, line);
    assert.equal(compareApk(b, a), want === 0 ? 0 : -want, `reverse of ${line}`);
  }
});

// apk_version_validate(): digits, one letter, suffixes with numbers, one -rN at the end
test('apk: valid and invalid versions', () => {
  for (const ok of ['1', '1.0', '1.0a', '1.0_alpha', '1.0_alpha1', '1.0_alpha1_p2', '1.0-r0', '1.0_rc1-r12', '20230101', '3.0.13-r0', '1.2.3_git20230101-r0']) {
    assert.equal(validApk(ok), true, ok);
  }
  for (const bad of ['', '1.0-foo', '1.0_foo', '1.0-r1a', '1.0a.1', '1.0bc', '1.0A', '1.0-r1.2', '1.0_alpha.1']) {
    assert.equal(validApk(bad), false, bad);
    assert.equal(apk.valid(bad), false, bad);
  }
});

test('apk: the comparator interface signs', () => {
  assert.equal(apk.compare('3.1.4-r5', '3.1.4-r6'), -1);
  assert.equal(apk.compare('3.1.4-r6', '3.1.4-r6'), 0);
  assert.equal(apk.canonical('1.0-r1'), '1.0-r1');
});
