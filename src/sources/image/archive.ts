// Reads a tar archive (a `docker save` or an OCI layout in a tar) in one pass: its small metadata
// files are kept in memory, every other file goes into the blob cache under the digest it has (a
// `blobs/sha256/<hex>` file must have that digest). The archive is never held whole.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { BlobCache } from './cache.js';
import { ReadError } from './errors.js';
import { entryPath } from './layers.js';
import { MAX_MANIFEST_BYTES } from './manifest.js';

const BLOB_NAME = /^\/blobs\/sha256\/([a-f0-9]{64})$/;
const METADATA = /^\/(manifest\.json|index\.json|oci-layout|repositories|[^/]+\.json)$/;

export interface ArchiveFiles {
  /** Metadata files by path inside the archive (without the leading /). */
  small: Map<string, Buffer>;
  /** Every other regular file: path → digest of its bytes in the cache. */
  blobs: Map<string, string>;
}

export async function readArchive(file: string, cache: BlobCache, signal?: AbortSignal): Promise<ArchiveFiles> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    throw new ReadError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!stat.isFile()) throw new ReadError(`${file} is not a file`);
  const small = new Map<string, Buffer>();
  const blobs = new Map<string, string>();
  const extract = tar.extract();
  const done = pipeline(fs.createReadStream(file, signal ? { signal } : {}), extract)
    .catch((e: unknown) => { throw new ReadError(`${file} is not a readable tar archive: ${(e as Error).message}`); });
  done.catch(() => undefined);
  try {
    for await (const entry of extract) {
      const p = entryPath(entry.header.name);
      if (p === undefined || (entry.header.type !== 'file' && entry.header.type !== 'contiguous-file')) {
        entry.resume();
        continue;
      }
      const name = p.slice(1);
      if (METADATA.test(p)) {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const c of entry) {
          size += (c as Buffer).length;
          if (size > MAX_MANIFEST_BYTES) throw new ReadError(`${file}: ${name} is larger than ${MAX_MANIFEST_BYTES} bytes`);
          chunks.push(c as Buffer);
        }
        small.set(name, Buffer.concat(chunks));
        continue;
      }
      const m = BLOB_NAME.exec(p);
      const expected = m ? `sha256:${m[1]}` : undefined;
      const { digest } = await cache.put(`${file}: ${name}`, Readable.from(entry as AsyncIterable<Buffer>), expected, Number.MAX_SAFE_INTEGER);
      blobs.set(name, digest);
    }
  } catch (err) {
    // the reading loop's own error, unless the stream's failure (a digest, a bad tar) says more
    const failed: unknown = await done.then(() => undefined, (e: unknown) => e);
    throw err instanceof ReadError || !(failed instanceof ReadError) ? err : failed;
  }
  await done;
  return { small, blobs };
}
