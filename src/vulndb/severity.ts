// The severity of an OSV record. First a CVSS vector of `severity[]` scored with ae-cvss-calculator
// (the newest CVSS version the record has: 4.0, then 3.1, then 3.0), ranked by the qualitative
// scale of CVSS v3.1 §5 and v4.0 §2 (Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0);
// else the database's own word: GHSA's `database_specific.severity` (CRITICAL, HIGH, MODERATE,
// LOW), Ubuntu's `severity[]` of type "Ubuntu", Debian's `ecosystem_specific.urgency` or an
// `ecosystem_specific.severity`; else unknown.
import cvss from 'ae-cvss-calculator';
import { isRecord } from '../model/guards.js';
import type { VulnerabilitySeverity } from '../model/vulnerability.js';
import type { OsvAffected, OsvRecord, OsvSeverity } from './osv.js';

export interface SeverityResult {
  severity: VulnerabilitySeverity;
  /** The CVSS base score (0–10) the severity came from. */
  score?: number;
  /** The CVSS vector it was computed from. */
  cvss?: string;
}

/** CVSS v3.1 specification §5, Table 14 (the same bands in v4.0): a base score to its rating. */
export function cvssRating(score: number): VulnerabilitySeverity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'unknown'; // 0.0 is "None": no rating of the four
}

const VECTOR_PREFIX: Record<string, RegExp> = {
  CVSS_V4: /^CVSS:4\.0\//,
  CVSS_V3: /^CVSS:3\.[01]\//,
};

/** The base score of a CVSS v3.x or v4.0 vector, or undefined when the vector is not complete and valid. */
export function cvssBaseScore(vector: string): number | undefined {
  try {
    let v: { isBaseFullyDefined(): boolean; calculateScores(): { base?: number } };
    if (vector.startsWith('CVSS:4.0/')) v = new cvss.Cvss4P0(vector);
    else if (vector.startsWith('CVSS:3.1/')) v = new cvss.Cvss3P1(vector);
    else if (vector.startsWith('CVSS:3.0/')) v = new cvss.Cvss3P0(vector);
    else return undefined;
    if (!v.isBaseFullyDefined()) return undefined;
    const base = v.calculateScores().base;
    return typeof base === 'number' && base >= 0 && base <= 10 ? base : undefined;
  } catch {
    return undefined; // the library throws on metrics it does not know
  }
}

const WORDS: Record<string, VulnerabilitySeverity> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  moderate: 'medium',
  medium: 'medium',
  low: 'low',
  // Ubuntu's "negligible" and Debian's "unimportant": an issue, rated below low
  negligible: 'low',
  unimportant: 'low',
};

/** A database's severity word: GHSA, Ubuntu, Debian urgency (`medium**` marks a guess: the mark is dropped). */
export function severityWord(word: unknown): VulnerabilitySeverity | undefined {
  if (typeof word !== 'string') return undefined;
  return WORDS[word.trim().replace(/\*+$/, '').toLowerCase()];
}

function vectors(list: OsvSeverity[] | undefined): OsvSeverity[] {
  return Array.isArray(list) ? list.filter((s) => isRecord(s) && typeof s.score === 'string' && typeof s.type === 'string') : [];
}

/**
 * The severity of a record for one package: `affected` are the record's entries for that package
 * (their own `severity[]` and `ecosystem_specific` count after the record's).
 */
export function severityOf(record: Pick<OsvRecord, 'severity' | 'database_specific'>, affected: OsvAffected[] = []): SeverityResult {
  const all = [...vectors(record.severity), ...affected.flatMap((a) => vectors(a.severity))];
  for (const type of ['CVSS_V4', 'CVSS_V3']) {
    for (const s of all) {
      if (s.type !== type || !VECTOR_PREFIX[type]!.test(s.score)) continue;
      const score = cvssBaseScore(s.score);
      if (score === undefined) continue;
      return { severity: cvssRating(score), score, cvss: s.score };
    }
  }
  const ghsa = isRecord(record.database_specific) ? severityWord(record.database_specific.severity) : undefined;
  if (ghsa) return { severity: ghsa };
  for (const s of all) {
    const w = s.type === 'Ubuntu' ? severityWord(s.score) : undefined;
    if (w) return { severity: w };
  }
  for (const a of affected) {
    const es = a.ecosystem_specific;
    if (!isRecord(es)) continue;
    const w = severityWord(es.severity) ?? severityWord(es.urgency);
    if (w) return { severity: w };
  }
  return { severity: 'unknown' };
}
