import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { BlobCache, readBounded, sha256 } from './cache.js';

let dir: string;
before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-cache-')); });
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('blob cache', () => {
  it('stores a blob under its digest once it matches, and reads it back verified', async () => {
    const cache = new BlobCache(path.join(dir, 'a'));
    const data = Buffer.from('hello layer');
    const d = sha256(data);
    assert.deepEqual(await cache.put('blob', Readable.from([data.subarray(0, 3), data.subarray(3)]), d, 100), { digest: d, size: data.length });
    assert.equal(fs.readFileSync(path.join(dir, 'a/sha256', d.slice(7)), 'utf8'), 'hello layer');
    assert.equal(await cache.check(d), true);
    assert.equal((await readBounded(cache.open(d, 'blob'), 100, 'blob')).toString(), 'hello layer');
  });

  it('keeps nothing when the digest or the size is wrong', async () => {
    const cache = new BlobCache(path.join(dir, 'b'));
    const wrong = `sha256:${'0'.repeat(64)}`;
    await assert.rejects(cache.put('blob x', Readable.from([Buffer.from('abc')]), wrong, 100), /blob x does not match its digest \(expected sha256:0{64}, got sha256:[a-f0-9]{64}\)/);
    await assert.rejects(cache.put('blob y', Readable.from([Buffer.from('abcdef')]), undefined, 3), /blob y is larger than 3 bytes/);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'b/sha256')), []);
  });

  it('removes a cached copy that no longer matches', async () => {
    const cache = new BlobCache(path.join(dir, 'c'));
    const data = Buffer.from('original');
    const d = sha256(data);
    await cache.put('blob', Readable.from([data]), d, 100);
    fs.writeFileSync(cache.path(d), 'changed!');
    assert.equal(await cache.check(d), false);
    assert.equal(cache.has(d), false);
    await cache.put('blob', Readable.from([data]), d, 100);
    fs.writeFileSync(cache.path(d), 'changed!');
    await assert.rejects(readBounded(cache.open(d, 'blob z'), 100, 'blob z'), /blob z does not match its digest .*the cached copy was removed/);
    assert.equal(cache.has(d), false);
  });

  it('marks a blob used (its mtime) when a scan checks or reads it again', async () => {
    const cache = new BlobCache(path.join(dir, 'd'));
    const data = Buffer.from('reused');
    const d = sha256(data);
    await cache.put('blob', Readable.from([data]), d, 100);
    const old = new Date(Date.now() - 90 * 86_400_000);
    fs.utimesSync(cache.path(d), old, old);
    assert.equal(await cache.check(d), true);
    assert.ok(Date.now() - fs.statSync(cache.path(d)).mtimeMs < 60_000, 'check touches it');
    fs.utimesSync(cache.path(d), old, old);
    assert.equal((await readBounded(cache.open(d, 'blob'), 100, 'blob')).toString(), 'reused');
    assert.ok(Date.now() - fs.statSync(cache.path(d)).mtimeMs < 60_000, 'open touches it');
  });

  it('opens a blob at once: one that is gone throws ENOENT, one removed once open is still read whole', async () => {
    const cache = new BlobCache(path.join(dir, 'e'));
    const data = Buffer.from('still readable after unlink');
    const d = sha256(data);
    assert.throws(() => cache.open(d, 'blob'), (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT');
    await cache.put('blob', Readable.from([data]), d, 100);
    const stream = cache.open(d, 'blob');
    fs.rmSync(cache.path(d));
    assert.equal((await readBounded(stream, 100, 'blob')).toString(), 'still readable after unlink');
  });

  it('refuses digests other than sha256', () => {
    assert.throws(() => new BlobCache(dir).path('sha512:abc'), /unsupported digest "sha512:abc" \(only sha256\)/);
    assert.throws(() => new BlobCache(dir).path('sha256:../../etc'), /unsupported digest/);
  });
});
