// Applies an image's layers in order, as the OCI image spec's layer.md says a runtime does, and
// keeps only the files the cataloguers want. Whiteouts (layer.md "Whiteouts"):
//   `.wh.<name>`   <name> (and everything under it) from the lower layers is gone;
//   `.wh..wh..opq` the directory holding it is opaque: its lower layers' children are gone;
// whiteouts hide lower layers only, never an entry of their own layer. An entry that is not a
// directory replaces whatever the lower layers had at its path, a directory included ("Changesets":
// a path's type may change). Each file kept remembers the layer that last wrote it.
// Layers are read through tar-stream as streams (gzip through zlib, zstd through zstd.ts); a kept file is at most MAX_FILE_BYTES, and every
// ELF regular file is streamed through the Go build-info scanner without being kept.
import { createGunzip } from 'node:zlib';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { LayerRef } from '../../model/vulnerability.js';
import { Verifier } from './cache.js';
import { ReadError } from './errors.js';
import { GoScanner, type GoBuildInfo } from './catalog/go-buildinfo.js';
import { isZstd, ZstdDecompress } from './zstd.js';

export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** All kept files together: past this the rest are skipped with a warning. */
export const MAX_KEPT_BYTES = 512 * 1024 * 1024;
const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

export interface LayerInput {
  ref: LayerRef;
  mediaType: string;
  /** The layer blob, verified against its digest as it is read. */
  open(): Promise<Readable>;
}

export interface FileRecord {
  /** Absolute path in the image: `/var/lib/dpkg/status`. */
  path: string;
  layer: LayerRef;
  data?: Buffer;
  go?: GoBuildInfo;
}

/** A tar entry name as an absolute, normalised path, or undefined when it steps outside the root. */
export function entryPath(name: string): string | undefined {
  const parts: string[] = [];
  for (const p of name.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') return undefined;
    parts.push(p);
  }
  return parts.length ? `/${parts.join('/')}` : undefined;
}

function dirname(p: string): string {
  return p.slice(0, p.lastIndexOf('/')) || '/';
}

function under(p: string, dir: string): boolean {
  return dir === '/' ? p !== '/' : p.startsWith(`${dir}/`);
}

const GZIP = [0x1f, 0x8b];

/**
 * Chooses the decompression by the first bytes, as containerd's archive/compression
 * DetectCompression does (gzip 1f 8b; a zstd frame's magic 28 b5 2f fd or a skippable frame's),
 * else by the media type (`…tar+zstd`), else none: a docker save has no media types.
 */
async function decompressed(blob: Readable, mediaType: string, layer: string): Promise<Readable[]> {
  const it = blob[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  // at least 4 bytes to tell, however the blob is cut into chunks
  const head: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < 4) {
    const n = await it.next();
    if (n.done) {
      ended = true;
      break;
    }
    head.push(n.value);
    length += n.value.length;
  }
  const start = Buffer.concat(head);
  const rest = Readable.from((async function* () {
    if (start.length) yield start;
    if (ended) return;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  })(), { objectMode: false });
  if (GZIP.every((b, i) => start[i] === b)) return [rest, createGunzip()];
  if (isZstd(start) || /zstd/.test(mediaType)) {
    return [rest, new ZstdDecompress(layer)];
  }
  return [rest];
}

/**
 * Ends a tar stream with its last block's padding and the two zero blocks that mark the end of an
 * archive (POSIX ustar), when the writer left them out: umoci 0.4.7 (Debian 12's) closes the gzip
 * stream of `umoci insert` layers without closing the tar writer. GNU tar pads archives with zero
 * records too, so zeros after a complete archive change nothing. The layer's content was already
 * checked against its digests (and diff_id) before this point.
 */
class TarEnd extends Transform {
  private size = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    done(null, Buffer.alloc((512 - (this.size % 512)) % 512 + 1024));
  }
}

interface LayerState {
  pending: Map<string, FileRecord>;
  whiteouts: string[];
  opaque: string[];
  /** Paths this layer wrote with something other than a directory. */
  replaced: string[];
  /** Directories this layer wrote: a lower layer's file at one of these paths is gone, what is under it stays. */
  dirs: string[];
}

export interface ApplyOptions {
  wants(path: string): boolean;
  warn(message: string): void;
  signal?: AbortSignal;
}

export async function applyLayers(layers: LayerInput[], opts: ApplyOptions): Promise<Map<string, FileRecord>> {
  const state = new Map<string, FileRecord>();
  let kept = 0;
  for (const layer of layers) {
    opts.signal?.throwIfAborted();
    const ls: LayerState = { pending: new Map(), whiteouts: [], opaque: [], replaced: [], dirs: [] };
    const what = `layer ${layer.ref.index} (${layer.ref.digest})`;
    const blob = await layer.open();
    const streams = await decompressed(blob, layer.mediaType, what);
    // The uncompressed layer must be the config's rootfs.diff_ids entry (image-spec config.md).
    if (layer.ref.diffId?.startsWith('sha256:')) streams.push(new Verifier(`${what} uncompressed`, layer.ref.diffId, Number.MAX_SAFE_INTEGER));
    streams.push(new TarEnd());
    const extract = tar.extract();
    const done = pipeline([...streams, extract]).catch((e: unknown) => {
      throw e instanceof ReadError ? e : new ReadError(`${what} is not a readable layer: ${(e as Error).message}`);
    });
    done.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
    try {
      await readEntries(extract, layer.ref, ls, state, opts, what, () => kept, (n) => { kept += n; });
    } catch (err) {
      // the reading loop's own error, unless the stream's failure (a digest, a bad tar) says more
      const failed: unknown = await done.then(() => undefined, (e: unknown) => e);
      throw err instanceof ReadError || !(failed instanceof ReadError) ? err : failed;
    }
    await done;
    commit(state, ls);
  }
  return state;
}

async function readEntries(extract: tar.Extract, ref: LayerRef, ls: LayerState, state: Map<string, FileRecord>, opts: ApplyOptions,
  what: string, kept: () => number, keep: (n: number) => void): Promise<void> {
  const layer = { ref };
  {
    for await (const entry of extract) {
      const h = entry.header;
      const p = entryPath(h.name);
      if (p === undefined) {
        entry.resume();
        continue;
      }
      const base = p.slice(p.lastIndexOf('/') + 1);
      if (base === OPAQUE) {
        ls.opaque.push(dirname(p));
        entry.resume();
        continue;
      }
      if (base.startsWith(WHITEOUT)) {
        ls.whiteouts.push(`${dirname(p) === '/' ? '' : dirname(p)}/${base.slice(WHITEOUT.length)}`);
        entry.resume();
        continue;
      }
      if (h.type !== 'directory') ls.replaced.push(p);
      else ls.dirs.push(p);
      ls.pending.delete(p);
      if (h.type === 'link' && h.linkname) {
        // A hard link: the same content as its target, written by this layer.
        const target = entryPath(h.linkname);
        const from = target !== undefined ? ls.pending.get(target) ?? state.get(target) : undefined;
        if (from && (from.data || from.go)) ls.pending.set(p, { ...from, path: p, layer: layer.ref });
        entry.resume();
        continue;
      }
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        entry.resume();
        continue;
      }
      const size = h.size ?? 0;
      if (opts.wants(p)) {
        if (size > MAX_FILE_BYTES) {
          opts.warn(`${p} in ${what} is larger than ${MAX_FILE_BYTES} bytes: not read`);
          entry.resume();
          continue;
        }
        if (kept() + size > MAX_KEPT_BYTES) {
          opts.warn(`${p} in ${what}: the files kept from this image passed ${MAX_KEPT_BYTES} bytes: not read`);
          entry.resume();
          continue;
        }
        const chunks: Buffer[] = [];
        for await (const c of entry) chunks.push(c as Buffer);
        const data = Buffer.concat(chunks);
        keep(data.length);
        ls.pending.set(p, { path: p, layer: layer.ref, data });
        continue;
      }
      if (size < 64) {
        entry.resume();
        continue;
      }
      const scanner = new GoScanner();
      for await (const c of entry) scanner.push(c as Buffer);
      if (scanner.result) ls.pending.set(p, { path: p, layer: layer.ref, go: scanner.result });
    }
  }
}

/** Applies one layer's whiteouts and replacements to the lower layers' files, then adds its own. */
function commit(state: Map<string, FileRecord>, ls: LayerState): void {
  const removeTree = (dir: string, self: boolean): void => {
    for (const k of [...state.keys()]) if ((self && k === dir) || under(k, dir)) state.delete(k);
  };
  for (const w of ls.whiteouts) removeTree(w, true);
  for (const d of ls.opaque) removeTree(d, false);
  if (ls.replaced.length) {
    // Only a path that was a directory of a kept file needs a subtree removal.
    const dirs = new Set<string>();
    for (const k of state.keys()) for (let d = dirname(k); d !== '/'; d = dirname(d)) dirs.add(d);
    for (const p of ls.replaced) {
      state.delete(p);
      if (dirs.has(p)) removeTree(p, false);
    }
  }
  for (const d of ls.dirs) state.delete(d);
  for (const [k, v] of ls.pending) state.set(k, v);
}
