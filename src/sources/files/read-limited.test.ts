import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAndParse } from './parse-file.js';
import { readFileLimited, readStdinLimited } from './read-limited.js';
import { expandPaths } from './walk.js';

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-read-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('readFileLimited', () => {
  it('reads a file of exactly the limit, and refuses one byte more by its size', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'at.yaml'), 'a: 1\n');
    fs.writeFileSync(path.join(dir, 'over.yaml'), 'a: 12\n');
    const at = readFileLimited(path.join(dir, 'at.yaml'), 5, { pipes: false });
    assert.ok('bytes' in at);
    assert.equal(at.bytes.toString(), 'a: 1\n');
    const over = readFileLimited(path.join(dir, 'over.yaml'), 5, { pipes: false });
    assert.ok('refused' in over);
    assert.match(over.refused.message, /^file is 0\.0 MiB, over the 0\.0 MiB limit/);
  });

  it('reads a file larger than one chunk whole', () => {
    const file = path.join(tempDir(), 'big.yaml');
    const text = 'k: v\n'.repeat(600_000); // 3 MB
    fs.writeFileSync(file, text);
    const read = readFileLimited(file, 50 << 20, { pipes: false });
    assert.ok('bytes' in read);
    assert.equal(read.bytes.toString(), text);
  });

  it('refuses a named pipe found in a directory without opening it (opening would wait for a writer)', () => {
    const file = path.join(tempDir(), 'pipe.yaml');
    assert.equal(spawnSync('mkfifo', [file]).status, 0);
    const read = readFileLimited(file, 1 << 20, { pipes: false });
    assert.deepEqual(read, { refused: { message: `not a regular file: ${file} is a named pipe; not read` } });
  });

  it('refuses a device', () => {
    assert.deepEqual(readFileLimited('/dev/null', 1 << 20, { pipes: true }), {
      refused: { message: 'not a regular file: /dev/null is a character device; not read' },
    });
  });
});

describe('readStdinLimited', () => {
  it('reads a file standing for standard input, within the limit', () => {
    const file = path.join(tempDir(), 'in.yaml');
    fs.writeFileSync(file, 'a: 1\n'.repeat(10));
    const fd = fs.openSync(file, 'r');
    const again = fs.openSync(file, 'r');
    try {
      const read = readStdinLimited(1000, fd);
      assert.ok('bytes' in read);
      assert.equal(read.bytes.length, 50);
      assert.deepEqual(readStdinLimited(10, again), {
        refused: { message: 'standard input is over the 0.0 MiB limit: reading stopped there; not scanned (raise it with --max-file-size)' },
      });
    } finally {
      fs.closeSync(fd);
      fs.closeSync(again);
    }
  });

  it('refuses /dev/null, which is what a closed standard input reads as', () => {
    const fd = fs.openSync('/dev/null', 'r');
    try {
      const read = readStdinLimited(1000, fd);
      assert.ok('refused' in read);
      assert.match(read.refused.message, /^standard input is closed or is a character device/);
    } finally {
      fs.closeSync(fd);
    }
  });
});

describe('files that cannot be read name the file, and no line', () => {
  it('a file deleted between the walk and the read', () => {
    const file = path.join(tempDir(), 'gone.yaml');
    assert.deepEqual(readAndParse(file, 1 << 20), { refused: { message: `no such file or directory: ${file}` } });
  });

  it('a symlink loop named on the command line, and a dangling link in a directory', () => {
    const dir = tempDir();
    fs.symlinkSync('self.yaml', path.join(dir, 'self.yaml'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.symlinkSync('missing.yaml', path.join(dir, 'sub', 'dangling.yaml'));
    const { inputs, errors } = expandPaths([path.join(dir, 'self.yaml'), path.join(dir, 'sub')]);
    assert.deepEqual(inputs, []);
    assert.deepEqual(errors, [
      { file: path.join(dir, 'self.yaml'), message: `symlink loop: ${path.join(dir, 'self.yaml')} (too many levels of symbolic links)` },
      { file: path.join(dir, 'sub', 'dangling.yaml'), message: `no such file or directory: ${path.join(dir, 'sub', 'dangling.yaml')}` },
    ]);
  });
});
