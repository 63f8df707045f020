// `palisade list` and `palisade explain`.
import { UsageError } from '../model/errors.js';
import { CONTROLS } from '../controls/index.js';
import { FRAMEWORKS, findFramework, frameworkControlIds } from '../frameworks/index.js';
import { resolveNames } from '../engine/select.js';
import { controlInfo } from '../report/explain.js';
import { controlText } from '../docs/render.js';
import { EXIT } from './exit-codes.js';
import { escapeMultiline } from '../report/safe-text.js';
import { writeLine } from './terminal.js';

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
    if (format === 'json') {
      process.stdout.write(JSON.stringify(FRAMEWORKS, null, 2) + '\n');
    } else {
      for (const f of FRAMEWORKS) {
        writeLine(process.stdout, `${f.id}  ${f.title} v${f.version} — ${frameworkControlIds(f).length} controls`);
        for (const s of f.sections) writeLine(process.stdout, `  ${s.id.padEnd(14)} ${s.title} (${s.controls.length})`);
      }
    }
    return EXIT.OK;
  }
  throw new UsageError(`list: unknown list "${what}" (controls or frameworks)`);
}

export function runExplain(name: string, opts: { format: string }): number {
  const format = checkFormat(opts.format);
  const controls = resolveNames([name], 'explain');
  if (format === 'json') process.stdout.write(JSON.stringify(controls.map(controlInfo), null, 2) + '\n');
  else process.stdout.write(escapeMultiline(controls.map(controlText).join('\n')));
  return EXIT.OK;
}
