// Writes a new generation of the database: per ecosystem, an append-only file of entries (one
// JSON line each) and an index of package name → [offset, length, …], then meta.json pointing at
// it. Nothing the old database uses is touched until the final rename of meta.json, so an import
// that fails leaves it as it was.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DbEntry, PlacedEntry } from './compact.js';
import { readMeta, writeMeta, DbMissingError, DB_FORMAT } from './meta.js';
import type { DbMeta, EcosystemMeta } from './meta.js';
import { ecosystemFamily } from './versions/index.js';

const FLUSH_BYTES = 1 << 20;
const GEN_NAME = /^gen-[0-9a-z]+-[0-9a-f]{8}$/;

interface Slot {
  off: number;
  len: number;
  id: string;
}

interface EcoOut {
  file: string;
  fd: number;
  pos: number;
  pending: Buffer[];
  pendingBytes: number;
  index: Map<string, Slot[]>;
  /** record id → its modified time and the names it was written under (to replace a duplicate). */
  ids: Map<string, { modified: string; keys: string[] }>;
  newest: string;
  source: string;
}

/** A file name for an ecosystem: `Debian:12` → `Debian_12`, made unique. */
function fileName(ecosystem: string, taken: Set<string>): string {
  const base = ecosystem.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[^A-Za-z0-9]+/, '').slice(0, 60) || 'ecosystem';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

export interface CommitOptions {
  /**
   * Old ecosystems to drop besides those the import wrote: the families a `db update` downloaded
   * (`Debian` replaces every `Debian:*`). Without it, an import replaces the ecosystems it holds
   * and keeps the others.
   */
  replaceFamilies?: string[];
}

export class DbWriter {
  readonly gen: string;
  private readonly genDir: string;
  private readonly out = new Map<string, EcoOut>();
  private readonly taken = new Set<string>();
  duplicates = 0;

  constructor(readonly dbDir: string) {
    fs.mkdirSync(dbDir, { recursive: true });
    this.gen = `gen-${Date.now().toString(36)}-${crypto.randomBytes(4).toString('hex')}`;
    this.genDir = path.join(dbDir, this.gen);
    fs.mkdirSync(this.genDir);
  }

  private eco(ecosystem: string, source: string): EcoOut {
    let o = this.out.get(ecosystem);
    if (!o) {
      const file = fileName(ecosystem, this.taken);
      o = {
        file, fd: fs.openSync(path.join(this.genDir, `${file}.ndjson`), 'wx'), pos: 0, pending: [], pendingBytes: 0,
        index: new Map(), ids: new Map(), newest: '', source,
      };
      this.out.set(ecosystem, o);
    }
    return o;
  }

  private flush(o: EcoOut): void {
    if (!o.pendingBytes) return;
    fs.writeSync(o.fd, Buffer.concat(o.pending, o.pendingBytes));
    o.pending = [];
    o.pendingBytes = 0;
  }

  /** Adds a record's entries. A record id seen before in the same ecosystem: the newer `modified` wins. */
  add(id: string, modified: string, entries: PlacedEntry[], source: string): void {
    const byEco = new Map<string, PlacedEntry[]>();
    for (const p of entries) {
      const list = byEco.get(p.ecosystem);
      if (list) list.push(p);
      else byEco.set(p.ecosystem, [p]);
    }
    for (const [ecosystem, list] of byEco) {
      const o = this.eco(ecosystem, source);
      const seen = o.ids.get(id);
      if (seen) {
        this.duplicates++;
        if (modified <= seen.modified) continue;
        for (const key of seen.keys) {
          const slots = o.index.get(key)!.filter((s) => s.id !== id);
          if (slots.length) o.index.set(key, slots);
          else o.index.delete(key);
        }
      }
      o.ids.set(id, { modified, keys: list.map((p) => p.key) });
      if (modified > o.newest) o.newest = modified;
      for (const p of list) this.write(o, p.key, p.entry);
    }
  }

  private write(o: EcoOut, key: string, entry: DbEntry): void {
    const line = Buffer.from(JSON.stringify(entry) + '\n', 'utf8');
    const slot: Slot = { off: o.pos, len: line.length - 1, id: entry.id };
    o.pos += line.length;
    o.pending.push(line);
    o.pendingBytes += line.length;
    if (o.pendingBytes >= FLUSH_BYTES) this.flush(o);
    const slots = o.index.get(key);
    if (slots) slots.push(slot);
    else o.index.set(key, [slot]);
  }

  /** The ecosystems written so far with their record counts. */
  summary(): { ecosystem: string; records: number; packages: number }[] {
    return [...this.out].map(([ecosystem, o]) => ({ ecosystem, records: o.ids.size, packages: o.index.size })).sort((a, b) => a.ecosystem.localeCompare(b.ecosystem));
  }

  /** Writes the indexes and makes the new generation the database (meta.json renamed over). */
  commit(options: CommitOptions = {}): DbMeta {
    const now = new Date().toISOString();
    let old: DbMeta | undefined;
    try {
      old = readMeta(this.dbDir);
    } catch (e) {
      if (!(e instanceof DbMissingError)) throw e;
    }
    const ecosystems: Record<string, EcosystemMeta> = Object.create(null);
    const dropFamilies = new Set(options.replaceFamilies ?? []);
    for (const [name, e] of Object.entries(old?.ecosystems ?? {})) {
      if (this.out.has(name) || dropFamilies.has(ecosystemFamily(name)) || dropFamilies.has(name)) continue;
      ecosystems[name] = e;
    }
    for (const [name, o] of this.out) {
      this.flush(o);
      fs.fsyncSync(o.fd);
      fs.closeSync(o.fd);
      o.fd = -1;
      // no prototype: a package named __proto__ is a key like any other
      const index: Record<string, number[]> = Object.create(null);
      for (const [key, slots] of o.index) index[key] = slots.flatMap((s) => [s.off, s.len]);
      fs.writeFileSync(path.join(this.genDir, `${o.file}.idx.json`), JSON.stringify(index));
      ecosystems[name] = {
        dir: this.gen, file: o.file, records: o.ids.size, packages: o.index.size, source: o.source, importedAt: now,
        ...(o.newest ? { newest: o.newest } : {}),
      };
    }
    const meta: DbMeta = { format: DB_FORMAT, importedAt: now, ecosystems };
    writeMeta(this.dbDir, meta);
    try {
      this.collect(meta);
    } catch {
      // best effort: an old generation left behind is removed by the next import
    }
    return meta;
  }

  /** Gives up: the new generation is removed, the database stays as it was. */
  abort(): void {
    for (const o of this.out.values()) if (o.fd >= 0) fs.closeSync(o.fd);
    fs.rmSync(this.genDir, { recursive: true, force: true });
  }

  /** Removes the generation directories the new meta.json no longer names (and leftovers of crashed imports). */
  private collect(meta: DbMeta): void {
    const used = new Set(Object.values(meta.ecosystems).map((e) => e.dir));
    // an import that wrote nothing keeps no empty generation
    if (!used.has(this.gen)) fs.rmSync(this.genDir, { recursive: true, force: true });
    for (const d of fs.readdirSync(this.dbDir)) {
      // only names this class makes: a --db-dir given by mistake loses nothing of its own
      if (GEN_NAME.test(d) && !used.has(d) && d !== this.gen) {
        fs.rmSync(path.join(this.dbDir, d), { recursive: true, force: true });
      }
    }
  }
}
