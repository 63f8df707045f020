// `palisade cache status|prune`: the image blob cache (<cache>/blobs, src/sources/image/cache.ts),
// seen and pruned as `trivy clean` does for Trivy's. The vulnerability database beside it
// (<cache>/db) is only measured here: it is `palisade db`'s.
import path from 'node:path';
import { UsageError } from '../model/errors.js';
import { applyPrune, listBlobCache, planPrune, treeSize, TEMP_MAX_AGE_MS, type CacheListing, type PruneItem } from '../sources/image/cache-prune.js';
import { cacheDir } from '../vulndb/cache-dir.js';
import { EXIT } from './exit-codes.js';
import { writeLine } from './terminal.js';
import { formatSize, parseDuration, parseSize } from './units.js';

const DAY_MS = 86_400_000;
const NAMED_LEFT_ALONE = 20;

export interface CacheOptions {
  cacheDir?: string;
}

function rootOf(opts: CacheOptions): string {
  return opts.cacheDir !== undefined ? path.resolve(opts.cacheDir) : cacheDir();
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const sum = (files: { size: number }[]): number => files.reduce((n, f) => n + f.size, 0);

function when(ms: number, now: number): string {
  const days = Math.floor((now - ms) / DAY_MS);
  return `${new Date(ms).toISOString()} (${days <= 0 ? 'today' : `${plural(days, 'day')} ago`})`;
}

function leftAloneLines(listing: CacheListing): string[] {
  if (!listing.leftAlone.length) return [];
  const named = listing.leftAlone.slice(0, NAMED_LEFT_ALONE).map((e) => `${e.name} (${e.why})`);
  const more = listing.leftAlone.length > NAMED_LEFT_ALONE ? `, … and ${listing.leftAlone.length - NAMED_LEFT_ALONE} more` : '';
  return [`  Left alone by prune (not blobs Palisade wrote): ${named.join(', ')}${more}`];
}

export function runCacheStatus(opts: CacheOptions & { format?: string }, now = Date.now()): number {
  const format = opts.format ?? 'pretty';
  if (format !== 'pretty' && format !== 'json') throw new UsageError(`--format: unknown format "${format.slice(0, 80)}" (pretty or json)`);
  const root = rootOf(opts);
  const listing = listBlobCache(path.join(root, 'blobs'));
  const db = treeSize(path.join(root, 'db'));
  // a loop, not Math.min(...): a cache of a few hundred thousand blobs would overflow the call stack
  let oldest: number | undefined;
  let newest: number | undefined;
  for (const b of listing.blobs) {
    if (oldest === undefined || b.mtimeMs < oldest) oldest = b.mtimeMs;
    if (newest === undefined || b.mtimeMs > newest) newest = b.mtimeMs;
  }
  const staleTemps = listing.temps.filter((t) => now - t.mtimeMs > TEMP_MAX_AGE_MS).length;
  const failed = listing.state === 'refused' || listing.errors.length > 0;
  if (format === 'json') {
    process.stdout.write(JSON.stringify({
      cacheDir: root,
      blobs: {
        dir: listing.dir,
        state: listing.state,
        ...(listing.reason ? { reason: listing.reason } : {}),
        count: listing.blobs.length,
        bytes: sum(listing.blobs),
        oldestUse: oldest === undefined ? null : new Date(oldest).toISOString(),
        newestUse: newest === undefined ? null : new Date(newest).toISOString(),
        temporary: { count: listing.temps.length, bytes: sum(listing.temps), olderThanAnHour: staleTemps },
        leftAlone: listing.leftAlone,
        errors: listing.errors,
      },
      vulnerabilityDatabase: { dir: path.join(root, 'db'), ...db },
    }, null, 2) + '\n');
    return failed ? EXIT.INPUT : EXIT.OK;
  }
  const out = (line: string): void => writeLine(process.stdout, line);
  out(`Image blob cache: ${listing.dir}`);
  if (listing.state === 'refused') out(`  not read: ${listing.reason}`);
  else if (!listing.blobs.length) out(listing.temps.length ? '  no blobs' : `  empty${listing.state === 'absent' ? ' (the directory does not exist yet)' : ''}`);
  if (listing.blobs.length) {
    out(`  ${plural(listing.blobs.length, 'blob')}, ${formatSize(sum(listing.blobs))} (${sum(listing.blobs)} bytes)`);
    out(`  Least recently used: ${when(oldest!, now)}`);
    out(`  Most recently used:  ${when(newest!, now)}`);
  }
  if (listing.temps.length) {
    out(`  ${plural(listing.temps.length, 'temporary file')} of scans, ${formatSize(sum(listing.temps))}${staleTemps ? ` (${staleTemps} older than an hour, left by a scan that stopped: palisade cache prune removes them)` : ''}`);
  }
  for (const line of leftAloneLines(listing)) out(line);
  for (const e of listing.errors) writeLine(process.stderr, `palisade: cache status: ${e}`);
  out(`Vulnerability database: ${path.join(root, 'db')}${db.exists ? `, ${formatSize(db.bytes)} in ${plural(db.files, 'file')} (palisade db status describes it)` : ' (none: palisade db update creates it)'}`);
  return failed ? EXIT.INPUT : EXIT.OK;
}

export interface CachePruneOptions extends CacheOptions {
  olderThan?: string;
  maxSize?: string;
  all?: boolean;
  dryRun?: boolean;
}

function counted(blobs: PruneItem[], temps: PruneItem[]): string {
  const parts = [`${plural(blobs.length, 'blob')} (${formatSize(sum(blobs))})`];
  if (temps.length) parts.push(`${plural(temps.length, 'temporary file')} (${formatSize(sum(temps))})`);
  return parts.join(' and ');
}

export function runCachePrune(opts: CachePruneOptions, now = Date.now()): number {
  // parsed before anything is read: a wrong value removes nothing
  const olderThanMs = opts.olderThan !== undefined ? parseDuration('--older-than', opts.olderThan) : undefined;
  const maxBytes = opts.maxSize !== undefined ? parseSize('--max-size', opts.maxSize) : undefined;
  if (olderThanMs === undefined && maxBytes === undefined && !opts.all) {
    throw new UsageError('cache prune: say what to remove: --older-than DURATION (e.g. 30d), --max-size SIZE (e.g. 2GiB) or --all');
  }
  const dir = path.join(rootOf(opts), 'blobs');
  const listing = listBlobCache(dir);
  const out = (line: string): void => writeLine(process.stdout, line);
  for (const e of listing.errors) writeLine(process.stderr, `palisade: cache prune: ${e}`);
  if (listing.state === 'refused') {
    writeLine(process.stderr, `palisade: cache prune: ${listing.reason}; nothing was removed`);
    return EXIT.INPUT;
  }
  if (listing.state === 'absent') {
    out(`The image blob cache ${dir} does not exist: nothing to remove`);
    return EXIT.OK;
  }
  const plan = planPrune(listing, { olderThanMs, maxBytes, all: opts.all, now });
  const kept = plan.keep;
  if (opts.dryRun) {
    const blobs = plan.remove.filter((r) => r.kind === 'blob');
    const temps = plan.remove.filter((r) => r.kind === 'temporary');
    out(plan.remove.length
      ? `Would remove ${counted(blobs, temps)} from ${dir} (dry run: nothing was removed)`
      : `Nothing to remove from ${dir}`);
    for (const r of plan.remove) {
      const why = { temporary: 'temporary file older than an hour', all: '--all', age: '--older-than', size: '--max-size' }[r.reason];
      out(`  ${r.kind === 'blob' ? `sha256:${r.name}` : r.name}  ${formatSize(r.size)}  last used ${new Date(r.mtimeMs).toISOString()}  (${why})`);
    }
    out(`Would leave ${plural(kept.length, 'blob')} (${formatSize(sum(kept))})`);
    for (const line of leftAloneLines(listing)) out(line);
    return listing.errors.length ? EXIT.INPUT : EXIT.OK;
  }
  const result = applyPrune(dir, plan);
  for (const e of result.errors) writeLine(process.stderr, `palisade: cache prune: cannot remove ${e}`);
  const blobs = result.removed.filter((r) => r.kind === 'blob');
  const temps = result.removed.filter((r) => r.kind === 'temporary');
  out(result.removed.length ? `Removed ${counted(blobs, temps)} from ${dir}` : `Nothing removed from ${dir}`);
  if (result.skipped) out(`  ${plural(result.skipped, 'entry', 'entries')} not removed: gone meanwhile, or used by a scan since it was listed`);
  // what is left: listed again, as scans may have added blobs meanwhile
  const after = listBlobCache(dir);
  out(`Left: ${plural(after.blobs.length, 'blob')} (${formatSize(sum(after.blobs))})`);
  for (const line of leftAloneLines(after)) out(line);
  return result.errors.length || listing.errors.length ? EXIT.INPUT : EXIT.OK;
}
