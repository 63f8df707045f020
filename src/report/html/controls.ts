// The table of controls: one <tbody> per control, a summary row and a detail row with the
// resources, failing fields with file:line (relative to the scan root), fixes, rationale and
// remediation. Rendered server-side so the page is complete without script; the script only
// collapses, expands and filters.
import path from 'node:path';
import { SEVERITIES, type ControlResult, type Finding, type FindingPath, type Fix, type ReportResource, type ScanReport } from '../../model/types.js';
import { esc, pct } from './escape.js';
import { findingsByControl } from '../report-lookups.js';

const STATUS_ORDER = ['failed', 'passed', 'skipped'];
export const COLUMNS = ['', 'ID', 'Title', 'Severity', 'Section', 'Status', 'Failed', 'Passed', 'Excepted'];

/** Failed controls first, then passed, then skipped; most severe first; then by id. */
export function sortControls(controls: ControlResult[]): ControlResult[] {
  return [...controls].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status)
    || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id));
}

/** A file name relative to the scan root; files outside it and pseudo files such as `<stdin>` stay as given. */
export function relativeFile(file: string, root: string): string {
  if (file === '-' || file.startsWith('<')) return file;
  const rel = path.relative(root, path.resolve(file));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return file.split(path.sep).join('/');
  return (rel || path.basename(file)).split(path.sep).join('/');
}

function where(loc: { file?: string; line?: number; column?: number } | undefined, root: string): string {
  if (!loc?.file) return '';
  const file = relativeFile(loc.file, root);
  return loc.line ? `${file}:${loc.line}${loc.column ? `:${loc.column}` : ''}` : file;
}

/** The table in pieces: the head, then one <tbody> per control. */
export function* controlsTable(report: ScanReport, root: string): Generator<string> {
  const resources = new Map(report.resources.map((r) => [r.id, r]));
  const findings = findingsByControl(report);
  const sectionTitles = new Map((report.frameworks[0]?.sections ?? []).map((s) => [s.id, s.title]));
  const head = `<thead><tr>${COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>`;
  yield `<table class="controls">${head}`;
  let i = 0;
  for (const c of sortControls(report.controls)) {
    yield controlBody(c, i++, findings.get(c.id) ?? [], resources, sectionTitles.get(c.section) ?? c.section, root) + '\n';
  }
  yield '</table>';
}

function controlBody(c: ControlResult, i: number, list: Finding[], resources: Map<string, ReportResource>, section: string, root: string): string {
  const n = c.counts;
  const reason = c.reason ? `<div class="reason">${esc(c.reason)}</div>` : '';
  const row = `<tr class="summary">`
    + `<td><button type="button" class="toggle" aria-expanded="false" aria-controls="d${i}" title="Show resources">▸</button></td>`
    + `<td class="id"><code>${esc(c.id)}</code></td>`
    + `<td class="title">${esc(c.title)}${reason}</td>`
    + `<td><span class="badge sev-${esc(c.severity)}">${esc(c.severity)}</span></td>`
    + `<td>${esc(section)}</td>`
    + `<td><span class="badge st-${esc(c.status)}">${esc(c.status)}</span></td>`
    + `<td class="num">${n.failed}</td><td class="num">${n.passed}</td><td class="num">${n.excepted}</td></tr>`;
  const detail = `<tr class="detail" id="d${i}"><td colspan="${COLUMNS.length}">${controlDetail(c, list, resources, root)}</td></tr>`;
  return `<tbody class="control" data-id="${esc(c.id)}" data-severity="${esc(c.severity)}" data-status="${esc(c.status)}">${row}${detail}</tbody>`;
}

function controlDetail(c: ControlResult, list: Finding[], resources: Map<string, ReportResource>, root: string): string {
  const out: string[] = [];
  if (c.status === 'skipped') out.push(`<p class="reason"><strong>Skipped:</strong> ${esc(c.reason ?? 'nothing to evaluate')}</p>`);
  else {
    out.push(`<p>${n(c.counts.evaluated, 'resource')} evaluated, compliance ${pct(c.compliance)}${c.aliases.length ? ` · also known as ${esc(c.aliases.join(', '))}` : ''}</p>`);
  }
  if (list.length) out.push(`<ul class="findings">${list.map((f) => findingItem(f, resources.get(f.resourceId), root)).join('')}</ul>`);
  const unlisted = c.counts.passed - list.filter((f) => f.status === 'passed').length;
  if (unlisted > 0) out.push(`<p class="muted">${n(unlisted, 'resource')} passed (run with --verbose to list them).</p>`);
  out.push(`<h4>Remediation</h4><p>${esc(c.remediation)}</p>`);
  out.push(`<h4>Rationale</h4><p>${esc(c.rationale)}</p>`);
  return `<div class="detail-body">${out.join('')}</div>`;
}

function findingItem(f: Finding, r: ReportResource | undefined, root: string): string {
  const label = r ? `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}` : f.resourceId;
  const at = where(r?.source, root);
  const out: string[] = [];
  out.push(`<div class="res"><span class="badge st-${esc(f.status)}">${esc(f.status)}</span> `
    + `<strong class="resource">${esc(label)}</strong>${at ? ` <code class="loc">${esc(at)}</code>` : ''}</div>`);
  const single = f.paths.length === 1 && f.paths[0].message === f.message;
  if (!single && f.message) out.push(`<div class="msg">${esc(f.message)}</div>`);
  if (f.paths.length) out.push(`<ul class="paths">${f.paths.map((p) => pathItem(p, root)).join('')}</ul>`);
  const pathFixes = new Set(f.paths.map((p) => p.fix?.description));
  if (f.fix && !pathFixes.has(f.fix.description)) out.push(fixText(f.fix));
  if (f.fix?.command) out.push(`<div class="fix"><strong>On the cluster:</strong> <code class="command">${esc(f.fix.command)}</code></div>`);
  if (f.exception) {
    const e = f.exception;
    out.push(`<div class="exception"><strong>Excepted:</strong> ${esc(e.reason)} `
      + `<span class="muted">(${esc(e.source)}${e.expires ? `, until ${esc(e.expires)}` : ''})</span></div>`);
  }
  return `<li class="finding">${out.join('')}</li>`;
}

function pathItem(p: FindingPath, root: string): string {
  const at = where(p.location, root);
  return `<li>${at ? `<code class="loc">${esc(at)}</code> ` : ''}<code class="path">${esc(p.path)}</code> ${esc(p.message)}`
    + `${p.fix ? fixText(p.fix) : ''}</li>`;
}

function fixText(fix: Fix): string {
  const edits = (fix.edits ?? []).map((e) => e.op === 'set'
    ? `set <code>${esc(e.path)}</code> = <code>${esc(JSON.stringify(e.value))}</code>`
    : `remove <code>${esc(e.path)}</code>`);
  return `<div class="fix"><strong>Fix:</strong> ${esc(fix.description)}${edits.length ? ` (${edits.join('; ')})` : ''}</div>`;
}

function n(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
