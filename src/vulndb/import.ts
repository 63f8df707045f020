// `importOsv`: OSV records from directories (every `*.json` below, recursively), zip archives (as
// osv.dev publishes `<ecosystem>/all.zip`, streamed entry by entry with fflate's Unzip) or single
// JSON files, into a new generation of the database. One record is in memory at a time; a record
// that cannot be read is counted and named, never fatal; an input that cannot be read at all (a
// missing path, a corrupt archive) fails the import and leaves the old database as it was.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Unzip } from 'fflate';
import type { AsyncFlateStreamHandler, FlateError, UnzipDecoder, UnzipDecoderConstructor, UnzipFile } from 'fflate';
import { compactRecord } from './compact.js';
import { withDbLock } from './lock.js';
import type { DbMeta } from './meta.js';
import { DbWriter } from './writer.js';

/** The largest single OSV record read (the largest on osv.dev are a few MB, with long `versions` lists). */
export const MAX_RECORD_BYTES = 32 << 20;
const PROGRESS_EVERY = 1000;
const PUSH_BYTES = 16 << 10;

export interface ImportProgress {
  /** The input being read. */
  source: string;
  records: number;
  bad: number;
  /** Bytes of the input read so far, and its size, for an archive or a file. */
  bytesRead?: number;
  totalBytes?: number;
}

export interface ImportOptions {
  dbDir: string;
  onProgress?: (p: ImportProgress) => void;
  /** See CommitOptions.replaceFamilies. */
  replaceFamilies?: string[];
  /** The source recorded for each input (default: its absolute path), e.g. the URL it was downloaded from. */
  sourceLabel?: (input: string) => string;
  maxRecordBytes?: number;
}

export interface BadRecord {
  /** The file, or `archive.zip:entry.json`. */
  where: string;
  reason: string;
}

export interface ImportResult {
  /** Records imported. */
  records: number;
  withdrawn: number;
  /** Records with no package version to match (only GIT ranges, no affected packages). */
  noPackages: number;
  /** Records whose id came again in the same ecosystem (the newer `modified` was kept). */
  duplicates: number;
  badCount: number;
  /** The first bad records, named (all are counted in badCount). */
  bad: BadRecord[];
  ecosystems: { ecosystem: string; records: number; packages: number }[];
  meta: DbMeta;
}

/** The import failed as a whole: the old database is untouched. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

const MAX_NAMED_BAD = 200;

class Importer {
  records = 0;
  withdrawn = 0;
  noPackages = 0;
  badCount = 0;
  bad: BadRecord[] = [];
  source = '';
  label = '';

  constructor(private readonly writer: DbWriter, private readonly opts: ImportOptions) {}

  private progress(extra: Partial<ImportProgress> = {}, force = false): void {
    if (!this.opts.onProgress) return;
    if (!force && (this.records + this.badCount) % PROGRESS_EVERY !== 0) return;
    this.opts.onProgress({ source: this.source, records: this.records, bad: this.badCount, ...extra });
  }

  markBad(where: string, reason: string): void {
    this.badCount++;
    if (this.bad.length < MAX_NAMED_BAD) this.bad.push({ where, reason });
  }

  /** One record's bytes. */
  record(where: string, bytes: Uint8Array): void {
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    } catch (e) {
      this.markBad(where, `not valid JSON: ${(e as Error).message}`);
      return;
    }
    const r = compactRecord(raw);
    switch (r.kind) {
      case 'bad': this.markBad(where, r.reason); break;
      case 'withdrawn': this.withdrawn++; break;
      case 'no-packages': this.noPackages++; break;
      case 'entries':
        this.writer.add(r.id, r.modified, r.entries, this.label);
        this.records++;
        this.progress();
        break;
    }
  }

  file(file: string): void {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch (e) {
      this.markBad(file, (e as Error).message);
      return;
    }
    const max = this.opts.maxRecordBytes ?? MAX_RECORD_BYTES;
    if (st.size > max) {
      this.markBad(file, `larger than ${max} bytes`);
      return;
    }
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      this.markBad(file, (e as Error).message);
      return;
    }
    this.record(file, bytes);
  }

  directory(dir: string): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      this.markBad(dir, (e as Error).message);
      return;
    }
    for (const d of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, d.name);
      // symbolic links to directories are not followed (no loops); to files they are
      if (d.isDirectory()) this.directory(full);
      else if (d.name.endsWith('.json') && (d.isFile() || (d.isSymbolicLink() && isFile(full)))) this.file(full);
    }
  }

  async zip(file: string): Promise<void> {
    const max = this.opts.maxRecordBytes ?? MAX_RECORD_BYTES;
    const totalBytes = fs.statSync(file).size;
    const unzip = new Unzip();
    unzip.register(boundedInflate(max));
    unzip.onfile = (entry: UnzipFile) => {
      trimUnzip(unzip);
      const where = `${file}:${entry.name}`;
      const wanted = entry.name.endsWith('.json');
      if (wanted && entry.originalSize !== undefined && entry.originalSize > max) {
        this.markBad(where, `larger than ${max} bytes`);
      }
      const skip = !wanted || (entry.originalSize !== undefined && entry.originalSize > max);
      const chunks: Uint8Array[] = [];
      let size = 0;
      let dropped = skip;
      entry.ondata = (err, data, final) => {
        if (dropped) return;
        if (err) {
          dropped = true;
          this.markBad(where, /larger than/.test(err.message) ? err.message : `cannot be decompressed: ${err.message}`);
          return;
        }
        size += data.length;
        if (size > max) {
          // a stored entry with a lying header
          dropped = true;
          this.markBad(where, `larger than ${max} bytes`);
          return;
        }
        chunks.push(data);
        if (final) this.record(where, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      };
      // every entry is started, the skipped ones too: an entry not started has its data kept by
      // fflate until the next one begins, and a large one would be held in memory
      try {
        entry.start();
      } catch (e) {
        if (!skip) this.markBad(where, `cannot be decompressed: ${(e as Error).message}`);
      }
    };
    let bytesRead = 0;
    const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    try {
      for await (const chunk of stream) {
        const buf = chunk as Buffer;
        bytesRead += buf.length;
        // fflate's Unzip.push recurses once per entry found in a chunk: small slices keep that
        // depth bounded (a 1 MiB chunk of small OSV records overflows the stack)
        for (let off = 0; off < buf.length; off += PUSH_BYTES) unzip.push(buf.subarray(off, off + PUSH_BYTES));
        this.progress({ bytesRead, totalBytes }, true);
      }
      unzip.push(new Uint8Array(0), true);
    } catch (e) {
      stream.destroy();
      throw new ImportError(`${file}: not a readable zip archive: ${(e as Error).message}`);
    }
  }

  async input(input: string): Promise<void> {
    const abs = path.resolve(input);
    this.source = abs;
    this.label = this.opts.sourceLabel ? this.opts.sourceLabel(input) : abs;
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      throw new ImportError(`${input}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
    if (st.isDirectory()) this.directory(abs);
    else if (isZip(abs)) await this.zip(abs);
    else if (abs.endsWith('.json')) this.file(abs);
    else throw new ImportError(`${input}: neither a directory, a zip archive nor a .json file`);
    this.progress({}, true);
  }
}

/**
 * fflate 0.8's Unzip keeps a list of chunk lists, one per entry seen (`k`, unshifted for each
 * entry and never shortened): 100,000 entries cost O(n²) time in unshift and hold every skipped
 * entry's data. Only the current entry's list and the previous one's (for an entry ending in a data
 * descriptor) are ever used again, so the rest is dropped as each entry begins.
 */
function trimUnzip(unzip: Unzip): void {
  const k = (unzip as unknown as { k?: unknown }).k;
  if (Array.isArray(k) && k.length > 2) k.length = 2;
}

/**
 * The DEFLATE decoder registered with fflate's Unzip: the entry's compressed bytes are gathered
 * (at most `max`), then inflated at once by Node's zlib, whose `maxOutputLength` stops a zip bomb
 * at `max` bytes. Twice as fast as fflate's own streaming inflater on osv.dev's small entries.
 */
function boundedInflate(max: number): UnzipDecoderConstructor {
  return class BoundedInflate implements UnzipDecoder {
    static compression = 8;
    ondata: AsyncFlateStreamHandler = () => {};
    private chunks: Uint8Array[] = [];
    private size = 0;
    private done = false;

    push(chunk: Uint8Array, final: boolean): void {
      if (this.done) return;
      this.size += chunk.length;
      if (this.size > max) return this.fail(`larger than ${max} bytes`);
      if (chunk.length) this.chunks.push(chunk);
      if (!final) return;
      this.done = true;
      let out: Buffer;
      try {
        out = zlib.inflateRawSync(Buffer.concat(this.chunks, this.size), { maxOutputLength: max });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return this.fail(code === 'ERR_BUFFER_TOO_LARGE' ? `larger than ${max} bytes` : (e as Error).message);
      } finally {
        this.chunks = [];
      }
      this.ondata(null, new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength), true);
    }

    private fail(message: string): void {
      this.done = true;
      this.chunks = [];
      this.ondata(Object.assign(new Error(message), { code: 0 }) as FlateError, new Uint8Array(0), true);
    }
  };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** A zip archive by its first bytes (a local file header or an empty archive's end record). */
function isZip(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(4);
    const n = fs.readSync(fd, b, 0, 4, 0);
    return n === 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
  } finally {
    fs.closeSync(fd);
  }
}

/** Imports OSV records into the database at `opts.dbDir`, replacing the ecosystems they hold. */
export async function importOsv(inputs: string | string[], opts: ImportOptions): Promise<ImportResult> {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (!list.length) throw new ImportError('nothing to import');
  return withDbLock(opts.dbDir, async () => {
    const writer = new DbWriter(opts.dbDir);
    const imp = new Importer(writer, opts);
    let meta: DbMeta;
    try {
      for (const input of list) await imp.input(input);
      if (imp.records === 0) {
        throw new ImportError(`no OSV records to import in ${list.join(', ')}${imp.badCount ? ` (${imp.badCount} bad record(s), the first: ${imp.bad[0]!.where}: ${imp.bad[0]!.reason})` : ''}`);
      }
      meta = writer.commit({ replaceFamilies: opts.replaceFamilies });
    } catch (e) {
      writer.abort();
      throw e;
    }
    return {
      records: imp.records, withdrawn: imp.withdrawn, noPackages: imp.noPackages, duplicates: writer.duplicates,
      badCount: imp.badCount, bad: imp.bad, ecosystems: writer.summary(), meta,
    };
  });
}
