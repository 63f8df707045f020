// `palisade db import|update|status`: the offline vulnerability database (src/vulndb/). `update`
// is the only command of Palisade that reaches the network.
import path from 'node:path';
import { UsageError } from '../model/errors.js';
import { dbStatus, defaultDbDir, importOsv, DbBusyError, ImportError, NO_DB_HINT, STALE_AFTER_DAYS } from '../vulndb/store.js';
import type { DbStatus, ImportProgress, ImportResult } from '../vulndb/store.js';
import { DEFAULT_BASE_URL, DEFAULT_MAX_DOWNLOAD_BYTES, DownloadError, updateDb } from '../vulndb/download.js';
import type { DownloadProgress } from '../vulndb/download.js';
import { EXIT } from './exit-codes.js';
import { writeLine } from './terminal.js';

const NAMED_BAD = 20;
const EVERY_MS = 100;

export interface DbOptions {
  dbDir?: string;
  quiet?: boolean;
}

function dbDirOf(opts: DbOptions): string {
  return opts.dbDir !== undefined ? path.resolve(opts.dbDir) : defaultDbDir();
}

/** One line on standard error rewritten in place, only on a terminal and not with --quiet. */
export function progressLine(quiet: boolean | undefined, stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr, now: () => number = Date.now) {
  if (quiet || !stream.isTTY) return { show: (_: string, _force?: boolean) => {}, done: () => {} };
  let last = -Infinity;
  let shown = false;
  return {
    show(text: string, force = false) {
      const t = now();
      if (!force && t - last < EVERY_MS) return;
      last = t;
      // the text holds names from the input: one line, no control characters
      stream.write(`\r\x1b[K${text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

const mb = (n: number): string => `${(n / (1 << 20)).toFixed(1)} MB`;

export function importProgressText(p: ImportProgress): string {
  const bytes = p.bytesRead !== undefined && p.totalBytes ? ` (${Math.floor((100 * p.bytesRead) / p.totalBytes)}% of the archive)` : '';
  return `palisade: db: importing: ${p.records} records${p.bad ? `, ${p.bad} bad` : ''}${bytes}`;
}

function report(result: ImportResult, dbDir: string, quiet: boolean | undefined): number {
  for (const b of result.bad.slice(0, NAMED_BAD)) writeLine(process.stderr, `palisade: db: bad record: ${b.where}: ${b.reason}`);
  if (result.badCount > NAMED_BAD) writeLine(process.stderr, `palisade: db: … and ${result.badCount - NAMED_BAD} more bad records`);
  if (!quiet) {
    const skipped = [
      result.withdrawn ? `${result.withdrawn} withdrawn` : '',
      result.noPackages ? `${result.noPackages} without package versions` : '',
      result.duplicates ? `${result.duplicates} duplicate ids (the newest kept)` : '',
      result.badCount ? `${result.badCount} bad` : '',
    ].filter(Boolean);
    writeLine(process.stdout, `Imported ${result.records} OSV records into ${dbDir}${skipped.length ? ` (skipped: ${skipped.join(', ')})` : ''}`);
    const w = Math.max(9, ...result.ecosystems.map((e) => e.ecosystem.length));
    for (const e of result.ecosystems) writeLine(process.stdout, `  ${e.ecosystem.padEnd(w)}  ${String(e.records).padStart(7)} records  ${String(e.packages).padStart(7)} packages`);
  }
  // records that could not be read are input that could not be read: exit 3, as a scan does
  return result.badCount ? EXIT.INPUT : EXIT.OK;
}

function failed(command: string, e: unknown): number {
  if (e instanceof ImportError || e instanceof DownloadError || e instanceof DbBusyError) {
    writeLine(process.stderr, `palisade: db ${command}: ${e.message}`);
    writeLine(process.stderr, 'palisade: the database was not changed');
    return EXIT.INPUT;
  }
  throw e;
}

export async function runDbImport(paths: string[], opts: DbOptions): Promise<number> {
  if (!paths.length) throw new UsageError('db import: name a directory, a zip archive or a .json file of OSV records');
  const dbDir = dbDirOf(opts);
  const progress = progressLine(opts.quiet);
  try {
    const result = await importOsv(paths, { dbDir, onProgress: (p) => progress.show(importProgressText(p)) });
    progress.done();
    return report(result, dbDir, opts.quiet);
  } catch (e) {
    progress.done();
    return failed('import', e);
  }
}

export interface DbUpdateOptions extends DbOptions {
  baseUrl?: string;
  ecosystem?: string[];
  maxDownloadSize?: string;
}

function checkBaseUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(`--base-url: not a URL: "${text}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError(`--base-url: only http and https URLs are fetched, not ${u.protocol}`);
  if (u.username || u.password) throw new UsageError('--base-url: a URL with credentials in it is refused (it would be shown in messages)');
  if (u.search || u.hash) throw new UsageError('--base-url: a base URL takes no query or fragment');
  return text;
}

export async function runDbUpdate(opts: DbUpdateOptions): Promise<number> {
  const dbDir = dbDirOf(opts);
  const baseUrl = checkBaseUrl(opts.baseUrl ?? DEFAULT_BASE_URL);
  let maxBytes = DEFAULT_MAX_DOWNLOAD_BYTES;
  if (opts.maxDownloadSize !== undefined) {
    const n = Number(opts.maxDownloadSize);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--max-download-size: not a positive number of MiB: "${opts.maxDownloadSize}"`);
    maxBytes = Math.floor(n * (1 << 20));
  }
  for (const e of opts.ecosystem ?? []) {
    // a name becomes one path segment of the URL: no separators, nothing that climbs
    if (!/^[A-Za-z0-9][A-Za-z0-9 .:_+-]*$/.test(e)) throw new UsageError(`--ecosystem: not an OSV ecosystem name: "${e}"`);
  }
  const progress = progressLine(opts.quiet);
  try {
    const result = await updateDb({
      dbDir, baseUrl, ecosystems: opts.ecosystem, maxBytes,
      onDownload: (p: DownloadProgress) => progress.show(`palisade: db update: ${p.ecosystem}: ${mb(p.received)}${p.total ? ` of ${mb(p.total)}` : ''}`),
      onImport: (p) => progress.show(importProgressText(p)),
    });
    progress.done();
    if (!opts.quiet) for (const d of result.downloads) writeLine(process.stdout, `Downloaded ${d.url} (${mb(d.bytes)})`);
    return report(result, dbDir, opts.quiet);
  } catch (e) {
    progress.done();
    return failed('update', e);
  }
}

export function runDbStatus(opts: DbOptions & { format?: string }): number {
  const format = opts.format ?? 'pretty';
  if (format !== 'pretty' && format !== 'json') throw new UsageError(`--format: unknown format "${format}" (pretty or json)`);
  const st: DbStatus = dbStatus(dbDirOf(opts));
  const stale = st.ageDays !== undefined && st.ageDays > STALE_AFTER_DAYS;
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ ...st, stale, ...(st.present ? {} : { hint: NO_DB_HINT }) }, null, 2) + '\n');
    return EXIT.OK;
  }
  if (!st.present) {
    const reason = st.reason ?? '';
    writeLine(process.stdout, /^no vulnerability database/.test(reason) ? `N${reason.slice(1)}.` : `No usable vulnerability database: ${reason}`);
    writeLine(process.stdout, `To create it, ${NO_DB_HINT}.`);
    return EXIT.OK;
  }
  writeLine(process.stdout, `Vulnerability database: ${st.dbDir}`);
  writeLine(process.stdout, `Updated ${st.importedAt} (${st.ageDays === 0 ? 'today' : `${st.ageDays} day(s) ago`})${stale ? ` — older than ${STALE_AFTER_DAYS} days: run \`palisade db update\`` : ''}`);
  const eco = st.ecosystems ?? [];
  const w = Math.max(9, ...eco.map((e) => e.name.length));
  const nw = Math.max(13, ...eco.map((e) => (e.newest ?? '-').length));
  writeLine(process.stdout, `  ${'ECOSYSTEM'.padEnd(w)}  ${'RECORDS'.padStart(7)}  ${'PACKAGES'.padStart(8)}  ${'NEWEST RECORD'.padEnd(nw)}  SOURCE`);
  for (const e of eco) {
    writeLine(process.stdout, `  ${e.name.padEnd(w)}  ${String(e.records).padStart(7)}  ${String(e.packages).padStart(8)}  ${(e.newest ?? '-').padEnd(nw)}  ${e.source}`);
  }
  writeLine(process.stdout, `${st.records} records in ${eco.length} ecosystem(s)`);
  return EXIT.OK;
}
