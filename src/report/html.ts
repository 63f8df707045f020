// `--format html`: one self-contained page that works offline. Header with compliance, coverage
// and risk; an inline SVG chart of failures by section and severity; the table of controls,
// expandable to resources, file:line, fixes, rationale and remediation; filters; the images'
// vulnerabilities, a table per image filterable by severity. Rendered
// server-side (the page is complete without script); the report is also embedded as JSON for the
// filter script. A Content-Security-Policy allows only this page's own style and script, by hash,
// so nothing is loaded from anywhere and no injected markup could run.
import { createHash } from 'node:crypto';
import { SEVERITIES, type ScanReport } from '../model/types.js';
import { failureChart } from './html/chart.js';
import { controlsTable, relativeFile } from './html/controls.js';
import { esc, escapeJsonForScript, pct } from './html/escape.js';
import { jsonChunks } from './json.js';
import { exceptionScope } from './report-lookups.js';
import { SCRIPT } from './html/script.js';
import { STYLE } from './html/style.js';
import { vulnerabilitiesSection } from './html/vulnerabilities.js';
import { attackPathsSection } from './html/attack-paths.js';

export interface HtmlOptions {
  /** Absolute directory that file locations are shown relative to. */
  root: string;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy for the page: nothing from anywhere, except its own inline style and script. */
export function contentSecurityPolicy(): string {
  return ["default-src 'none'", `script-src ${sha256(SCRIPT)}`, `style-src ${sha256(STYLE)}`,
    'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
}

/** The page in pieces, so that a large report is written without holding the whole text. */
export function* htmlChunks(report: ScanReport, options: HtmlOptions): Generator<string> {
  const fw = report.frameworks[0];
  const title = `Palisade report${fw ? ` — ${fw.title} v${fw.version}` : ''}`;
  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy())}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${header(report, title, options.root)}
${attackPathsSection(report, options.root)}
<section>
<h2>Failures by section and severity</h2>
${failureChart(report)}
</section>
<section>
<h2>Controls</h2>
${filters()}
`;
  yield* controlsTable(report, options.root);
  yield `
<p id="empty" class="muted">No control matches the filters.</p>
</section>
${vulnerabilitiesSection(report, options.root)}
<script type="application/json" id="palisade-data">`;
  for (const piece of jsonChunks(report, 0)) yield escapeJsonForScript(piece);
  yield `</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

export function formatHtml(report: ScanReport, options: HtmlOptions): string {
  return [...htmlChunks(report, options)].join('');
}

function header(report: ScanReport, title: string, root: string): string {
  const s = report.summary;
  const fw = report.frameworks[0];
  const targets = report.targets.map((t) => `${t.type}${t.paths?.length ? `: ${t.paths.join(', ')}` : ''}`).join('; ');
  const riskClass = s.risk >= 50 ? 'risk-high' : s.risk >= 20 ? 'risk-medium' : 'risk-low';
  const failed = s.findings.failed;
  const out: string[] = [];
  out.push(`<header><h1>${esc(title)}</h1>`);
  out.push(`<p class="meta"><span>${esc(report.tool.name)} ${esc(report.tool.version)}</span>`
    + `<span>generated <time datetime="${esc(report.generatedAt)}">${esc(report.generatedAt)}</time></span>`
    + `<span>targets: ${esc(targets || 'none')}</span></p>`);
  out.push('<div class="scores">'
    + score('compliance', 'Compliance', pct(s.compliance), 'passed + excepted, mean over evaluated controls')
    + score('coverage', 'Coverage', pct(s.coverage), `${fw?.evaluatedControls ?? 0} of ${fw?.controls ?? 0} controls evaluated`)
    + score(`risk ${riskClass}`, 'Risk', `${s.risk}/100`, 'severity-weighted failures; lower is better')
    + score('failed', 'Failed findings', String(failed), SEVERITIES.map((sev) => `${s.failedBySeverity[sev]} ${sev}`).join(' · '))
    + '</div>');
  out.push(`<p class="counts">Scanned ${s.resources} resource(s) from ${s.documents} document(s)`
    + `${s.ignoredDocuments ? `, ${s.ignoredDocuments} ignored (not Kubernetes objects, or Helm test hooks)` : ''}`
    + `${s.errors ? `, <strong class="errors">${s.errors} input error(s)</strong>` : ''}. `
    + `Controls: ${s.controls.failed} failed, ${s.controls.passed} passed, ${s.controls.skipped} skipped. `
    + `Findings: ${s.findings.failed} failed, ${s.findings.excepted} excepted.</p>`);
  if (report.frameworks.length > 1) {
    out.push('<p class="counts">Frameworks: ' + report.frameworks.map((f) => `<strong>${esc(f.title)} v${esc(f.version)}</strong> `
      + `compliance ${esc(pct(f.compliance))}, coverage ${esc(pct(f.coverage))} (${f.evaluatedControls}/${f.controls} controls)`
      + `${f.notCovered ? `, ${f.notCovered} item(s) no control covers` : ''}`).join('; ') + '.</p>');
  }
  out.push(notes(report, root));
  out.push('</header>');
  return out.join('\n');
}

function score(cls: string, label: string, value: string, sub: string): string {
  return `<div class="score ${cls}"><span class="label">${label}</span><span class="value">${esc(value)}</span><span class="sub">${esc(sub)}</span></div>`;
}

/** Input errors, warnings and exceptions that did nothing: what the reader must not miss. */
function notes(report: ScanReport, root: string): string {
  const items: string[] = [];
  for (const e of report.errors) {
    const at = `${relativeFile(e.file, root)}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}`;
    items.push(`<li class="errors">Input error: <code>${esc(at)}</code> ${esc(e.message)} (not scanned)</li>`);
  }
  for (const w of report.warnings) items.push(`<li>Warning: ${esc(w)}</li>`);
  for (const u of report.exceptions.unmatched) {
    items.push(`<li>Exception matched nothing: ${esc(u.source)} (${esc(exceptionScope(u))}): ${esc(u.reason)}</li>`);
  }
  for (const x of report.exceptions.expired) {
    items.push(`<li>Exception expired on ${esc(x.expires)}: ${esc(x.source)} (would match ${x.wouldMatch})</li>`);
  }
  return items.length ? `<ul class="notes">${items.join('')}</ul>` : '';
}

function filters(): string {
  const box = (name: string, value: string) =>
    `<label><input type="checkbox" name="${name}" value="${value}" checked> ${value}</label>`;
  return `<div class="filters">`
    + `<label>Filter <input type="search" id="filter-text" placeholder="control, resource, file, message" autocomplete="off"></label>`
    + `<fieldset><legend>Severity</legend>${SEVERITIES.map((s) => box('severity', s)).join('')}</fieldset>`
    + `<fieldset><legend>Status</legend>${['failed', 'passed', 'skipped'].map((s) => box('status', s)).join('')}</fieldset>`
    + `<button type="button" id="expand-all">Expand all</button><button type="button" id="collapse-all">Collapse all</button>`
    + `<span id="shown" class="muted" aria-live="polite"></span></div>`;
}
