// OSV records (https://ossf.github.io/osv-schema/, schema 1.6) and whether a version is affected,
// as the schema's "Evaluation" pseudo-code says (section "affected[].ranges[].events").
import { comparatorFor, osvSemver } from './versions/index.js';
import type { VersionComparator } from './versions/index.js';

/** One event of a range: exactly one of its fields is set. */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: 'ECOSYSTEM' | 'SEMVER' | 'GIT' | string;
  repo?: string;
  events: OsvEvent[];
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
  severity?: OsvSeverity[];
}

export interface OsvSeverity {
  type: string;
  score: string;
}

/** The fields of an OSV record Palisade reads. */
export interface OsvRecord {
  schema_version?: string;
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  upstream?: string[];
  related?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: { type: string; url: string }[];
  database_specific?: Record<string, unknown>;
}

/** The verdict on one installed version against one `affected` entry. */
export interface AffectedVerdict {
  affected: boolean;
  /** The first `fixed` event above the version, in the range that includes it, when there is one. */
  fixed?: string;
}

/** OSV: `"introduced": "0"` is "the earliest version", below every other. */
const ZERO = '0';

function eventVersion(e: OsvEvent): string | undefined {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
}

/** The ordering a range is evaluated in: SEMVER ranges are SemVer 2.0.0 whatever the ecosystem. */
function rangeComparator(range: OsvRange, ecosystem: string): VersionComparator | undefined {
  if (range.type === 'SEMVER') {
    // the ecosystem's own SemVer reading when it has one: Go's knows `v1.2.3` and `go1.21rc2`
    const own = comparatorFor(ecosystem);
    return own && (own.name === 'go' || own.name === 'semver') ? own : osvSemver;
  }
  if (range.type === 'ECOSYSTEM') return comparatorFor(ecosystem);
  return undefined; // GIT ranges name commits, which an installed package does not carry
}

/**
 * Whether `version` lies in the range, as the schema's pseudo-code does it:
 *
 *     sort the events by version ("0" lowest)
 *     vulnerable = false
 *     for evt in sorted events:
 *       if evt.introduced and v >= evt.introduced: vulnerable = true
 *       elif evt.fixed and v >= evt.fixed: vulnerable = false
 *       elif evt.last_affected and v > evt.last_affected: vulnerable = false
 *
 * and, when the range has `limit` events, the version must be below one of them. Returns undefined
 * when the range cannot be evaluated (a GIT range, an ecosystem without an ordering, or a version
 * of the range or the installed one that the ordering cannot place).
 */
export function inRange(version: string, range: OsvRange, ecosystem: string): AffectedVerdict | undefined {
  const cmp = rangeComparator(range, ecosystem);
  if (!cmp || !Array.isArray(range.events) || !cmp.valid(version)) return undefined;
  const events: { e: OsvEvent; v: string }[] = [];
  let unlimited = false;
  for (const e of range.events) {
    const v = eventVersion(e);
    if (typeof v !== 'string') return undefined;
    // `"limit": "*"` is no limit at all (the schema's "limit" event)
    if (e.limit === '*') {
      unlimited = true;
      continue;
    }
    if (!(e.introduced === ZERO) && !cmp.valid(v)) return undefined;
    events.push({ e, v });
  }
  const order = (a: { e: OsvEvent; v: string }, b: { e: OsvEvent; v: string }): number => {
    const az = a.e.introduced === ZERO;
    const bz = b.e.introduced === ZERO;
    if (az || bz) return az && bz ? 0 : az ? -1 : 1;
    return cmp.compare(a.v, b.v);
  };
  // Array.prototype.sort is stable: events at the same version keep the record's order
  events.sort(order);
  const limits = events.filter((x) => x.e.limit !== undefined);
  if (!unlimited && limits.length && !limits.some((x) => cmp.compare(version, x.v) < 0)) return { affected: false };
  let vulnerable = false;
  let introducedAt = -1;
  events.forEach((x, i) => {
    const { e, v } = x;
    if (e.introduced !== undefined) {
      if (e.introduced === ZERO || cmp.compare(version, v) >= 0) {
        vulnerable = true;
        introducedAt = i;
      }
    } else if (e.fixed !== undefined) {
      if (cmp.compare(version, v) >= 0) vulnerable = false;
    } else if (e.last_affected !== undefined) {
      if (cmp.compare(version, v) > 0) vulnerable = false;
    }
  });
  if (!vulnerable) return { affected: false };
  // the fix that applies: the first `fixed` event after the introduction the version is under
  const fix = events.slice(introducedAt + 1).find((x) => x.e.fixed !== undefined && cmp.compare(version, x.v) < 0);
  return fix ? { affected: true, fixed: fix.v } : { affected: true };
}

/**
 * The schema's IsAffected for one `affected` entry: in one of its ECOSYSTEM/SEMVER ranges, or
 * listed in `versions` (an exact list: "v in affected.versions", in the ecosystem's canonical
 * spelling, e.g. Go's without the `v`). When several ranges include the version, the lowest fix
 * applies.
 */
export function evaluateAffected(version: string, affected: Pick<OsvAffected, 'ranges' | 'versions'>, ecosystem: string): AffectedVerdict {
  const cmp = comparatorFor(ecosystem);
  let hit = false;
  let fixed: string | undefined;
  let fixCmp: VersionComparator | undefined;
  for (const range of affected.ranges ?? []) {
    const r = inRange(version, range, ecosystem);
    if (!r?.affected) continue;
    hit = true;
    if (r.fixed === undefined) continue;
    const rc = rangeComparator(range, ecosystem)!;
    if (fixed === undefined || (fixCmp === rc && rc.compare(r.fixed, fixed) < 0)) {
      fixed = r.fixed;
      fixCmp = rc;
    }
  }
  if (hit) return fixed === undefined ? { affected: true } : { affected: true, fixed };
  const canonical = cmp ? cmp.canonical(version) : version;
  const listed = (affected.versions ?? []).some((v) => v === version || (cmp !== undefined && cmp.canonical(v) === canonical));
  return { affected: listed };
}
