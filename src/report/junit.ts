// JUnit XML for CI test-report views: a testsuite per guidance section, a testcase per control;
// a testsuite per scanned image, a testcase per vulnerability (junit-vulnerabilities.ts).
// Failed controls carry a <failure> listing resources, file:line locations and the fix; skipped ones
// a <skipped> with the reason; excepted findings are noted in <system-out>. Input errors, when
// there are any, form one more testsuite of <error>s. Derived from the JSON report only.
import type { ControlResult, Finding, ReportResource, ScanReport } from '../model/types.js';
import { findingsByControl, resourceLabel, resourcesById, whereText } from './report-lookups.js';
import { xmlAttr, xmlEscape } from './xml.js';
import { imageSuites } from './junit-vulnerabilities.js';

interface Suite { id: string; title: string; controls: ControlResult[] }

export function formatJunit(report: ScanReport): string {
  const byControl = findingsByControl(report);
  const resources = resourcesById(report);
  const suites = suitesOf(report);
  const fw = report.frameworks[0];
  const time = seconds(report.summary.durationMs);
  const body = suites.map((s) => suiteXml(s, report, byControl, resources));
  let tests = 0, failures = 0, skipped = 0;
  for (const s of suites) {
    tests += s.controls.length;
    failures += s.controls.filter((c) => c.status === 'failed').length;
    skipped += s.controls.filter((c) => c.status === 'skipped').length;
  }
  const images = imageSuites(report);
  for (const x of images.xml) body.push(x);
  tests += images.counts.tests;
  failures += images.counts.failures;
  skipped += images.counts.skipped;
  if (report.errors.length) body.push(errorSuite(report));
  const errors = report.errors.length;
  tests += errors;
  const name = fw ? `Palisade ${fw.title} v${fw.version}` : 'Palisade';
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<testsuites name="${xmlAttr(name)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}" timestamp="${xmlAttr(report.generatedAt)}">\n`
    + body.join('')
    + '</testsuites>\n';
}

/** The framework's sections, in order, restricted to the controls the report has; controls in no section go last. */
function suitesOf(report: ScanReport): Suite[] {
  const controls = new Map(report.controls.map((c) => [c.id, c]));
  const placed = new Set<string>();
  const suites: Suite[] = [];
  for (const section of report.frameworks[0]?.sections ?? []) {
    const list = section.controls.flatMap((id) => {
      const c = controls.get(id);
      if (!c || placed.has(id)) return [];
      placed.add(id);
      return [c];
    });
    if (list.length) suites.push({ id: section.id, title: section.title, controls: list });
  }
  const rest = report.controls.filter((c) => !placed.has(c.id));
  if (rest.length) suites.push({ id: 'other', title: 'Controls outside the framework', controls: rest });
  return suites;
}

function suiteXml(s: Suite, report: ScanReport, byControl: Map<string, Finding[]>, resources: Map<string, ReportResource>): string {
  const failures = s.controls.filter((c) => c.status === 'failed').length;
  const skipped = s.controls.filter((c) => c.status === 'skipped').length;
  const cases = s.controls.map((c) => caseXml(c, byControl.get(c.id) ?? [], resources)).join('');
  return `  <testsuite name="${xmlAttr(s.title)}" id="${xmlAttr(s.id)}" tests="${s.controls.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0" timestamp="${xmlAttr(report.generatedAt)}">\n`
    + cases
    + '  </testsuite>\n';
}

function caseXml(c: ControlResult, findings: Finding[], resources: Map<string, ReportResource>): string {
  const open = `    <testcase classname="${xmlAttr(c.id)}" name="${xmlAttr(c.title)}" time="0">`;
  const parts: string[] = [];
  if (c.status === 'failed') {
    const failed = findings.filter((f) => f.status === 'failed');
    const message = `${c.counts.failed} of ${c.counts.evaluated} resource(s) failed (${c.severity})`;
    parts.push(`      <failure message="${xmlAttr(message)}" type="${xmlAttr(c.severity)}">${xmlEscape(failureText(c, failed, resources))}</failure>\n`);
  } else if (c.status === 'skipped') {
    parts.push(`      <skipped message="${xmlAttr(c.reason ?? 'nothing to evaluate')}"/>\n`);
  }
  const excepted = findings.filter((f) => f.status === 'excepted');
  if (excepted.length) {
    const lines = excepted.map((f) => `excepted: ${resourceLabel(f.resourceId, resources.get(f.resourceId))} (${f.resourceId}): ${f.exception?.reason ?? ''}`
      + (f.exception?.expires ? ` (until ${f.exception.expires})` : ''));
    parts.push(`      <system-out>${xmlEscape(lines.join('\n'))}</system-out>\n`);
  }
  return parts.length ? `${open}\n${parts.join('')}    </testcase>\n` : `${open}</testcase>\n`;
}

function failureText(c: ControlResult, failed: Finding[], resources: Map<string, ReportResource>): string {
  const lines: string[] = [`${c.title} (${c.id}${c.aliases.length ? `, ${c.aliases.join(', ')}` : ''}), ${c.severity} severity`, ''];
  for (const f of failed) {
    const r = resources.get(f.resourceId);
    lines.push(`${resourceLabel(f.resourceId, r)} (${f.resourceId})`);
    for (const p of f.paths) lines.push(`  ${whereText(p) ?? p.path}  ${p.message}`);
    if (!f.paths.length) lines.push(`  ${r?.source.file ?? ''}  ${f.message}`);
    if (f.fix) lines.push(`  fix: ${f.fix.description}`);
  }
  lines.push('', `Remediation: ${c.remediation}`);
  return lines.join('\n');
}

function errorSuite(report: ScanReport): string {
  const cases = report.errors.map((e) => {
    const where = e.line ? `${e.file}:${e.line}${e.column ? `:${e.column}` : ''}` : e.file;
    return `    <testcase classname="input" name="${xmlAttr(where)}" time="0">\n`
      + `      <error message="${xmlAttr(e.message)}" type="input-error">${xmlEscape(`${where}: ${e.message}`)}</error>\n`
      + '    </testcase>\n';
  }).join('');
  return `  <testsuite name="Input" id="input" tests="${report.errors.length}" failures="0" errors="${report.errors.length}" skipped="0" time="0" timestamp="${xmlAttr(report.generatedAt)}">\n`
    + cases + '  </testsuite>\n';
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
