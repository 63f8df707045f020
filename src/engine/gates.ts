// CI gates: which of the requested gates the report trips.
import { UsageError } from '../model/errors.js';
import { SEVERITIES, type ScanReport, type Severity } from '../model/types.js';
import { findFramework, frameworkNames } from '../frameworks/index.js';
import { didYouMean } from './suggest.js';

/**
 * A percentage gate for each framework scored: `all` applies to every framework, `frameworks`
 * (framework id → percent) to those named, overriding `all`.
 */
export interface Threshold {
  all?: number;
  frameworks?: Record<string, number>;
}

export interface Gates {
  failOn?: Severity;
  /** Trips on an open attack path at or above this severity (issue 14); excepted paths never trip it. */
  failOnPath?: Severity;
  complianceThreshold?: Threshold;
  minCoverage?: Threshold;
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
  if (gates.failOnPath) {
    const rank = SEVERITIES.indexOf(gates.failOnPath);
    const hits = report.attackPaths.filter((p) => p.status === 'open' && SEVERITIES.indexOf(p.severity) <= rank);
    if (hits.length) {
      const top = hits[0];
      out.push(`--fail-on-path ${gates.failOnPath}: ${hits.length} attack path(s) at ${gates.failOnPath} or above, the first on ${top.workload.kind} `
        + `${top.workload.namespace ? `${top.workload.namespace}/` : ''}${top.workload.name} (${top.severity}, score ${top.score})`);
    }
  }
  for (const fw of report.frameworks) {
    // a scan narrowed to some sections (node-only) is judged on those: say which
    const full = findFramework(fw.id);
    const scope = full && fw.sections.length < full.sections.length ? ` (${fw.sections.map((s) => s.id).join(', ')})` : '';
    const compliance = thresholdFor(gates.complianceThreshold, fw.id);
    if (compliance !== undefined) {
      if (fw.compliance === null) {
        out.push(`--compliance-threshold ${compliance}: no control could be evaluated, so ${fw.id}${scope} compliance is unknown`);
      } else if (fw.compliance < compliance) {
        out.push(`--compliance-threshold ${compliance}: ${fw.id}${scope} compliance is ${fw.compliance}%`);
      }
    }
    const coverage = thresholdFor(gates.minCoverage, fw.id);
    if (coverage !== undefined && fw.coverage < coverage) {
      out.push(`--min-coverage ${coverage}: only ${fw.coverage}% of ${fw.id}'s controls${scope} could be evaluated`);
    }
  }
  return out;
}

function thresholdFor(t: Threshold | undefined, framework: string): number | undefined {
  return t?.frameworks?.[framework] ?? t?.all;
}

/**
 * `80` (every framework), `nsa=80,mitre=60` (per framework, by id or alias), or both (`70,mitre=50`):
 * an unknown framework name or a value outside 0–100 is a usage error.
 */
export function parseThreshold(value: string | number, what: string): Threshold {
  if (typeof value === 'number') return { all: parsePercent(value, what) };
  const out: Threshold = {};
  for (const part of value.split(',').map((p) => p.trim())) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (out.all !== undefined) throw new UsageError(`${what}: two values for every framework in "${value}"`);
      out.all = parsePercent(part, what);
      continue;
    }
    const name = part.slice(0, eq).trim();
    const fw = findFramework(name);
    if (!fw) throw new UsageError(`${what}: unknown framework "${name}"${didYouMean(name, frameworkNames())} (known: ${frameworkNames().join(', ')})`);
    (out.frameworks ??= {})[fw.id] = parsePercent(part.slice(eq + 1), `${what} ${name}`);
  }
  return out;
}

/** A threshold naming a framework the scan is not scored against would never trip: a usage error. */
export function checkThresholdFrameworks(t: Threshold | undefined, what: string, scored: readonly string[]): void {
  for (const id of Object.keys(t?.frameworks ?? {})) {
    if (!scored.includes(id)) throw new UsageError(`${what}: ${id} is not scored in this scan (frameworks: ${scored.join(', ')}; add it with --framework)`);
  }
}
