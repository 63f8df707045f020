// `palisade list` and `palisade explain`.
import { UsageError } from '../model/errors.js';
import { CONTROLS } from '../controls/index.js';
import { FRAMEWORKS, findFramework, frameworkControlIds, type Framework } from '../frameworks/index.js';
import { INPUT_KINDS, coverageByInput } from '../frameworks/sources.js';
import { resolveNames } from '../engine/select.js';
import { controlInfo } from '../report/explain.js';
import { controlText } from '../docs/render.js';
import { EXIT } from './exit-codes.js';
import { escapeMultiline } from '../report/safe-text.js';
import { writeLine } from './terminal.js';
import { PATH_RULES, PATH_STEP_RULES, pathExplanationText } from '../engine/paths/explain.js';

function checkFormat(format: string): 'pretty' | 'json' {
  if (format !== 'pretty' && format !== 'json') throw new UsageError(`--format: unknown format "${format}" (pretty or json)`);
  return format;
}

export function runList(what: string, opts: { format: string; framework?: string }): number {
  const format = checkFormat(opts.format);
  if (what === 'controls') {
    let controls = [...CONTROLS];
    if (opts.framework) {
      const fw = findFramework(opts.framework);
      if (!fw) throw new UsageError(`unknown framework "${opts.framework}"`);
      const ids = frameworkControlIds(fw);
      controls = controls.filter((c) => ids.includes(c.id));
    }
    if (format === 'json') {
      process.stdout.write(JSON.stringify(controls.map(controlInfo), null, 2) + '\n');
    } else {
      const w = Math.max(...controls.map((c) => c.id.length));
      for (const c of controls) {
        writeLine(process.stdout, `${c.id.padEnd(w)}  ${c.severity.padEnd(8)}  ${c.section.padEnd(12)}  ${c.title}${c.aliases.length ? `  (${c.aliases.join(', ')})` : ''}`);
      }
    }
    return EXIT.OK;
  }
  if (what === 'frameworks') {
    const list = FRAMEWORKS.map(frameworkInfo);
    if (format === 'json') {
      process.stdout.write(JSON.stringify(list, null, 2) + '\n');
    } else {
      for (const f of list) {
        const names = f.aliases.length ? ` (also: ${f.aliases.join(', ')})` : '';
        const items = f.items ? ` · ${f.items.total} items, ${f.items.notCovered} not covered${f.items.manual ? `, ${f.items.manual} manual` : ''}` : '';
        writeLine(process.stdout, `${f.id}${names}  ${f.title} v${f.version} — ${f.controls} controls in ${f.sections.length} sections${items}`);
        writeLine(process.stdout, `  can be judged from: ${INPUT_KINDS.map((k) => `${k} ${f.coverage[k]}%`).join(', ')}`);
        for (const sec of f.sections) writeLine(process.stdout, `  ${sec.id.padEnd(22)} ${sec.title} (${sec.controls.length} controls${sec.items ? `, ${sec.items.length} items` : ''})`);
      }
    }
    return EXIT.OK;
  }
  throw new UsageError(`list: unknown list "${what}" (controls or frameworks)`);
}

export function runExplain(name: string, opts: { format: string }): number {
  const format = checkFormat(opts.format);
  // `explain path`: no control is named path (ids are checked in test/registry.test.ts)
  if (['path', 'paths', 'attack-path', 'attack-paths'].includes(name.trim().toLowerCase())) {
    if (format === 'json') process.stdout.write(JSON.stringify({ steps: PATH_STEP_RULES, rules: PATH_RULES }, null, 2) + '\n');
    else process.stdout.write(pathExplanationText());
    return EXIT.OK;
  }
  const controls = resolveNames([name], 'explain');
  if (format === 'json') process.stdout.write(JSON.stringify(controls.map(controlInfo), null, 2) + '\n');
  else process.stdout.write(escapeMultiline(controls.map(controlText).join('\n')));
  return EXIT.OK;
}

/** A framework as `list frameworks` shows it: names, size, and how many of its items no control covers. */
function frameworkInfo(f: Framework) {
  const items = new Map(f.sections.flatMap((s) => s.items ?? []).map((i) => [i.id, i]));
  return {
    id: f.id, aliases: f.aliases ?? [], title: f.title, version: f.version, url: f.url,
    controls: frameworkControlIds(f).length,
    /** The share of its controls a scan of manifests, of a cluster or of a node alone can judge. */
    coverage: coverageByInput(f),
    sections: f.sections,
    ...(items.size ? {
      items: {
        total: items.size,
        notCovered: [...items.values()].filter((i) => i.controls.length === 0 && i.manual === undefined).length,
        manual: [...items.values()].filter((i) => i.controls.length === 0 && i.manual !== undefined).length,
      },
    } : {}),
  };
}
