// The terminal report: summary by section and severity, then failed controls with their
// resources, locations and the fix in one line. Derived from the JSON report only.
// Every string taken from the report goes through t() (escapeControls) before it is coloured:
// names, paths and messages come from the input and must not drive the terminal.
//
// Skipped controls are grouped by reason (skip-groups.ts); --verbose lists each one. With a width
// (stdout is a terminal), every line is wrapped to it with a hanging indent (wrap.ts): a message
// continues under the message, a fix under the fix. Without one (a pipe, a file) nothing is
// wrapped, so each finding stays one line for grep.
import { SEVERITIES, type ControlResult, type ScanReport, type Severity } from '../model/types.js';
import { escapeControls as t } from './safe-text.js';
import { groupSkipped, isNote, type SkipEntry } from './skip-groups.js';
import { visibleWidth, wrapLine } from './wrap.js';
import { exceptionScope, findingsByControl } from './report-lookups.js';
import { vulnerabilitySection, vulnerabilityTotals } from './pretty-vulnerabilities.js';
import { attackPathSection } from './pretty-attack-paths.js';

export interface PrettyOptions {
  color: boolean;
  verbose: boolean;
  /**
   * The terminal's width (stdout's columns): lines are wrapped to it. Undefined when stdout is not
   * a terminal: no wrapping at all.
   */
  width?: number;
}

const CODES = {
  red: '31', green: '32', yellow: '33', blue: '34', magenta: '35', cyan: '36', gray: '90', bold: '1', dim: '2',
  // bold on a red background: critical stands out from high's red
  alarm: '1;41',
} as const;
export type Style = keyof typeof CODES;

const SEVERITY_STYLE: Record<Severity, Style> = { critical: 'alarm', high: 'red', medium: 'yellow', low: 'blue' };
/** How many resources (excepted findings, unmatched exceptions) to list before summarising the rest. */
const MAX_RESOURCES = 20;
/** Narrower than this, wrapping is left to the terminal. */
const MIN_WIDTH = 20;

/** One logical line: where its continuation lines start when wrapped, and whether it may be wrapped at all. */
interface Line {
  text: string;
  hang: number;
  /** A command to copy: wrapping it would break the copy; the terminal folds it. */
  nowrap?: boolean;
}

/** Where the sections write: styled logical lines, wrapped to the width once all are written. */
export interface Writer {
  /** The terminal's width, or undefined: nothing is wrapped. */
  readonly width: number | undefined;
  paint(style: Style, text: string): string;
  line(text: string, hang?: number): void;
  /** A command to copy: never wrapped. */
  command(text: string, hang: number): void;
  blank(): void;
  /** A continuation column under the start of a message, when that leaves it room; else `fallback`. */
  under(column: number, fallback: number): number;
}

export function formatPretty(report: ScanReport, options: PrettyOptions): string {
  const width = options.width !== undefined && Number.isFinite(options.width) && options.width >= MIN_WIDTH
    ? Math.floor(options.width) : undefined;
  const out: Line[] = [];
  const w: Writer = {
    width,
    paint: (style, text) => (options.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text),
    line: (text, hang = 0) => { out.push({ text, hang }); },
    command: (text, hang) => { out.push({ text, hang, nowrap: true }); },
    blank: () => { out.push({ text: '', hang: 0 }); },
    under: (column, fallback) =>
      (width === undefined || width - column >= Math.max(24, Math.floor(width * 0.4)) ? column : fallback),
  };

  header(w, report);
  attackPathSection(w, report, options.verbose);
  failedControls(w, report);
  exceptedFindings(w, report);
  vulnerabilitySection(w, report, options.verbose);
  unmatchedExceptions(w, report);
  if (options.verbose) {
    passedControls(w, report);
    ignoredDocuments(w, report);
  }
  skippedControls(w, report, options.verbose);
  summaryTable(w, report);
  totals(w, report);
  vulnerabilityTotals(w, report);
  inputErrors(w, report);

  const text = width === undefined ? out.map((l) => l.text)
    : out.flatMap((l) => (l.nowrap ? [l.text] : wrapLine(l.text, width, l.hang)));
  return text.join('\n') + '\n';
}

/** The tool and framework, and what was scanned. */
function header({ paint, line, blank }: Writer, report: ScanReport): void {
  const fw = report.frameworks[0];
  const s = report.summary;
  line(paint('bold', `Palisade ${t(report.tool.version)} — ${fw ? `${t(fw.title)} v${t(fw.version)}` : 'scan'}`), 2);
  const also = report.frameworks.slice(1);
  if (also.length) line(`Also scored: ${also.map((f) => `${t(f.title)} v${t(f.version)}`).join('; ')}`, 2);
  const clusters = report.targets.filter((x) => x.type === 'cluster')
    .map((x) => ` · cluster context "${t(x.context ?? '')}"${x.version ? ` (${t(x.version)})` : ''}`).join('');
  line(`Scanned ${s.resources} resource(s) from ${s.documents} document(s)${clusters}`
    + (s.ignoredDocuments ? `, ${s.ignoredDocuments} ignored (not Kubernetes objects)` : '')
    + (s.errors ? `, ${paint('red', `${s.errors} input error(s)`)}` : '') + '.', 2);
  if (report.config?.file) line(`Config file: ${t(report.config.file)}`, 2);
  blank();
}

/** Failed controls, most severe first: each with its failing resources, locations, fix and review note. */
function failedControls({ paint, line, command, blank, under }: Writer, report: ScanReport): void {
  const resources = new Map(report.resources.map((r) => [r.id, r]));
  const byControl = findingsByControl(report);
  const failed = report.controls.filter((c) => c.status === 'failed')
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id));
  for (const c of failed) {
    line(`${paint(SEVERITY_STYLE[c.severity], c.severity.toUpperCase().padEnd(8))} ${paint('bold', t(c.id))} — ${t(c.title)} `
      + paint('gray', `(${c.counts.failed}/${c.counts.evaluated} failed${c.aliases.length ? `, ${t(c.aliases.join(', '))}` : ''})`), 9);
    const list = (byControl.get(c.id) ?? []).filter((f) => f.status === 'failed');
    for (const f of list.slice(0, MAX_RESOURCES)) {
      const r = resources.get(f.resourceId);
      const name = r ? `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}` : f.resourceId;
      line(`    ${t(name)}`, 6);
      for (const p of f.paths) {
        const loc = p.location;
        // an object read from a cluster has no file: the line above names it, the field path says where
        const where = t(r?.source.type === 'cluster' ? p.path
          : loc?.line ? `${loc.file}:${loc.line}:${loc.column}` : loc?.file ?? r?.source.file ?? '');
        line(`      ${paint('cyan', where)}  ${t(p.message)}`, under(6 + visibleWidth(where) + 2, 8));
      }
      if (f.fix?.command) command(`      ${paint('green', '$')} ${t(f.fix.command)}`, 8);
    }
    if (list.length > MAX_RESOURCES) line(paint('gray', `    … and ${list.length - MAX_RESOURCES} more resource(s) (see --format json)`), 6);
    const fix = list.find((f) => f.fix)?.fix?.description;
    line(`    ${paint('green', 'fix:')} ${t(oneLine(fix ? `${fix}. ` : ''))}${t(oneLine(c.remediation))}`, 9);
    // automatic fixes that may change how the workload runs: `palisade fix` leaves them to --all
    const automatic = list.filter((f) => f.fix?.edits?.length);
    const review = automatic.filter((f) => f.fix!.safety === 'review');
    if (review.length) {
      const some = review.length < automatic.length ? ` (${review.length} of ${automatic.length})` : '';
      line(`    ${paint('yellow', 'review:')}${some} ${t(oneLine(review[0].fix!.reviewReason ?? ''))}; palisade fix applies it only with --all`, 12);
    }
    blank();
  }
}

/** Excepted findings with the exception's reason. */
function exceptedFindings({ paint, line, blank }: Writer, report: ScanReport): void {
  const excepted = report.findings.filter((f) => f.status === 'excepted');
  if (!excepted.length) return;
  line(paint('bold', `Excepted (${excepted.length})`));
  for (const f of excepted.slice(0, MAX_RESOURCES)) {
    line(`    ${t(f.controlId)}  ${t(f.resourceId)}  ${paint('gray', t(f.exception?.reason ?? ''))}`, 8);
  }
  if (excepted.length > MAX_RESOURCES) line(paint('gray', `    … and ${excepted.length - MAX_RESOURCES} more (see --format json)`), 6);
  blank();
}

/** Exceptions that matched no finding. */
function unmatchedExceptions({ paint, line, blank }: Writer, report: ScanReport): void {
  const unmatched = report.exceptions?.unmatched ?? [];
  if (!unmatched.length) return;
  line(paint('bold', `Exceptions that matched nothing (${unmatched.length})`));
  for (const u of unmatched.slice(0, MAX_RESOURCES)) {
    const controls = exceptionScope(u);
    line(`    ${t(u.source)}  ${t(controls)}  ${paint('gray', t(u.reason))}`, 8);
  }
  if (unmatched.length > MAX_RESOURCES) line(paint('gray', `    … and ${unmatched.length - MAX_RESOURCES} more (see --format json)`), 6);
  blank();
}

/** --verbose: the passed controls. */
function passedControls({ paint, line, blank }: Writer, report: ScanReport): void {
  const passed = report.controls.filter((c) => c.status === 'passed');
  if (!passed.length) return;
  line(paint('bold', 'Passed'));
  for (const c of passed) line(`    ${paint('green', '✓')} ${t(c.id)} — ${t(c.title)} (${c.counts.evaluated} evaluated)`, 6);
  blank();
}

/** --verbose: the documents that are not Kubernetes objects. */
function ignoredDocuments({ paint, line, blank }: Writer, report: ScanReport): void {
  if (!report.ignored?.length) return;
  line(paint('bold', 'Ignored documents'));
  for (const i of report.ignored) line(`    ${t(i.file)}${i.line ? `:${i.line}` : ''}  ${t(i.reason)}`, 8);
  blank();
}

/** Skipped controls: each with its reason under --verbose, else grouped by reason (skip-groups.ts). */
function skippedControls({ paint, line, blank, under }: Writer, report: ScanReport, verbose: boolean): void {
  const skipped = report.controls.filter((c) => c.status === 'skipped');
  if (!skipped.length) return;
  if (verbose) {
    line(paint('bold', `Skipped (${skipped.length})`));
    for (const c of skipped) {
      const id = t(c.id);
      line(`    ${id}  ${paint('gray', t(c.reason ?? ''))}`, under(4 + visibleWidth(id) + 2, 8));
    }
  } else {
    line(`${paint('bold', `Skipped (${skipped.length})`)}, ${paint('gray', 'by reason (--verbose lists each control)')}`, 2);
    const renderEntries = (entries: SkipEntry[], depth: number) => {
      const indent = ' '.repeat(4 + 2 * depth);
      const bullet = depth ? '· ' : '';
      // a continuation line sits under the text after a bullet, and 2 columns in without one
      const hang = indent.length + (bullet ? bullet.length : 2);
      for (const e of entries) {
        if (isNote(e)) {
          line(`${indent}${bullet}${t(e.note)} ${paint('gray', `(${e.controls.length} controls)`)}, and:`, hang);
          renderEntries(e.entries, depth + 1);
        } else {
          const ids = e.controls.length === 1 ? t(e.controls[0]) : `${e.controls.length} controls: ${t(e.controls.join(', '))}`;
          line(`${indent}${bullet}${e.reason ? t(e.reason) : '(no other reason)'} ${paint('gray', `(${ids})`)}`, hang);
        }
      }
    };
    renderEntries(groupSkipped(skipped.map((c) => ({ id: c.id, reason: c.reason ?? '' }))), 0);
  }
  blank();
}

/** Failed/evaluated controls by section and severity: a table when it fits, else one line per section. */
function summaryTable({ width, paint, line, blank }: Writer, report: ScanReport): void {
  const fw = report.frameworks[0];
  if (!fw) return;
  const rows: string[][] = [['section', ...SEVERITIES, 'compliance']];
  for (const section of fw.sections) {
    const cs = report.controls.filter((c) => section.controls.includes(c.id));
    if (cs.length === 0) continue;
    rows.push([t(section.title), ...SEVERITIES.map((sev) => cell(cs.filter((c) => c.severity === sev))), pct(section.compliance)]);
  }
  if (rows.length === 1) return; // no section has a control (an image-only scan)
  line(`${paint('bold', 'Summary')} ${paint('gray', '(failed/evaluated controls by severity)')}`, 2);
  const lines = table(rows).map((l) => `    ${l}`);
  if (width === undefined || lines.every((l) => visibleWidth(l) <= width)) {
    for (const l of lines) line(l, 6);
  } else {
    for (const row of rows.slice(1)) {
      const counts = SEVERITIES.map((sev, i) => [sev, row[i + 1]]).filter(([, v]) => v !== '-').map(([sev, v]) => `${sev} ${v}`);
      line(`    ${row[0]}: ${counts.length ? counts.join(', ') : 'nothing evaluated'}; compliance ${row[row.length - 1]}`, 6);
    }
  }
  blank();
}

/** Compliance, coverage and risk; controls and failed findings counted. */
function totals({ paint, line }: Writer, report: ScanReport): void {
  const fw = report.frameworks[0];
  const s = report.summary;
  const risk = s.risk;
  line(`Compliance ${paint('bold', pct(s.compliance))} · Coverage ${paint('bold', pct(s.coverage))} `
    + `(${fw?.evaluatedControls ?? 0}/${fw?.controls ?? 0} controls evaluated) · Risk ${paint(risk >= 50 ? 'red' : risk >= 20 ? 'yellow' : 'green', String(risk))}/100`, 2);
  line(`Controls: ${paint('red', `${s.controls.failed} failed`)}, ${paint('green', `${s.controls.passed} passed`)}, ${s.controls.skipped} skipped · `
    + `Failed findings: ${SEVERITIES.map((sev) => `${s.failedBySeverity[sev]} ${sev}`).join(', ')}`, 2);
  if (report.frameworks.length > 1) {
    for (const f of report.frameworks) {
      const items = f.notCovered ? ` · ${f.notCovered} item(s) no control covers` : '';
      line(`  ${t(f.id)}: compliance ${paint('bold', pct(f.compliance))} · coverage ${pct(f.coverage)} (${f.evaluatedControls}/${f.controls} controls)${items}`, 4);
      for (const ns of f.namespaces ?? []) line(`    ${t(ns.note)}`, 6);
    }
  } else {
    for (const ns of fw?.namespaces ?? []) line(`  ${t(ns.note)}`, 4);
  }
}

/** The parts of the input that could not be scanned. */
function inputErrors({ paint, line, blank }: Writer, report: ScanReport): void {
  if (!report.errors.length) return;
  blank();
  line(paint('red', 'Input errors (these parts of the input were not scanned):'), 2);
  for (const e of report.errors) line(`    ${t(e.file)}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}: ${t(e.message)}`, 6);
}

/** "failed/evaluated" counts of the controls of one severity, or "-" when none was evaluated. */
function cell(cs: ControlResult[]): string {
  const evaluated = cs.filter((c) => c.status !== 'skipped');
  if (evaluated.length === 0) return '-';
  const failedControls = evaluated.filter((c) => c.status === 'failed').length;
  return `${failedControls}/${evaluated.length}`;
}

function pct(n: number | null): string {
  return n === null ? 'n/a' : `${n}%`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => visibleWidth(r[i]))));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat(widths[i] - visibleWidth(c))).join('  ').trimEnd());
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}
