// The local vulnerability database, read side: `openDb` matches an image's packages against it,
// reading only the index of the ecosystems asked for and the entries of the packages asked for;
// `dbStatus` says what it holds. Written by import.ts (importOsv).
import fs from 'node:fs';
import path from 'node:path';
import { isRecord } from '../model/guards.js';
import type { ImagePackage, PackageType, VulnerabilitySeverity } from '../model/vulnerability.js';
import type { DbEntry } from './compact.js';
import { readMeta, DbMissingError } from './meta.js';
import type { DbMeta, EcosystemMeta } from './meta.js';
import { evaluateAffected } from './osv.js';
import { comparatorFor, normalizeName } from './versions/index.js';

export { importOsv, ImportError } from './import.js';
export type { ImportOptions, ImportProgress, ImportResult, BadRecord } from './import.js';
export { DbMissingError } from './meta.js';
export { DbBusyError } from './lock.js';
export { cacheDir, defaultDbDir } from './cache-dir.js';

/** A database older than this many days gets a warning (`db status`; scans of images should say so too). */
export const STALE_AFTER_DAYS = 7;

/** What to run when there is no database (for `db status` and for scans of images). */
export const NO_DB_HINT = 'run `palisade db update` to download OSV\'s records (the only command that uses the network), or `palisade db import PATH` for OSV records you have';

/** An advisory that affects one package: what `Vulnerability` (src/model/vulnerability.ts) needs, with the package. */
export interface VulnMatch {
  package: ImagePackage;
  /** The ecosystem, name and version it was matched on (the source package's for deb and apk). */
  ecosystem: string;
  matchedName: string;
  matchedVersion: string;
  id: string;
  /** OSV `aliases`, CVE first. */
  aliases: string[];
  /** OSV `upstream`: the ids this advisory derives from (a DSA's CVEs), CVE first. */
  upstream?: string[];
  summary?: string;
  /** The version that fixes it for the installed one, when the advisory names one. */
  fixedVersion?: string;
  severity: VulnerabilitySeverity;
  score?: number;
  cvss?: string;
  references?: string[];
  /** The advisory's `modified` time. */
  modified?: string;
}

export interface VulnDb {
  readonly dbDir: string;
  readonly meta: DbMeta;
  /** The advisories affecting these packages, in package order then by id. */
  match(packages: readonly ImagePackage[]): VulnMatch[];
  /** Whether the database holds any record of this ecosystem (else its packages were not judged). */
  hasEcosystem(ecosystem: string): boolean;
  close(): void;
}

/** The OS package managers, whose advisories are filed under the source package. */
const SOURCE_MATCHED: ReadonlySet<PackageType> = new Set(['deb', 'apk']);

/** The name and version a package is looked up by: for deb and apk, its source package's. */
export function matchKey(pkg: ImagePackage): { name: string; version: string } {
  if (SOURCE_MATCHED.has(pkg.type)) return { name: pkg.sourceName ?? pkg.name, version: pkg.sourceVersion ?? pkg.version };
  return { name: pkg.name, version: pkg.version };
}

const MAX_INDEX_BYTES = 1 << 30;
const MAX_ENTRY_BYTES = 64 << 20;

class EcosystemReader {
  private index?: Map<string, number[]>;
  private fd = -1;
  private readonly cache = new Map<number, DbEntry>();

  constructor(private readonly dbDir: string, readonly name: string, private readonly meta: EcosystemMeta) {}

  private file(ext: string): string {
    return path.join(this.dbDir, this.meta.dir, `${this.meta.file}${ext}`);
  }

  private load(): Map<string, number[]> {
    if (this.index) return this.index;
    const file = this.file('.idx.json');
    const size = fs.statSync(file).size;
    if (size > MAX_INDEX_BYTES) throw new Error(`${file} is larger than ${MAX_INDEX_BYTES} bytes`);
    const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!isRecord(raw)) throw new Error(`${file} is not an index`);
    this.index = new Map(Object.entries(raw as Record<string, number[]>));
    this.fd = fs.openSync(this.file('.ndjson'), 'r');
    return this.index;
  }

  entries(key: string): DbEntry[] {
    const slots = this.load().get(key);
    if (!Array.isArray(slots)) return [];
    const out: DbEntry[] = [];
    for (let i = 0; i + 1 < slots.length; i += 2) {
      const off = slots[i]!;
      const len = slots[i + 1]!;
      let e = this.cache.get(off);
      if (!e) {
        if (!Number.isSafeInteger(off) || !Number.isSafeInteger(len) || off < 0 || len <= 0 || len > MAX_ENTRY_BYTES) continue;
        const buf = Buffer.alloc(len);
        const n = fs.readSync(this.fd, buf, 0, len, off);
        e = JSON.parse(buf.toString('utf8', 0, n)) as DbEntry;
        this.cache.set(off, e);
      }
      out.push(e);
    }
    return out;
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}

/** Opens the database. Throws DbMissingError when there is none (the message says so; the CLI says what to run). */
export function openDb(dbDir: string): VulnDb {
  const meta = readMeta(dbDir);
  const readers = new Map<string, EcosystemReader>();
  const reader = (ecosystem: string): EcosystemReader | undefined => {
    if (!Object.hasOwn(meta.ecosystems, ecosystem)) return undefined;
    const m = meta.ecosystems[ecosystem]!;
    let r = readers.get(ecosystem);
    if (!r) readers.set(ecosystem, r = new EcosystemReader(dbDir, ecosystem, m));
    return r;
  };
  return {
    dbDir,
    meta,
    hasEcosystem: (ecosystem) => Object.hasOwn(meta.ecosystems, ecosystem),
    match(packages) {
      const out: VulnMatch[] = [];
      for (const pkg of packages) {
        if (!pkg.ecosystem) continue;
        const r = reader(pkg.ecosystem);
        if (!r) continue;
        const { name, version } = matchKey(pkg);
        const found: VulnMatch[] = [];
        const seen = new Set<string>();
        for (const e of r.entries(normalizeName(pkg.ecosystem, name))) {
          if (seen.has(e.id)) continue;
          let hit = false;
          let fixed: string | undefined;
          for (const a of e.affected) {
            const v = evaluateAffected(version, a, pkg.ecosystem);
            if (!v.affected) continue;
            hit = true;
            if (v.fixed !== undefined && (fixed === undefined || lower(pkg.ecosystem, v.fixed, fixed))) fixed = v.fixed;
          }
          if (!hit) continue;
          seen.add(e.id);
          found.push({
            package: pkg, ecosystem: pkg.ecosystem, matchedName: name, matchedVersion: version,
            id: e.id, aliases: e.aliases ?? [],
            ...(e.upstream ? { upstream: e.upstream } : {}),
            ...(e.summary ? { summary: e.summary } : {}),
            ...(fixed !== undefined ? { fixedVersion: fixed } : {}),
            severity: e.severity,
            ...(e.score !== undefined ? { score: e.score } : {}),
            ...(e.cvss ? { cvss: e.cvss } : {}),
            ...(e.references ? { references: e.references } : {}),
            ...(e.modified ? { modified: e.modified } : {}),
          });
        }
        found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        out.push(...found);
      }
      return out;
    },
    close() {
      for (const r of readers.values()) r.close();
    },
  };
}

function lower(ecosystem: string, a: string, b: string): boolean {
  const cmp = comparatorFor(ecosystem);
  try {
    return cmp ? cmp.compare(a, b) < 0 : a < b;
  } catch {
    return false;
  }
}

export interface DbStatus {
  dbDir: string;
  present: boolean;
  /** Why there is no usable database, when there is none. */
  reason?: string;
  importedAt?: string;
  /** Whole days since the last import or update. */
  ageDays?: number;
  records?: number;
  ecosystems?: ({ name: string } & Omit<EcosystemMeta, 'dir' | 'file'>)[];
}

/** What the database holds, or why there is none. Reads meta.json only. */
export function dbStatus(dbDir: string, now: Date = new Date()): DbStatus {
  let meta: DbMeta;
  try {
    meta = readMeta(dbDir);
  } catch (e) {
    if (e instanceof DbMissingError) return { dbDir, present: false, reason: e.message };
    throw e;
  }
  const ecosystems = Object.entries(meta.ecosystems)
    .map(([name, { dir: _dir, file: _file, ...rest }]) => ({ name, ...rest }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const imported = Date.parse(meta.importedAt);
  return {
    dbDir, present: true, importedAt: meta.importedAt,
    ...(Number.isFinite(imported) ? { ageDays: Math.max(0, Math.floor((now.getTime() - imported) / 86_400_000)) } : {}),
    records: ecosystems.reduce((n, e) => n + e.records, 0),
    ecosystems,
  };
}
