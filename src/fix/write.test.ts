// replaceFile: the file is replaced only while it still holds what the edit was made from, through
// a new temporary file beside it, keeping its mode; on any refusal nothing is left behind.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { readForFix } from './read.js';
import { CHANGED, replaceFile } from './write.js';

function fileIn(content: string, mode = 0o644): { dir: string; file: string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-write-')));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'pod.yaml');
  fs.writeFileSync(file, content);
  fs.chmodSync(file, mode);
  return { dir, file };
}

describe('replaceFile', () => {
  it('replaces the file, keeping its exact mode, and leaves no temporary file', () => {
    for (const mode of [0o664, 0o600, 0o640]) {
      const { dir, file } = fileIn('hostPID: true\n', mode);
      const ino = fs.statSync(file).ino;
      assert.deepEqual(replaceFile(file, Buffer.from('hostPID: true\n'), 'hostPID: false\n'), { written: true });
      assert.equal(fs.readFileSync(file, 'utf8'), 'hostPID: false\n');
      assert.equal(fs.statSync(file).mode & 0o7777, mode, mode.toString(8));
      assert.notEqual(fs.statSync(file).ino, ino, 'a new file renamed over the old one');
      assert.deepEqual(fs.readdirSync(dir), ['pod.yaml']);
    }
  });

  it('does not write a file that changed since it was read', () => {
    const { dir, file } = fileIn('hostPID: true\n');
    fs.appendFileSync(file, 'appended: by someone else\n');
    assert.deepEqual(replaceFile(file, Buffer.from('hostPID: true\n'), 'hostPID: false\n'), { written: false, reason: CHANGED });
    assert.equal(fs.readFileSync(file, 'utf8'), 'hostPID: true\nappended: by someone else\n');
    assert.deepEqual(fs.readdirSync(dir), ['pod.yaml']);
  });

  it('does not write through a symlink or a FIFO put in the file\'s place, nor recreate a removed file', () => {
    const { dir, file } = fileIn('hostPID: true\n');
    const victim = path.join(dir, 'victim');
    fs.writeFileSync(victim, 'hostPID: true\n');
    fs.rmSync(file);
    fs.symlinkSync(victim, file);
    const linked = replaceFile(file, Buffer.from('hostPID: true\n'), 'hostPID: false\n');
    assert.equal(linked.written, false);
    assert.match((linked as { reason: string }).reason, /replaced by a symlink/);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'hostPID: true\n');
    assert.ok(fs.lstatSync(file).isSymbolicLink());

    fs.rmSync(file);
    assert.deepEqual(replaceFile(file, Buffer.from('hostPID: true\n'), 'x'), { written: false, reason: 'it or its directory was removed while fixing' });
    assert.ok(!fs.existsSync(file));
    assert.deepEqual(fs.readdirSync(dir), ['victim']);

    if (spawnSync('mkfifo', [file]).status !== 0) return;
    assert.deepEqual(replaceFile(file, Buffer.from('hostPID: true\n'), 'x'), { written: false, reason: 'it is no longer a regular file' });
    assert.deepEqual(readForFix(file), { refused: 'it is no longer a regular file; not edited' }, 'opened without waiting for a writer');
  });

  it('names a directory on the path that became a symlink', () => {
    const { dir, file } = fileIn('a: 1\n');
    const moved = `${dir}-moved`;
    fs.renameSync(dir, moved);
    fs.symlinkSync(moved, dir);
    process.on('exit', () => fs.rmSync(moved, { recursive: true, force: true }));
    const r = replaceFile(file, Buffer.from('a: 1\n'), 'a: 2\n');
    assert.deepEqual(r, { written: false, reason: 'a directory on its path is now a symlink' });
    assert.equal(fs.readFileSync(path.join(moved, 'pod.yaml'), 'utf8'), 'a: 1\n');
    fs.rmSync(dir);
  });
});
