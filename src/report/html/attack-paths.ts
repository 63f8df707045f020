// The page's "Attack paths: fix these first" section, at the top: per path a picture — an inline
// SVG, nodes for the steps from "outside the cluster" down, the finding or vulnerability that
// backs each step on the edge into it — then the links to fix, each with what fixing it does.
// The SVG uses presentation attributes only (no style attribute), which the page's CSP allows;
// every text from the report is escaped.
import type { ScanReport, Severity } from '../../model/types.js';
import type { AttackLink, AttackPath, AttackStep } from '../../model/attack-path.js';
import { esc } from './escape.js';
import { relativeFile } from './controls.js';
import { EFFECT_TEXT, TACTIC_LABEL, linkName, stepsText, workloadLabel } from '../attack-path-text.js';

const COLOR: Record<Severity, string> = { critical: '#7b1fa2', high: '#c62828', medium: '#b26a00', low: '#1565c0' };
const WIDTH = 760;
const NODE_W = 330;
const NODE_H = 40;
const EDGE = 44;
const X = 10;
/** Longest edge label drawn; the whole text is in the edge's tooltip and in the list below. */
const MAX_LABEL = 60;

/** Paths drawn on the page; the rest are counted (the JSON report has them all). */
export const MAX_DRAWN = 25;

const clip = (s: string): string => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

function strongest(step: AttackStep): AttackLink {
  return step.via[0];
}

function edgeLabel(step: AttackStep): string {
  const first = strongest(step);
  const more = step.via.length + (step.requires?.length ?? 0) - 1;
  return `${first.type === 'vulnerability' ? first.vulnerabilityId : first.controlId}${more > 0 ? ` +${more} more` : ''}`;
}

/** The picture of one path. */
export function pathSvg(p: AttackPath): string {
  const height = NODE_H + p.steps.length * (EDGE + NODE_H) + 4;
  const label = `${workloadLabel(p)}: outside the cluster → ${stepsText(p)}`;
  const out = [`<svg class="attack-path" role="img" aria-label="${esc(label)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">`];
  const node = (y: number, title: string, sub: string, color: string) => {
    out.push(`<g><rect x="${X}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="8" fill="#f5f7fa" stroke="${color}" stroke-width="2"/>`
      + `<text x="${X + 12}" y="${y + 16}" font-size="12" fill="#5f6b7a">${esc(sub)}</text>`
      + `<text x="${X + 12}" y="${y + 32}" font-size="14" fill="#1d2433">${esc(clip(title))}</text></g>`);
  };
  node(2, 'an attacker outside the cluster', 'start', '#6b7280');
  p.steps.forEach((step, i) => {
    const top = 2 + NODE_H + i * (EDGE + NODE_H);
    const cx = X + 40;
    const link = strongest(step);
    const color = COLOR[link.severity];
    const full = [...step.via, ...step.requires ?? []].map((l) => `${linkName(l)}: ${l.message}`).join('\n');
    out.push(`<g class="edge"><title>${esc(full)}</title>`
      + `<line x1="${cx}" y1="${top}" x2="${cx}" y2="${top + EDGE - 8}" stroke="${color}" stroke-width="3"/>`
      + `<polygon points="${cx - 6},${top + EDGE - 10} ${cx + 6},${top + EDGE - 10} ${cx},${top + EDGE - 1}" fill="${color}"/>`
      + `<text x="${cx + 16}" y="${top + EDGE / 2 + 5}" font-size="13" fill="${color}">${esc(clip(`${link.severity}: ${edgeLabel(step)}`))}</text></g>`);
    const reach = step.reaches?.length ? ` → ${step.reaches.length < (step.reachCount ?? 0) ? `${step.reachCount} workloads` : step.reaches.map((r) => r.split('/').slice(-2).join(' ')).join(', ')}` : '';
    node(top + EDGE, `${step.title}${reach}`, TACTIC_LABEL[step.tactic], color);
  });
  out.push('</svg>');
  return out.join('');
}

function whereText(l: AttackLink, root: string): string {
  const loc = l.location;
  if (loc?.file) return `${relativeFile(loc.file, root)}${loc.line ? `:${loc.line}${loc.column ? `:${loc.column}` : ''}` : ''}`;
  return `${l.resourceId}${l.path ? ` ${l.path}` : ''}`;
}

function linkItem(l: AttackLink, root: string): string {
  const effect = l.effect ? `<strong>${esc(EFFECT_TEXT[l.effect])}</strong>: ` : '';
  const exception = l.exception ? ` <span class="muted">(excepted: ${esc(l.exception.reason)})</span>` : '';
  return `<li>${effect}<span class="badge sev-${l.severity}">${l.severity}</span> <code>${esc(linkName(l))}</code> `
    + `<span class="muted">${esc(whereText(l, root))}</span> — ${esc(l.change)}${exception}</li>`;
}

/** The section, or nothing when there is no path. */
export function attackPathsSection(report: ScanReport, root: string): string {
  if (!report.attackPaths.length) return '';
  const open = report.attackPaths.filter((p) => p.status === 'open').length;
  const out = ['<section id="attack-paths">', `<h2>Attack paths: fix these first (${open} open)</h2>`,
    '<p class="muted">Each path starts outside the cluster; each edge is the finding or vulnerability that lets an attacker take the next step. '
    + 'Fixing a link that “removes the path” breaks the whole chain (palisade explain path).</p>'];
  for (const p of report.attackPaths.slice(0, MAX_DRAWN)) {
    const replicas = p.workload.replicas === 1 ? '' : `, ${p.workload.replicas} replicas`;
    const status = p.status === 'excepted' ? ' <span class="badge">broken by exception</span>' : '';
    out.push(`<article class="attack-path" data-path="${esc(p.id)}">`,
      `<h3><span class="badge sev-${p.severity}">${p.severity}</span> ${esc(workloadLabel(p))} <span class="muted">score ${p.score}${esc(replicas)}</span>${status}</h3>`,
      pathSvg(p));
    if (p.links.length) out.push('<ol class="links">', ...p.links.map((l) => linkItem(l, root)), '</ol>');
    if (p.brokenBy.length) out.push('<p class="muted">Broken by exceptions:</p><ul>', ...p.brokenBy.map((l) => linkItem(l, root)), '</ul>');
    out.push('</article>');
  }
  const more = report.attackPaths.length - MAX_DRAWN;
  if (more > 0) out.push(`<p class="muted">… and ${more} more path(s), lower scored: see --format json (attackPaths).</p>`);
  out.push('</section>');
  return out.join('\n');
}
