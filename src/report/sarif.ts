// SARIF 2.1.0: one rule per control, one result per (control, resource, failing path), for
// GitHub code scanning and other SARIF viewers; image vulnerabilities as a rule per advisory and a
// result per vulnerability (sarif-vulnerabilities.ts). Derived from the JSON report only.
import type { ControlResult, ScanReport, Severity } from '../model/types.js';
import { distinctFingerprints, resultsForFinding, SARIF_LEVEL, type ResultContext } from './sarif-results.js';
import { artifactUri, resourcesById, rootUri } from './report-lookups.js';
import { vulnerabilityResults, vulnerabilityRules } from './sarif-vulnerabilities.js';
import { attackPathResults, attackPathRules } from './sarif-attack-paths.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_URI = 'https://github.com/palisade-dev/palisade';
export const CONTROL_DOCS = `${TOOL_URI}/blob/main/docs/controls/`;

/** The numbers GitHub code scanning maps to its critical/high/medium/low. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5', high: '8.0', medium: '5.5', low: '3.0',
};

/**
 * `root`: the directory artifact URIs are relative to, given as `%SRCROOT%` in originalUriBaseIds.
 * The CLI passes the repository root of the scanned path (or --sarif-root), so that GitHub code
 * scanning, which places alerts by paths from the repository root, finds the file whatever
 * directory was scanned.
 */
export function formatSarif(report: ScanReport, options: { root: string; indent?: number }): string {
  const ruleIndex = new Map(report.controls.map((c, i) => [c.id, i]));
  const ctx: ResultContext = { root: options.root, ruleIndex, resources: resourcesById(report) };
  const results: Array<{ message: { text: string }; partialFingerprints: Record<string, string> }> = distinctFingerprints([
    ...report.findings.filter((f) => f.status !== 'passed').flatMap((f) => resultsForFinding(f, ctx)),
    // image vulnerabilities: their rules come after the controls'
    ...vulnerabilityResults(report, options.root, report.controls.length),
    // attack paths: their one rule comes after the advisories'
    ...attackPathResults(report, options.root, report.controls.length + vulnerabilityRules(report).length),
  ]);
  const fw = report.frameworks[0];
  const run = {
    tool: {
      driver: {
        name: 'Palisade',
        fullName: 'Palisade Kubernetes security-posture scanner',
        version: report.tool.version,
        semanticVersion: report.tool.version,
        informationUri: TOOL_URI,
        rules: [...report.controls.map(rule), ...vulnerabilityRules(report), ...attackPathRules(report)],
      },
    },
    invocations: [invocation(report, options.root, ruleIndex)],
    originalUriBaseIds: { '%SRCROOT%': { uri: rootUri(options.root) } },
    columnKind: 'utf16CodeUnits',
    results,
    properties: {
      framework: fw ? `${fw.id} ${fw.version}` : undefined,
      compliance: report.summary.compliance,
      coverage: report.summary.coverage,
      risk: report.summary.risk,
    },
  };
  return JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, null, options.indent ?? 2) + '\n';
}

function rule(c: ControlResult) {
  const helpUri = `${CONTROL_DOCS}${encodeURIComponent(c.id)}.md`;
  const about = `${c.severity} severity, section ${c.section}${c.aliases.length ? `, also ${c.aliases.join(', ')}` : ''}`;
  return {
    id: c.id,
    name: pascalCase(c.id),
    shortDescription: { text: c.title },
    fullDescription: { text: c.rationale },
    help: {
      text: `${c.title} (${about}).\n\n${c.rationale}\n\nRemediation: ${c.remediation}\n\nDocumentation: ${helpUri}`,
      markdown: `**${c.title}** (${about})\n\n${c.rationale}\n\n**Remediation:** ${c.remediation}\n\n[Documentation](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: SARIF_LEVEL[c.severity] },
    properties: {
      tags: ['security', 'kubernetes', c.section, ...c.aliases],
      'security-severity': SECURITY_SEVERITY[c.severity],
      precision: 'high',
    },
  };
}

/** Input errors, warnings and skipped controls, so that a SARIF viewer shows what was not evaluated. */
function invocation(report: ScanReport, root: string, ruleIndex: Map<string, number>) {
  const errors = report.errors.map((e) => ({
    level: 'error' as const,
    message: { text: e.message },
    ...(e.file && e.file !== '<stdin>' ? {
      locations: [{
        physicalLocation: {
          artifactLocation: artifactUri(e.file, root),
          ...(e.line ? { region: { startLine: e.line, ...(e.column ? { startColumn: e.column } : {}) } } : {}),
        },
      }],
    } : {}),
  }));
  const warnings = report.warnings.map((w) => ({ level: 'warning' as const, message: { text: w } }));
  const skipped = report.controls.filter((c) => c.status === 'skipped').map((c) => ({
    level: 'note' as const,
    message: { text: `${c.id} was skipped: ${c.reason ?? 'nothing to evaluate'}` },
    associatedRule: { id: c.id, index: ruleIndex.get(c.id) },
  }));
  return {
    executionSuccessful: report.errors.length === 0,
    toolExecutionNotifications: [...errors, ...warnings],
    toolConfigurationNotifications: skipped,
  };
}

function pascalCase(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}
