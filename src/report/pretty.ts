// The terminal report: summary by section and severity, then failed controls with their
// resources, locations and the fix in one line. Derived from the JSON report only.
// Every string taken from the report goes through t() (escapeControls) before it is coloured:
// names, paths and messages come from the input and must not drive the terminal.
import { SEVERITIES, type ControlResult, type Finding, type ScanReport, type Severity } from '../model/types.js';
import { escapeControls as t } from './safe-text.js';

export interface PrettyOptions {
  color: boolean;
  verbose: boolean;
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1, dim: 2 } as const;
type Style = keyof typeof CODES;

const SEVERITY_STYLE: Record<Severity, Style> = { critical: 'magenta', high: 'red', medium: 'yellow', low: 'blue' };
/** How many resources to list under one failed control before summarising the rest. */
const MAX_RESOURCES = 20;

export function formatPretty(report: ScanReport, options: PrettyOptions): string {
  const paint = (style: Style, text: string) => (options.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
  const out: string[] = [];
  const resources = new Map(report.resources.map((r) => [r.id, r]));
  const findingsByControl = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = findingsByControl.get(f.controlId) ?? [];
    list.push(f);
    findingsByControl.set(f.controlId, list);
  }

  const fw = report.frameworks[0];
  const s = report.summary;
  out.push(paint('bold', `Palisade ${t(report.tool.version)} — ${fw ? `${t(fw.title)} v${t(fw.version)}` : 'scan'}`));
  const clusters = report.targets.filter((x) => x.type === 'cluster')
    .map((x) => ` · cluster context "${t(x.context ?? '')}"${x.version ? ` (${t(x.version)})` : ''}`).join('');
  out.push(`Scanned ${s.resources} resource(s) from ${s.documents} document(s)${clusters}`
    + (s.ignoredDocuments ? `, ${s.ignoredDocuments} ignored (not Kubernetes objects, or Helm test hooks)` : '')
    + (s.errors ? `, ${paint('red', `${s.errors} input error(s)`)}` : '') + '.');
  out.push('');

  // Failed controls, most severe first.
  const failed = report.controls.filter((c) => c.status === 'failed')
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id));
  for (const c of failed) {
    out.push(`${paint(SEVERITY_STYLE[c.severity], c.severity.toUpperCase().padEnd(8))} ${paint('bold', t(c.id))} — ${t(c.title)} `
      + paint('gray', `(${c.counts.failed}/${c.counts.evaluated} failed${c.aliases.length ? `, ${t(c.aliases.join(', '))}` : ''})`));
    const list = (findingsByControl.get(c.id) ?? []).filter((f) => f.status === 'failed');
    for (const f of list.slice(0, MAX_RESOURCES)) {
      const r = resources.get(f.resourceId);
      const name = r ? `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}` : f.resourceId;
      out.push(`    ${t(name)}`);
      for (const p of f.paths) {
        const loc = p.location;
        // an object read from a cluster has no file: the line above names it, the field path says where
        const where = r?.source.type === 'cluster' ? p.path
          : loc?.line ? `${loc.file}:${loc.line}:${loc.column}` : loc?.file ?? r?.source.file ?? '';
        out.push(`      ${paint('cyan', t(where))}  ${t(p.message)}`);
      }
      if (f.fix?.command) out.push(`      ${paint('green', '$')} ${t(f.fix.command)}`);
    }
    if (list.length > MAX_RESOURCES) out.push(paint('gray', `    … and ${list.length - MAX_RESOURCES} more resource(s) (see --format json)`));
    const fix = list.find((f) => f.fix)?.fix?.description;
    out.push(`    ${paint('green', 'fix:')} ${t(oneLine(fix ? `${fix}. ` : ''))}${t(oneLine(c.remediation))}`);
    out.push('');
  }

  const excepted = report.findings.filter((f) => f.status === 'excepted');
  if (excepted.length) {
    out.push(paint('bold', `Excepted (${excepted.length})`));
    for (const f of excepted.slice(0, MAX_RESOURCES)) {
      out.push(`    ${t(f.controlId)}  ${t(f.resourceId)}  ${paint('gray', t(f.exception?.reason ?? ''))}`);
    }
    out.push('');
  }

  if (options.verbose) {
    const passed = report.controls.filter((c) => c.status === 'passed');
    if (passed.length) {
      out.push(paint('bold', 'Passed'));
      for (const c of passed) out.push(`    ${paint('green', '✓')} ${t(c.id)} — ${t(c.title)} (${c.counts.evaluated} evaluated)`);
      out.push('');
    }
    if (report.ignored?.length) {
      out.push(paint('bold', 'Ignored documents'));
      for (const i of report.ignored) out.push(`    ${t(i.file)}${i.line ? `:${i.line}` : ''}  ${t(i.reason)}`);
      out.push('');
    }
  }

  const skipped = report.controls.filter((c) => c.status === 'skipped');
  if (skipped.length) {
    out.push(paint('bold', `Skipped (${skipped.length})`));
    for (const c of skipped) out.push(`    ${t(c.id)}  ${paint('gray', t(c.reason ?? ''))}`);
    out.push('');
  }

  // Summary by section and severity.
  if (fw) {
    out.push(paint('bold', 'Summary'));
    const rows: string[][] = [['section', ...SEVERITIES, 'compliance']];
    for (const section of fw.sections) {
      const cs = report.controls.filter((c) => section.controls.includes(c.id));
      if (cs.length === 0) continue;
      rows.push([t(section.title), ...SEVERITIES.map((sev) => cell(cs.filter((c) => c.severity === sev))), pct(section.compliance)]);
    }
    out.push(...table(rows).map((l) => `    ${l}`));
    out.push('');
  }
  const risk = s.risk;
  out.push(`Compliance ${paint('bold', pct(s.compliance))} · Coverage ${paint('bold', pct(s.coverage))} `
    + `(${fw?.evaluatedControls ?? 0}/${fw?.controls ?? 0} controls evaluated) · Risk ${paint(risk >= 50 ? 'red' : risk >= 20 ? 'yellow' : 'green', String(risk))}/100`);
  out.push(`Controls: ${paint('red', `${s.controls.failed} failed`)}, ${paint('green', `${s.controls.passed} passed`)}, ${s.controls.skipped} skipped · `
    + `Failed findings: ${SEVERITIES.map((sev) => `${s.failedBySeverity[sev]} ${sev}`).join(', ')}`);
  if (report.errors.length) {
    out.push('');
    out.push(paint('red', 'Input errors (these parts of the input were not scanned):'));
    for (const e of report.errors) out.push(`    ${t(e.file)}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}: ${t(e.message)}`);
  }
  return out.join('\n') + '\n';
}

/** "failed/evaluated" resource counts of the controls of one severity, or "-" when there are none. */
function cell(cs: ControlResult[]): string {
  const evaluated = cs.filter((c) => c.status !== 'skipped');
  if (evaluated.length === 0) return '-';
  const failedControls = evaluated.filter((c) => c.status === 'failed').length;
  return `${failedControls}/${evaluated.length} failed`;
}

function pct(n: number | null): string {
  return n === null ? 'n/a' : `${n}%`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}
