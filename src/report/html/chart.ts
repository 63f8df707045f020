// The chart of failures: one horizontal stacked bar per guidance section, one segment per
// severity, sized by the number of failed findings (failed resource results, not excepted).
// Inline SVG drawn from the report alone; no script needed to read it.
import { SEVERITIES, type ScanReport, type Severity } from '../../model/types.js';
import { esc } from './escape.js';

export interface SectionFailures {
  id: string;
  title: string;
  bySeverity: Record<Severity, number>;
  total: number;
}

/** Failed findings per section and severity, sections in framework order (then any others). */
export function failuresBySection(report: ScanReport): SectionFailures[] {
  const sectionOf = new Map<string, string>();
  const rows = new Map<string, SectionFailures>();
  const row = (id: string, title: string) => {
    let r = rows.get(id);
    if (!r) {
      r = { id, title, bySeverity: { critical: 0, high: 0, medium: 0, low: 0 }, total: 0 };
      rows.set(id, r);
    }
    return r;
  };
  for (const s of report.frameworks[0]?.sections ?? []) {
    row(s.id, s.title);
    for (const c of s.controls) sectionOf.set(c, s.id);
  }
  for (const c of report.controls) {
    if (!sectionOf.has(c.id)) sectionOf.set(c.id, c.section);
    const id = sectionOf.get(c.id)!;
    row(id, id);
  }
  for (const f of report.findings) {
    if (f.status !== 'failed') continue;
    const r = row(sectionOf.get(f.controlId) ?? 'other', sectionOf.get(f.controlId) ?? 'other');
    r.bySeverity[f.severity] += 1;
    r.total += 1;
  }
  return [...rows.values()];
}

const WIDTH = 760;
const LABEL = 250;
const BAR = 420;
const ROW = 28;
const TOP = 30;

export function failureChart(report: ScanReport): string {
  const rows = failuresBySection(report);
  const max = Math.max(0, ...rows.map((r) => r.total));
  const height = TOP + rows.length * ROW + 8;
  const total = rows.reduce((n, r) => n + r.total, 0);
  const label = `Failed findings by section and severity: ${rows.map((r) => `${r.title} ${r.total}`).join(', ')}`;
  const out: string[] = [];
  out.push(`<svg class="chart" role="img" aria-label="${esc(label)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">`);
  SEVERITIES.forEach((sev, i) => {
    const x = LABEL + i * 100;
    out.push(`<rect class="sev-${sev}" x="${x}" y="6" width="12" height="12"/><text x="${x + 18}" y="16">${sev}</text>`);
  });
  rows.forEach((r, i) => {
    const y = TOP + i * ROW;
    out.push(`<g class="bar" data-section="${esc(r.id)}">`);
    out.push(`<text class="label" x="${LABEL - 10}" y="${y + 17}" text-anchor="end">${esc(r.title)}</text>`);
    let x = LABEL;
    for (const sev of SEVERITIES) {
      const n = r.bySeverity[sev];
      if (!n) continue;
      const w = (n / max) * BAR;
      out.push(`<rect class="sev-${sev}" x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW - 8}"><title>${esc(r.title)}: ${n} ${sev}</title></rect>`);
      x += w;
    }
    out.push(`<text class="count" x="${(x + 8).toFixed(1)}" y="${y + 17}">${r.total}</text></g>`);
  });
  out.push('</svg>');
  if (total === 0) out.push('<p class="muted">No failed findings.</p>');
  return out.join('');
}
