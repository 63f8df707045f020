// The database's table of contents, `<db>/meta.json`: which ecosystems it holds, in which
// generation directory, imported when and from where. Replacing this one file (write a temporary
// file, then rename it over) is what makes an import atomic.
import fs from 'node:fs';
import path from 'node:path';
import { isRecord } from '../model/guards.js';

export const DB_FORMAT = 1;
export const META_FILE = 'meta.json';
const MAX_META_BYTES = 16 << 20;

export interface EcosystemMeta {
  /** The generation directory (under the db directory) that holds its files. */
  dir: string;
  /** The base name of its files: `<file>.ndjson` (entries) and `<file>.idx.json` (name → offsets). */
  file: string;
  /** OSV records with at least one package in this ecosystem. */
  records: number;
  /** Distinct package names. */
  packages: number;
  /** Where it was imported from: a path or a URL. */
  source: string;
  importedAt: string;
  /** The newest `modified` time among its records. */
  newest?: string;
}

export interface DbMeta {
  format: number;
  /** The last import or update. */
  importedAt: string;
  ecosystems: Record<string, EcosystemMeta>;
}

/** The database is not there (or not one this version can read). */
export class DbMissingError extends Error {
  constructor(readonly dbDir: string, reason: string) {
    super(reason);
    this.name = 'DbMissingError';
  }
}

/** Reads `<db>/meta.json`; throws DbMissingError when there is no usable database. */
export function readMeta(dbDir: string): DbMeta {
  const file = path.join(dbDir, META_FILE);
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new DbMissingError(dbDir, `${file} is not a file`);
    if (st.size > MAX_META_BYTES) throw new DbMissingError(dbDir, `${file} is larger than ${MAX_META_BYTES} bytes`);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof DbMissingError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new DbMissingError(dbDir, `no vulnerability database in ${dbDir}`);
    throw new DbMissingError(dbDir, `cannot read ${file}: ${(e as Error).message}`);
  }
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch (e) {
    throw new DbMissingError(dbDir, `${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(meta) || meta.format !== DB_FORMAT || !isRecord(meta.ecosystems) || typeof meta.importedAt !== 'string') {
    throw new DbMissingError(dbDir, `${file} is not a Palisade vulnerability database of format ${DB_FORMAT}`);
  }
  for (const [name, e] of Object.entries(meta.ecosystems)) {
    // the file names come from this file: they must stay inside the database directory
    if (!isRecord(e) || typeof e.dir !== 'string' || typeof e.file !== 'string' || !SAFE_NAME.test(e.dir) || !SAFE_NAME.test(e.file)) {
      throw new DbMissingError(dbDir, `${file}: ecosystem ${JSON.stringify(name)} has no valid file names`);
    }
  }
  return meta as unknown as DbMeta;
}

/** A file or directory name Palisade writes: no separators, no dot-dot. */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Writes meta.json atomically: a temporary file in the same directory, renamed over the old one. */
export function writeMeta(dbDir: string, meta: DbMeta): void {
  const tmp = path.join(dbDir, `.${META_FILE}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(meta, null, 1) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(dbDir, META_FILE));
}
