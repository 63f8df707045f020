// Palisade's own files (--config, --exceptions) are read within a bound: a device is refused, an
// endless pipe stops at 16 MiB, and each is a usage error (exit 2) naming the file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runShell } from './support/shell.js';

const POD = path.join('examples', 'insecure');

describe('config and exceptions files are read within a bound', () => {
  it('--config /dev/zero is refused at once as a device, exit 2', () => {
    const r = runShell(`palisade scan ${POD} --config /dev/zero`);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /cannot read config file \/dev\/zero: not a regular file: \/dev\/zero is a character device/);
  });

  it('an endless pipe as --exceptions stops at the limit, exit 2', () => {
    const r = runShell(`yes 'exceptions: []' 2>/dev/null | palisade scan ${POD} --exceptions /dev/stdin`);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /cannot read exceptions file \/dev\/stdin: .*over the 16\.0 MiB limit: reading stopped there\n/);
  });

  it('a config from process substitution (a pipe) is read', () => {
    const r = runShell(`printf 'gates: {failOn: critical}\\n' | palisade scan ${POD} --format json --config /dev/stdin`);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).summary);
  });
});
