// Prometheus text exposition format (0.0.4), e.g. for node_exporter's textfile collector.
// Scores that are null (nothing could be evaluated) are left out rather than written as NaN:
// a missing series is what absent() detects, while NaN compares false and would let alerts pass.
// Derived from the JSON report only.
import { SEVERITIES, type FindingStatus, type ScanReport } from '../model/types.js';
import { VULNERABILITY_SEVERITIES, type ImageSummary, type VulnerabilitySeverity } from '../model/vulnerability.js';

type Labels = Record<string, string>;
interface Sample { labels?: Labels; value: number }

export function formatPrometheus(report: ScanReport): string {
  const s = report.summary;
  const out: string[] = [];
  const metric = (name: string, help: string, samples: Sample[]) => {
    out.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} gauge`);
    for (const x of samples) out.push(`${name}${labelText(x.labels)} ${value(x.value)}`);
  };
  const known = (n: number | null): Sample[] => (n === null ? [] : [{ value: n }]);

  metric('palisade_compliance_score', 'Compliance of the scan against its framework, 0-100 (mean of the evaluated controls); absent when no control could be evaluated.', known(s.compliance));
  metric('palisade_framework_compliance', 'Compliance per framework, 0-100; absent for a framework none of whose controls could be evaluated.',
    report.frameworks.flatMap((f) => (f.compliance === null ? [] : [{ labels: { framework: f.id }, value: f.compliance }])));
  metric('palisade_framework_coverage', 'Percentage of the framework\'s controls that could be evaluated.',
    report.frameworks.map((f) => ({ labels: { framework: f.id }, value: f.coverage })));
  metric('palisade_coverage', 'Percentage of the framework\'s controls that could be evaluated, 0-100.', [{ value: s.coverage }]);
  metric('palisade_risk_score', 'Risk score, 0-100, lower is better: severity-weighted share of failed resources.', [{ value: s.risk }]);
  metric('palisade_control_compliance', 'Compliance per control, 0-100: passed and excepted resources over evaluated ones; absent for skipped controls.',
    report.controls.flatMap((c) => (c.compliance === null ? []
      : [{ labels: { control: c.id, severity: c.severity, section: c.section }, value: c.compliance }])));
  metric('palisade_controls', 'Number of controls by status.',
    (['passed', 'failed', 'skipped'] as const).map((status) => ({ labels: { status }, value: s.controls[status] })));
  metric('palisade_findings', 'Number of (control, resource) results by status, severity and section.', findingSamples(report));
  // always declared (no samples without images), so that the metric set does not depend on the input
  {
    metric('palisade_vulnerabilities', 'Number of failed (not excepted) vulnerabilities by image and severity; unknown: no CVSS vector or ecosystem severity.', vulnerabilitySamples(report));
    metric('palisade_vulnerabilities_excepted', 'Number of vulnerabilities an exception covers, by image.',
      perImage(report, (i) => i.vulnerabilities.excepted));
    metric('palisade_vulnerabilities_fixable', 'Number of failed vulnerabilities that have a fixed version, by image.',
      perImage(report, (i) => i.vulnerabilities.fixable));
    metric('palisade_image_packages', 'Number of packages found in the image.', perImage(report, (i) => i.packageCount));
    metric('palisade_image_judged', '1 when the image\'s packages were matched against the vulnerability database, 0 when they could not be (see the report).',
      perImage(report, (i) => (i.notJudged ? 0 : 1), Math.min));
  }
  metric('palisade_attack_paths', 'Number of attack paths (palisade explain path) by severity; status excepted: exceptions broke them.',
    (['open', 'excepted'] as const).flatMap((status) => SEVERITIES.map((severity) => ({
      labels: { status, severity }, value: report.attackPaths.filter((p) => p.status === status && p.severity === severity).length,
    }))));
  metric('palisade_resources', 'Number of resources scanned.', [{ value: s.resources }]);
  metric('palisade_input_errors', 'Number of inputs that could not be read.', [{ value: s.errors }]);
  metric('palisade_scan_duration_seconds', 'How long the scan took, in seconds.', [{ value: s.durationMs / 1000 }]);
  metric('palisade_scan_timestamp_seconds', 'When the report was generated, in seconds since the Unix epoch.', [{ value: Date.parse(report.generatedAt) / 1000 }]);
  return out.join('\n') + '\n';
}

/** Counts from each control's per-status counts, with a zero for every combination so that series never vanish. */
function findingSamples(report: ScanReport): Sample[] {
  const sections = [...new Set(report.controls.map((c) => c.section))];
  const statuses: FindingStatus[] = ['failed', 'passed', 'excepted'];
  const counts = new Map<string, number>();
  const key = (status: string, severity: string, section: string) => `${status}\u0000${severity}\u0000${section}`;
  for (const c of report.controls) {
    for (const status of statuses) {
      const k = key(status, c.severity, c.section);
      counts.set(k, (counts.get(k) ?? 0) + c.counts[status]);
    }
  }
  return statuses.flatMap((status) => SEVERITIES.flatMap((severity) => sections.map((section) => ({
    labels: { status, severity, section },
    value: counts.get(key(status, severity, section)) ?? 0,
  }))));
}

/**
 * Per image (by reference; the same reference read for two platforms is summed, so that no two
 * samples share labels) and severity, with a zero for every severity so that series never vanish.
 * Counted from the images' summaries: every vulnerability, whatever --severity shows.
 */
function vulnerabilitySamples(report: ScanReport): Sample[] {
  const counts = new Map<string, Record<VulnerabilitySeverity, number>>();
  for (const i of report.images ?? []) {
    const c = counts.get(i.ref) ?? Object.fromEntries(VULNERABILITY_SEVERITIES.map((sev) => [sev, 0])) as Record<VulnerabilitySeverity, number>;
    for (const sev of VULNERABILITY_SEVERITIES) c[sev] += i.vulnerabilities.failed[sev];
    counts.set(i.ref, c);
  }
  return [...counts].flatMap(([image, c]) => VULNERABILITY_SEVERITIES.map((severity) => ({ labels: { image, severity }, value: c[severity] })));
}

function perImage(report: ScanReport, f: (i: ImageSummary) => number, combine = (a: number, b: number) => a + b): Sample[] {
  const counts = new Map<string, number>();
  for (const i of report.images ?? []) {
    const seen = counts.get(i.ref);
    counts.set(i.ref, seen === undefined ? f(i) : combine(seen, f(i)));
  }
  return [...counts].map(([image, value]) => ({ labels: { image }, value }));
}

function labelText(labels: Labels | undefined): string {
  if (!labels) return '';
  return `{${Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

/** Label values: backslash, double quote and newline are escaped. */
export function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text: backslash and newline are escaped. */
function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function value(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}
