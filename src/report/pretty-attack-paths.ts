// The terminal report's "Fix these first" section, at the top: each attack path (top ones first)
// with its steps in one line, then one line per link to fix: what fixing it does, where, what it is
// and what to change. Paths that exceptions broke are named after them. Every string from the
// report goes through t(): names, messages and paths come from the input.
import type { ScanReport, Severity } from '../model/types.js';
import { escapeControls as t } from './safe-text.js';
import { EFFECT_TEXT, linkName, linkWhere, stepsText, workloadLabel } from './attack-path-text.js';
import type { Style, Writer } from './pretty.js';

/** Paths shown before the rest are counted (all with --verbose); links shown per path. */
export const MAX_PATHS = 5;
export const MAX_LINKS = 8;

const STYLE: Record<Severity, Style> = { critical: 'alarm', high: 'red', medium: 'yellow', low: 'blue' };

export function attackPathSection({ paint, line, blank }: Writer, report: ScanReport, verbose: boolean): void {
  const open = report.attackPaths.filter((p) => p.status === 'open');
  const broken = report.attackPaths.filter((p) => p.status === 'excepted');
  if (!open.length && !broken.length) return;
  line(paint('bold', `Fix these first: ${open.length} attack path(s)${broken.length ? `, ${broken.length} broken by exceptions` : ''}`), 2);
  const shown = verbose ? open : open.slice(0, MAX_PATHS);
  for (const p of shown) {
    const replicas = p.workload.replicas === 1 ? '' : ` (${p.workload.replicas} replicas)`;
    line(`  ${paint(STYLE[p.severity], p.severity.toUpperCase().padEnd(8))} ${paint('bold', t(workloadLabel(p)))}${t(replicas)} `
      + `${paint('gray', `score ${p.score}`)}: ${t(stepsText(p))}`, 11);
    const links = verbose ? p.links : p.links.slice(0, MAX_LINKS);
    for (const l of links) {
      line(`    ${paint(l.effect === 'removes' ? 'green' : 'gray', (l.effect ?? '').padEnd(8))} ${paint('cyan', t(linkWhere(l)))}  `
        + `${paint('bold', t(linkName(l)))}: ${t(l.change)}`, 13);
    }
    if (links.length < p.links.length) line(paint('gray', `    … and ${p.links.length - links.length} more link(s) (--verbose lists them)`), 6);
  }
  if (shown.length < open.length) line(paint('gray', `  … and ${open.length - shown.length} more path(s) (--verbose lists them, or see --format json)`), 4);
  const brokenShown = verbose ? broken : broken.slice(0, MAX_PATHS);
  for (const p of brokenShown) {
    const why = p.brokenBy.map((l) => `${linkName(l)} (${l.exception?.reason ?? 'excepted'})`).join(', ');
    line(`  ${paint('gray', 'EXCEPTED')} ${t(workloadLabel(p))}: broken by exception: ${t(why)}`, 11);
  }
  if (brokenShown.length < broken.length) line(paint('gray', `  … and ${broken.length - brokenShown.length} more path(s) broken by exceptions (--verbose lists them)`), 4);
  line(paint('gray', `  (${EFFECT_TEXT.removes}: fixing that one link; palisade explain path says how paths are built)`), 4);
  blank();
}
