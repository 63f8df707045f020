// --severity: the report as shown, with only the controls, findings and vulnerabilities of some severities — a
// display filter, as Trivy's --severity is. The summary, the frameworks and the scores still count
// every selected control: a compliance score must not rise because high findings are hidden.
import { SEVERITIES, type ScanReport, type Severity } from '../model/types.js';

export function showSeverities(report: ScanReport, severities: readonly Severity[]): ScanReport {
  const keep = new Set(severities);
  return {
    ...report,
    controls: report.controls.filter((c) => keep.has(c.severity)),
    findings: report.findings.filter((f) => keep.has(f.severity)),
    // vulnerabilities of `unknown` severity are shown only without --severity (it names the four)
    vulnerabilities: report.vulnerabilities.filter((v) => v.severity !== 'unknown' && keep.has(v.severity)),
    filter: { severities: SEVERITIES.filter((s) => keep.has(s)) },
  };
}
