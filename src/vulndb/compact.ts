// What the database keeps of an OSV record: for each (ecosystem, package) it affects, one entry
// with only what matching and reporting need. The rest of the record (details, credits, GIT
// ranges, most references) is dropped at import.
import { isRecord } from '../model/guards.js';
import type { VulnerabilitySeverity } from '../model/vulnerability.js';
import type { OsvAffected, OsvRange, OsvRecord } from './osv.js';
import { severityOf } from './severity.js';
import { normalizeName } from './versions/index.js';

/** One record's data for one package, as stored (a line of the ecosystem's data file). */
export interface DbEntry {
  id: string;
  /** The package name as the record writes it. */
  name: string;
  aliases?: string[];
  upstream?: string[];
  summary?: string;
  severity: VulnerabilitySeverity;
  score?: number;
  cvss?: string;
  references?: string[];
  modified?: string;
  /** The record's `affected` entries for this package: their ECOSYSTEM/SEMVER ranges and versions. */
  affected: { ranges?: OsvRange[]; versions?: string[] }[];
}

/** An entry with where it goes. */
export interface PlacedEntry {
  ecosystem: string;
  /** The name it is looked up by (normalised for the ecosystem). */
  key: string;
  entry: DbEntry;
}

export type CompactResult =
  | { kind: 'entries'; id: string; modified: string; entries: PlacedEntry[] }
  | { kind: 'withdrawn'; id: string }
  | { kind: 'no-packages'; id: string }
  | { kind: 'bad'; reason: string };

const MAX_REFERENCES = 3;
const MAX_SUMMARY = 300;
// a sanity bound on what one record may carry into the database (a real record has a few)
const MAX_AFFECTED = 10_000;

const isString = (v: unknown): v is string => typeof v === 'string';

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter(isString) : [];
}

/** CVE ids first (the name most people search by), then the others in the record's order. */
export function cveFirst(ids: string[]): string[] {
  return [...ids.filter((a) => a.startsWith('CVE-')), ...ids.filter((a) => !a.startsWith('CVE-'))];
}

function summaryOf(r: Record<string, unknown>): string | undefined {
  const s = isString(r.summary) && r.summary.trim() ? r.summary.trim() : isString(r.details) ? r.details.trim().split('\n')[0]! : '';
  if (!s) return undefined;
  return s.length > MAX_SUMMARY ? `${s.slice(0, MAX_SUMMARY - 1)}…` : s;
}

/** A few of the record's own links, advisories first. */
function referencesOf(r: Record<string, unknown>): string[] | undefined {
  const refs = Array.isArray(r.references) ? r.references.filter((x): x is { type: string; url: string } => isRecord(x) && isString(x.url) && /^https?:\/\//.test(x.url)) : [];
  const ordered = [...refs.filter((x) => x.type === 'ADVISORY'), ...refs.filter((x) => x.type !== 'ADVISORY')];
  const urls = [...new Set(ordered.map((x) => x.url))].slice(0, MAX_REFERENCES);
  return urls.length ? urls : undefined;
}

function rangesOf(a: Record<string, unknown>): OsvRange[] | string {
  if (a.ranges === undefined) return [];
  if (!Array.isArray(a.ranges)) return 'affected[].ranges is not an array';
  const out: OsvRange[] = [];
  for (const r of a.ranges) {
    if (!isRecord(r) || !isString(r.type) || !Array.isArray(r.events)) return 'a range without a type or events';
    if (r.type !== 'ECOSYSTEM' && r.type !== 'SEMVER') continue; // GIT ranges: commits, not package versions
    const events = [];
    for (const e of r.events) {
      if (!isRecord(e)) return 'an event that is not an object';
      const keys = (['introduced', 'fixed', 'last_affected', 'limit'] as const).filter((k) => isString(e[k]));
      if (keys.length !== 1) return 'an event without exactly one of introduced, fixed, last_affected, limit';
      events.push({ [keys[0]!]: e[keys[0]!] as string });
    }
    out.push({ type: r.type, events });
  }
  return out;
}

/** Checks a parsed OSV record and splits it into the entries the database keeps. */
export function compactRecord(raw: unknown): CompactResult {
  if (!isRecord(raw)) return { kind: 'bad', reason: 'not a JSON object' };
  const id = raw.id;
  if (!isString(id) || id.trim() === '') return { kind: 'bad', reason: 'no "id"' };
  if (raw.withdrawn !== undefined && raw.withdrawn !== null) return { kind: 'withdrawn', id };
  if (raw.affected !== undefined && !Array.isArray(raw.affected)) return { kind: 'bad', reason: `${id}: "affected" is not an array` };
  const affected = (raw.affected ?? []) as unknown[];
  if (affected.length > MAX_AFFECTED) return { kind: 'bad', reason: `${id}: more than ${MAX_AFFECTED} affected entries` };
  const modified = isString(raw.modified) ? raw.modified : '';
  // the entries of the record per (ecosystem, package name)
  const groups = new Map<string, { ecosystem: string; name: string; list: OsvAffected[]; kept: DbEntry['affected'] }>();
  for (const a of affected) {
    if (!isRecord(a)) return { kind: 'bad', reason: `${id}: an "affected" entry is not an object` };
    const pkg = a.package;
    // an entry without a package is allowed by the schema (it then names ranges of a GIT repository): nothing to match
    if (pkg === undefined) continue;
    if (!isRecord(pkg) || !isString(pkg.ecosystem) || !isString(pkg.name) || !pkg.ecosystem || !pkg.name) {
      return { kind: 'bad', reason: `${id}: an "affected" package without an ecosystem and a name` };
    }
    const ranges = rangesOf(a);
    if (typeof ranges === 'string') return { kind: 'bad', reason: `${id}: ${ranges}` };
    if (a.versions !== undefined && !Array.isArray(a.versions)) return { kind: 'bad', reason: `${id}: affected[].versions is not an array` };
    const versions = strings(a.versions);
    const key = `${pkg.ecosystem}\0${normalizeName(pkg.ecosystem, pkg.name)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, g = { ecosystem: pkg.ecosystem, name: pkg.name, list: [], kept: [] });
    g.list.push(a as OsvAffected);
    if (ranges.length || versions.length) g.kept.push({ ...(ranges.length ? { ranges } : {}), ...(versions.length ? { versions } : {}) });
  }
  const entries: PlacedEntry[] = [];
  const aliases = cveFirst(strings(raw.aliases));
  const upstream = cveFirst(strings(raw.upstream));
  const summary = summaryOf(raw);
  const references = referencesOf(raw);
  for (const g of groups.values()) {
    if (!g.kept.length) continue; // nothing that could match an installed version
    const sev = severityOf(raw as Pick<OsvRecord, 'severity' | 'database_specific'>, g.list);
    const entry: DbEntry = {
      id, name: g.name,
      ...(aliases.length ? { aliases } : {}),
      ...(upstream.length ? { upstream } : {}),
      ...(summary ? { summary } : {}),
      severity: sev.severity,
      ...(sev.score !== undefined ? { score: sev.score } : {}),
      ...(sev.cvss ? { cvss: sev.cvss } : {}),
      ...(references ? { references } : {}),
      ...(modified ? { modified } : {}),
      affected: g.kept,
    };
    entries.push({ ecosystem: g.ecosystem, key: normalizeName(g.ecosystem, g.name), entry });
  }
  if (!entries.length) return { kind: 'no-packages', id };
  return { kind: 'entries', id, modified, entries };
}
