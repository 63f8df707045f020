// The blob cache: content-addressed files under <cacheDir>/sha256/<hex>. A blob is written to a
// temporary file in the same directory while it is hashed, and renamed into place only when its
// digest is the one expected, so the cache never holds a wrong or a half-written blob under a
// digest's name. Blobs pass through as streams; nothing here holds one whole. A blob's mtime is
// the time it was last used (written, or reused by a scan): `palisade cache prune` removes the
// least recently used first (cache-prune.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ReadError } from './errors.js';

const SHA256 = /^sha256:([a-f0-9]{64})$/;
/** A cached blob's file name: its digest's 64 lowercase hex characters. */
export const BLOB_NAME = /^[a-f0-9]{64}$/;
/** A blob being written: `.tmp-<pid>-<12 hex>`; one a crashed scan left behind is pruned after an hour. */
export const TEMP_NAME = /^\.tmp-\d+-[a-f0-9]{12}$/;

/**
 * Marks a cached blob as used now (its mtime), so that pruning by age or size keeps what scans
 * still use. One utimensat(2) per blob read, not per chunk. A copy that cannot be touched (another
 * user's, or one just removed) is read all the same: only its use goes unrecorded.
 */
function touch(file: string): void {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // see above: not an error of the read
  }
}

export function digestHex(digest: string): string {
  const m = SHA256.exec(digest);
  if (!m) throw new ReadError(`unsupported digest "${digest.slice(0, 80)}" (only sha256)`);
  return m[1]!;
}

export function sha256(data: Buffer): string {
  return `sha256:${crypto.createHash('sha256').update(data).digest('hex')}`;
}

/** Hashes what passes through and fails the stream when it outgrows `maxBytes` or, at its end, when the digest differs. */
export class Verifier extends Transform {
  private readonly hash = crypto.createHash('sha256');
  size = 0;
  digest = '';
  constructor(private readonly what: string, private readonly expected: string | undefined, private readonly maxBytes: number,
    private readonly onMismatch?: () => void) {
    super();
  }
  private removed(): string {
    return this.onMismatch ? ': the cached copy was removed, it will be fetched again' : '';
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      this.onMismatch?.();
      done(new ReadError(`${this.what} is larger than ${this.maxBytes} bytes${this.removed()}`));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    this.digest = `sha256:${this.hash.digest('hex')}`;
    if (this.expected !== undefined && this.digest !== this.expected) {
      this.onMismatch?.();
      done(new ReadError(`${this.what} does not match its digest (expected ${this.expected}, got ${this.digest})${this.removed()}`));
      return;
    }
    done();
  }
}

export class BlobCache {
  constructor(readonly dir: string) {}

  path(digest: string): string {
    return path.join(this.dir, 'sha256', digestHex(digest));
  }

  has(digest: string): boolean {
    try {
      return fs.statSync(this.path(digest)).isFile();
    } catch {
      return false;
    }
  }

  /**
   * Writes a stream into the cache. With `expected`, the blob must have that digest; without
   * (a blob of an archive that names it by path only), it is stored under the digest it has.
   */
  async put(what: string, source: Readable, expected: string | undefined, maxBytes: number): Promise<{ digest: string; size: number }> {
    const dir = path.join(this.dir, 'sha256');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // named as TEMP_NAME matches, so that `palisade cache prune` knows one a crashed scan left behind
    const tmp = path.join(dir, `.tmp-${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
    const verifier = new Verifier(what, expected, maxBytes);
    try {
      await pipeline(source, verifier, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      fs.renameSync(tmp, path.join(dir, digestHex(verifier.digest)));
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    return { digest: verifier.digest, size: verifier.size };
  }

  /** Whether the cached copy is there and still has its digest; a changed copy is removed (and fetched again by the caller). */
  async check(digest: string, maxBytes = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    if (!this.has(digest)) return false;
    try {
      await verifyFile(this.path(digest), digest, maxBytes, `cached blob ${digest}`);
      // reused: recorded now, before the caller opens it, so that a prune by age between the two keeps it
      touch(this.path(digest));
      return true;
    } catch {
      fs.rmSync(this.path(digest), { force: true });
      return false;
    }
  }

  /**
   * A cached blob as a stream, verified again as it is read (the cache is a directory anyone with
   * the user's rights can change); a copy that no longer matches is removed. The file is opened
   * here, synchronously: a copy that is gone (`palisade cache prune` ran meanwhile) throws its
   * ENOENT now, and once open it can be read whole whatever removes its name (unlink(2)).
   */
  open(digest: string, what: string, maxBytes = Number.MAX_SAFE_INTEGER): Readable {
    const file = this.path(digest);
    const fd = fs.openSync(file, 'r');
    const verifier = new Verifier(what, digest, maxBytes, () => fs.rmSync(file, { force: true }));
    touch(file);
    const source = fs.createReadStream(file, { fd });
    source.on('error', (e) => verifier.destroy(e));
    return source.pipe(verifier);
  }
}

/** Reads a stream whole, failing beyond `maxBytes` (for manifests and configs, never for layers). */
export async function readBounded(stream: AsyncIterable<Buffer | Uint8Array>, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > maxBytes) throw new ReadError(`${what} is larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** Hashes a file through (bounded): fails unless it has the digest. Run before a layer is parsed, so that a damaged blob is named as such. */
export async function verifyFile(file: string, digest: string, maxBytes: number, what: string): Promise<void> {
  const verifier = new Verifier(what, digest, maxBytes);
  await pipeline(fs.createReadStream(file), verifier, async (source: AsyncIterable<Buffer>) => {
    for await (const _ of source) {
      // only hashed
    }
  });
}
