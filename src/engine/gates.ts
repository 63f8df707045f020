// CI gates: which of the requested gates the report trips.
import { UsageError } from '../model/errors.js';
import { SEVERITIES, type ScanReport, type Severity } from '../model/types.js';
import { findFramework } from '../frameworks/index.js';

export interface Gates {
  failOn?: Severity;
  complianceThreshold?: number;
  minCoverage?: number;
}

export function parseSeverity(value: string, what: string): Severity {
  const v = value.trim().toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(v)) {
    throw new UsageError(`${what}: unknown severity "${value}" (one of ${SEVERITIES.join(', ')})`);
  }
  return v as Severity;
}

export function parsePercent(value: string | number, what: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100 || (typeof value === 'string' && value.trim() === '')) {
    throw new UsageError(`${what}: expected a number from 0 to 100, got "${value}"`);
  }
  return n;
}

/** Returns one line per tripped gate; empty when all pass. Skipped controls never trip a gate. */
export function trippedGates(report: ScanReport, gates: Gates): string[] {
  const out: string[] = [];
  if (gates.failOn) {
    const rank = SEVERITIES.indexOf(gates.failOn);
    const hits = report.findings.filter((f) => f.status === 'failed' && SEVERITIES.indexOf(f.severity) <= rank);
    // Vulnerabilities count too. `unknown` (no CVSS vector, no ecosystem severity) never counts:
    // it is below no severity and above none, and a gate must not trip on a guess.
    const vulns = report.vulnerabilities.filter((v) => v.status === 'failed' && v.severity !== 'unknown'
      && SEVERITIES.indexOf(v.severity) <= rank).length;
    if (hits.length || vulns) {
      const what = [hits.length ? `${hits.length} failed finding(s)` : '', vulns ? `${vulns} vulnerabilit${vulns === 1 ? 'y' : 'ies'}` : '']
        .filter(Boolean).join(' and ');
      out.push(`--fail-on ${gates.failOn}: ${what} at ${gates.failOn} or above`);
    }
  }
  const fw = report.frameworks[0];
  // a scan narrowed to some sections (node-only) is judged on those: say which
  const full = fw ? findFramework(fw.id) : undefined;
  const scope = fw && full && fw.sections.length < full.sections.length ? ` (${fw.sections.map((s) => s.id).join(', ')})` : '';
  if (gates.complianceThreshold !== undefined && fw) {
    if (fw.compliance === null) {
      out.push(`--compliance-threshold ${gates.complianceThreshold}: no control could be evaluated, so ${fw.id}${scope} compliance is unknown`);
    } else if (fw.compliance < gates.complianceThreshold) {
      out.push(`--compliance-threshold ${gates.complianceThreshold}: ${fw.id}${scope} compliance is ${fw.compliance}%`);
    }
  }
  if (gates.minCoverage !== undefined && fw && fw.coverage < gates.minCoverage) {
    out.push(`--min-coverage ${gates.minCoverage}: only ${fw.coverage}% of ${fw.id}'s controls${scope} could be evaluated`);
  }
  return out;
}
