// `palisade db update`: downloads OSV's per-ecosystem archives (`<base>/<ecosystem>/all.zip`, as
// the public bucket osv-vulnerabilities lays them out) to temporary files beside the database,
// each bounded in size and stalled-connection time, then imports them all in one generation. The
// only code of Palisade that reaches the network, and only when the user runs `db update`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { importOsv, ImportError } from './import.js';
import type { ImportProgress, ImportResult } from './import.js';
import { readMeta, DbMissingError } from './meta.js';
import { ecosystemFamily } from './versions/index.js';

export const DEFAULT_BASE_URL = 'https://osv-vulnerabilities.storage.googleapis.com';
export const DEFAULT_ECOSYSTEMS = ['Debian', 'Alpine', 'Ubuntu', 'npm', 'PyPI', 'Go'];
/** The largest archive accepted (OSV's largest, all of PyPI or Debian, are a few hundred MB). */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 2048 * 1024 * 1024;
/** A download that receives nothing for this long is abandoned. */
export const STALL_TIMEOUT_MS = 60_000;

export interface DownloadProgress {
  ecosystem: string;
  url: string;
  received: number;
  total?: number;
}

export interface UpdateOptions {
  dbDir: string;
  baseUrl?: string;
  /** The ecosystems to download; default: the families already in the database, else DEFAULT_ECOSYSTEMS. */
  ecosystems?: string[];
  maxBytes?: number;
  stallTimeoutMs?: number;
  onDownload?: (p: DownloadProgress) => void;
  onImport?: (p: ImportProgress) => void;
}

export interface UpdateResult extends ImportResult {
  downloads: { ecosystem: string; url: string; bytes: number }[];
}

/** A download failed: nothing was imported, the old database is untouched. */
export class DownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** The ecosystems `db update` fetches when none are named. */
export function updateEcosystems(dbDir: string): string[] {
  try {
    const families = new Set(Object.keys(readMeta(dbDir).ecosystems).map(ecosystemFamily));
    if (families.size) return [...families].sort();
  } catch (e) {
    if (!(e instanceof DbMissingError)) throw e;
  }
  return [...DEFAULT_ECOSYSTEMS];
}

/** `<base>/<ecosystem>/all.zip`, the ecosystem name percent-encoded (`Debian:12` → `Debian%3A12`). */
export function archiveUrl(baseUrl: string, ecosystem: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(ecosystem)}/all.zip`;
}

async function download(url: string, dest: string, ecosystem: string, opts: UpdateOptions): Promise<number> {
  const shown = displayUrl(url);
  const max = opts.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const stall = opts.stallTimeoutMs ?? STALL_TIMEOUT_MS;
  const ac = new AbortController();
  let timer = setTimeout(() => ac.abort(), stall);
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => ac.abort(), stall);
  };
  const fd = fs.openSync(dest, 'wx', 0o600);
  let received = 0;
  try {
    let res: Response;
    try {
      res = await fetch(url, { signal: ac.signal, redirect: 'follow', headers: { 'user-agent': 'palisade' } });
    } catch (e) {
      throw new DownloadError(`${shown}: ${ac.signal.aborted ? `no answer in ${stall / 1000} s` : causeOf(e)}`);
    }
    if (!res.ok || !res.body) throw new DownloadError(`${shown}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    const declared = Number(res.headers.get('content-length'));
    const total = Number.isFinite(declared) && declared > 0 ? declared : undefined;
    if (total !== undefined && total > max) throw new DownloadError(`${shown}: ${total} bytes, more than the limit of ${max}`);
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        touch();
        received += chunk.length;
        if (received > max) {
          ac.abort();
          throw new DownloadError(`${shown}: more than the limit of ${max} bytes`);
        }
        fs.writeSync(fd, chunk);
        opts.onDownload?.({ ecosystem, url: shown, received, ...(total !== undefined ? { total } : {}) });
      }
    } catch (e) {
      if (e instanceof DownloadError) throw e;
      throw new DownloadError(`${shown}: ${ac.signal.aborted ? `stalled for ${stall / 1000} s` : causeOf(e)} after ${received} bytes`);
    }
    if (total !== undefined && received !== total) throw new DownloadError(`${shown}: received ${received} of ${total} bytes`);
    return received;
  } finally {
    clearTimeout(timer);
    fs.closeSync(fd);
  }
}

/** A URL as it may be shown and stored: credentials in it are replaced by `***`. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '***';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}

function causeOf(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  return err.cause?.code ?? err.cause?.message ?? err.message;
}

/** Downloads the archives, then imports them together, replacing those ecosystem families. */
export async function updateDb(opts: UpdateOptions): Promise<UpdateResult> {
  const base = opts.baseUrl ?? DEFAULT_BASE_URL;
  const ecosystems = [...new Set(opts.ecosystems?.length ? opts.ecosystems : updateEcosystems(opts.dbDir))];
  fs.mkdirSync(opts.dbDir, { recursive: true });
  const tmp = path.join(opts.dbDir, `.download-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  fs.mkdirSync(tmp, { mode: 0o700 });
  try {
    const files: string[] = [];
    const urls = new Map<string, string>();
    const downloads: UpdateResult['downloads'] = [];
    for (const [i, ecosystem] of ecosystems.entries()) {
      const url = archiveUrl(base, ecosystem);
      const file = path.join(tmp, `${i}.zip`);
      const bytes = await download(url, file, ecosystem, opts);
      files.push(file);
      urls.set(file, displayUrl(url));
      downloads.push({ ecosystem, url: displayUrl(url), bytes });
    }
    let result: ImportResult;
    try {
      result = await importOsv(files, {
        dbDir: opts.dbDir, replaceFamilies: ecosystems, onProgress: opts.onImport,
        sourceLabel: (f) => urls.get(f) ?? f,
      });
    } catch (e) {
      // name the URL rather than the temporary file
      if (e instanceof ImportError) {
        let msg = e.message;
        for (const [f, u] of urls) msg = msg.split(f).join(u);
        throw new ImportError(msg);
      }
      throw e;
    }
    for (const b of result.bad) b.where = [...urls].reduce((w, [f, u]) => w.split(f).join(u), b.where);
    return { ...result, downloads };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
