// What the blob cache holds and what `palisade cache prune` removes from it. Only two kinds of
// entry are ever removed, both directly in `<blobs>/sha256/` and both regular files: a blob (its
// name is exactly 64 lowercase hex characters, cache.ts BLOB_NAME) and a temporary file a scan
// was writing (cache.ts TEMP_NAME) once it is older than an hour. Symlinks are never followed nor
// removed, directories are never removed, and nothing outside `<blobs>` is looked at: such
// entries are listed as left alone. A blob's mtime is its last use (cache.ts touches it).
//
// Pruning while a scan runs is safe: a blob being read has an open descriptor, and on Linux
// unlink(2) removes only the name (the reader keeps its bytes); a registry blob removed before a
// scan opens it is fetched again (sources.ts registryBytes), and every cached blob is hashed
// against its digest as it is read whatever happened to it. A blob whose mtime changed since it
// was listed (a scan used it meanwhile) is kept. What is not covered: an archive's blob copied by
// a scan and removed by `--all`/`--max-size` before that scan opens it fails that image (ENOENT,
// named); `--older-than` never removes it, as it was written just now.
import fs from 'node:fs';
import path from 'node:path';
import { BLOB_NAME, TEMP_NAME } from './cache.js';

/** A temporary file younger than this may still be being written. */
export const TEMP_MAX_AGE_MS = 3600_000;
/** At most this many entries are listed (a directory of millions is no cache Palisade made). */
const MAX_ENTRIES = 2_000_000;

export interface CacheFile {
  name: string;
  size: number;
  mtimeMs: number;
}

export interface CacheListing {
  /** `<cache>/blobs`. */
  dir: string;
  /** `absent`: no cache yet (empty, not an error); `refused`: `blobs` or `sha256` is not a plain directory, nothing is touched. */
  state: 'absent' | 'present' | 'refused';
  reason?: string;
  blobs: CacheFile[];
  temps: CacheFile[];
  /** Entries that are neither, relative to `dir` (`sha256/notes.txt`), and why they stay. */
  leftAlone: { name: string; why: string }[];
  /** Entries that could not be examined. */
  errors: string[];
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

function errText(err: unknown): string {
  return code(err) ?? (err as Error).message;
}

function kindOf(st: fs.Stats): string {
  if (st.isSymbolicLink()) return 'a symlink (not followed)';
  if (st.isDirectory()) return 'a directory';
  if (!st.isFile()) return 'not a regular file';
  return 'not a blob or temporary file';
}

/** lstat of a directory Palisade owns: absent, ok, or the reason it is refused (a symlink, a file). */
function ownDir(dir: string): { absent: true } | { ok: true } | { refused: string } {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch (err) {
    if (code(err) === 'ENOENT') return { absent: true };
    return { refused: `${dir}: ${errText(err)}` };
  }
  if (st.isSymbolicLink()) return { refused: `${dir} is a symlink: it is not followed` };
  if (!st.isDirectory()) return { refused: `${dir} is not a directory` };
  return { ok: true };
}

export function listBlobCache(dir: string): CacheListing {
  const out: CacheListing = { dir, state: 'present', blobs: [], temps: [], leftAlone: [], errors: [] };
  const top = ownDir(dir);
  if ('absent' in top) return { ...out, state: 'absent' };
  if ('refused' in top) return { ...out, state: 'refused', reason: top.refused };
  const shaDir = path.join(dir, 'sha256');
  let count = 0;
  // what else is in <blobs> is not ours: listed, never entered
  for (const name of readNames(dir, out)) {
    if (name === 'sha256') continue;
    if (++count > MAX_ENTRIES) break;
    try {
      out.leftAlone.push({ name, why: kindOf(fs.lstatSync(path.join(dir, name))).replace('not a blob or temporary file', 'not part of the cache') });
    } catch (err) {
      if (code(err) !== 'ENOENT') out.errors.push(`${path.join(dir, name)}: ${errText(err)}`);
    }
  }
  const sha = ownDir(shaDir);
  if ('absent' in sha) return out;
  if ('refused' in sha) return { ...out, state: 'refused', reason: sha.refused };
  for (const name of readNames(shaDir, out)) {
    if (++count > MAX_ENTRIES) {
      out.errors.push(`${shaDir}: more than ${MAX_ENTRIES} entries: the rest were not listed`);
      break;
    }
    let st: fs.Stats;
    try {
      st = fs.lstatSync(path.join(shaDir, name));
    } catch (err) {
      // removed meanwhile (another prune, or a scan that replaced it): not an error
      if (code(err) !== 'ENOENT') out.errors.push(`${path.join(shaDir, name)}: ${errText(err)}`);
      continue;
    }
    const file = { name, size: st.size, mtimeMs: st.mtimeMs };
    if (st.isFile() && BLOB_NAME.test(name)) out.blobs.push(file);
    else if (st.isFile() && TEMP_NAME.test(name)) out.temps.push(file);
    else out.leftAlone.push({ name: `sha256/${name}`, why: kindOf(st) });
  }
  return out;
}

function readNames(dir: string, out: CacheListing): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch (err) {
    if (code(err) !== 'ENOENT') out.errors.push(`${dir}: ${errText(err)}`);
    return [];
  }
}

export interface PruneRules {
  /** Remove blobs last used more than this many milliseconds before `now`. */
  olderThanMs?: number;
  /** Then remove the least recently used until the blobs total at most this many bytes. */
  maxBytes?: number;
  /** Remove every blob. */
  all?: boolean;
  now: number;
}

export type PruneReason = 'temporary' | 'all' | 'age' | 'size';
export interface PruneItem extends CacheFile {
  kind: 'blob' | 'temporary';
  reason: PruneReason;
}

export interface PrunePlan {
  /** In the order they are removed: stale temporary files, then blobs least recently used first. */
  remove: PruneItem[];
  /** The blobs that stay, least recently used first. */
  keep: CacheFile[];
}

/** Least recently used first; the name breaks ties, so that a plan is the same on every run. */
function lru(a: CacheFile, b: CacheFile): number {
  return a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export function planPrune(listing: Pick<CacheListing, 'blobs' | 'temps'>, rules: PruneRules): PrunePlan {
  const remove: PruneItem[] = listing.temps
    .filter((t) => rules.now - t.mtimeMs > TEMP_MAX_AGE_MS)
    .sort(lru)
    .map((t) => ({ ...t, kind: 'temporary', reason: 'temporary' }));
  // loops, not push(...many): a cache of a few hundred thousand blobs would overflow the call stack
  let keep = [...listing.blobs].sort(lru);
  if (rules.all) {
    for (const b of keep) remove.push({ ...b, kind: 'blob', reason: 'all' });
    return { remove, keep: [] };
  }
  if (rules.olderThanMs !== undefined) {
    const cutoff = rules.now - rules.olderThanMs;
    for (const b of keep) if (b.mtimeMs < cutoff) remove.push({ ...b, kind: 'blob', reason: 'age' });
    keep = keep.filter((b) => b.mtimeMs >= cutoff);
  }
  if (rules.maxBytes !== undefined) {
    let total = keep.reduce((n, b) => n + b.size, 0);
    let i = 0;
    while (total > rules.maxBytes && i < keep.length) {
      remove.push({ ...keep[i]!, kind: 'blob', reason: 'size' });
      total -= keep[i]!.size;
      i++;
    }
    keep = keep.slice(i);
  }
  return { remove, keep };
}

export interface PruneResult {
  removed: PruneItem[];
  /** Gone before it could be removed (another prune) or used since it was listed (a scan): not removed, not an error. */
  skipped: number;
  errors: string[];
}

/** Removes what the plan says, checking each entry again just before: still a regular file, with the mtime it was listed with. */
export function applyPrune(dir: string, plan: PrunePlan): PruneResult {
  const result: PruneResult = { removed: [], skipped: 0, errors: [] };
  const shaDir = path.join(dir, 'sha256');
  // checked again: a symlink swapped in since listing is not followed
  const top = ownDir(dir);
  const sha = ownDir(shaDir);
  if (!('ok' in top) || !('ok' in sha)) {
    if ('refused' in top || 'refused' in sha) result.errors.push('refused' in top ? top.refused : (sha as { refused: string }).refused);
    else result.skipped += plan.remove.length;
    return result;
  }
  for (const item of plan.remove) {
    // the names were matched against BLOB_NAME or TEMP_NAME: a single path segment, no separator
    if (!(item.kind === 'blob' ? BLOB_NAME : TEMP_NAME).test(item.name)) continue;
    const file = path.join(shaDir, item.name);
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile() || st.mtimeMs !== item.mtimeMs) {
        result.skipped++;
        continue;
      }
      // unlink(2) removes the name; it never follows a symlink
      fs.unlinkSync(file);
      result.removed.push(item);
    } catch (err) {
      if (code(err) === 'ENOENT') result.skipped++;
      else result.errors.push(`${file}: ${errText(err)}`);
    }
  }
  return result;
}

/** Bytes and files under a directory, symlinks not followed (for the vulnerability database's size). */
export function treeSize(dir: string): { exists: boolean; bytes: number; files: number } {
  const out = { exists: false, bytes: 0, files: 0 };
  let top: fs.Stats;
  try {
    top = fs.lstatSync(dir);
  } catch {
    return out;
  }
  out.exists = top.isDirectory();
  if (!out.exists) return out;
  const stack = [dir];
  let seen = 0;
  while (stack.length && seen < MAX_ENTRIES) {
    const d = stack.pop()!;
    let names: string[];
    try {
      names = fs.readdirSync(d);
    } catch {
      continue;
    }
    for (const name of names) {
      if (++seen > MAX_ENTRIES) break;
      try {
        const st = fs.lstatSync(path.join(d, name));
        if (st.isDirectory()) stack.push(path.join(d, name));
        else if (st.isFile()) {
          out.bytes += st.size;
          out.files++;
        }
      } catch {
        // removed meanwhile (a database update)
      }
    }
  }
  return out;
}
