import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { withDbLock, DbBusyError } from './lock.js';

function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-lock-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('one import at a time: a lock held by a live process refuses, and the lock is released after', async () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, '.lock'), String(process.ppid));
  await assert.rejects(withDbLock(dir, async () => 1), (e: Error) => e instanceof DbBusyError && new RegExp(`pid ${process.ppid}`).test(e.message));
  assert.equal(fs.readFileSync(path.join(dir, '.lock'), 'utf8'), String(process.ppid), 'someone else\'s lock is left alone');
  fs.rmSync(path.join(dir, '.lock'));
  assert.equal(await withDbLock(dir, async () => {
    assert.equal(fs.readFileSync(path.join(dir, '.lock'), 'utf8'), String(process.pid));
    return 2;
  }), 2);
  assert.equal(fs.existsSync(path.join(dir, '.lock')), false);
  await assert.rejects(withDbLock(dir, async () => { throw new Error('boom'); }), /boom/);
  assert.equal(fs.existsSync(path.join(dir, '.lock')), false, 'released on failure too');
});

test('a lock left by a process that is gone is taken over', async () => {
  const dir = tmp();
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  fs.writeFileSync(path.join(dir, '.lock'), gone.stdout);
  assert.equal(await withDbLock(dir, async () => 'ok'), 'ok');
});
