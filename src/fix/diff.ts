// The unified diff `fix --dry-run` prints. Its lines, context and changed alike, are shown with
// every credential redacted (redact.ts): an env var's value next to a changed securityContext, a
// password in a comment on a removed line. The diff is for reading; a redacted one says so.
import path from 'node:path';
import { formatPatch, structuredPatch } from 'diff';
import type { ControlInputs } from '../controls/inputs.js';
import { lineRedactor } from './redact.js';
import { REDACTED } from './redact-text.js';

export function redactedDiff(file: string, before: string, after: string, inputs: ControlInputs): string {
  // git-style a/ b/ names for files under the current directory (`patch -p1` applies them there)
  const rel = path.relative(process.cwd(), file);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  const [from, to] = inside ? [`a/${rel}`, `b/${rel}`] : [file, file];
  const patch = structuredPatch(from, to, before, after, '', '', { context: 3 });
  const oldLines = lineRedactor(before, inputs);
  const newLines = lineRedactor(after, inputs);
  let redacted = 0;
  for (const hunk of patch.hunks) {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    hunk.lines = hunk.lines.map((line) => {
      const mark = line[0];
      if (mark === '\\') return line;
      const shown = mark === '+' ? newLines(newLine) : oldLines(oldLine);
      if (mark !== '+') oldLine++;
      if (mark !== '-') newLine++;
      const cr = line.endsWith('\r') ? '\r' : '';
      const body = line.slice(1, line.length - cr.length);
      if (shown === body) return line;
      redacted++;
      // the line numbers and the patch's lines always agree; if they did not, show nothing of it
      return mark + (shown.includes(REDACTED) ? shown : REDACTED) + cr;
    });
  }
  const text = formatPatch(patch);
  return redacted ? `${text.trimEnd()}\n# ${redacted} line(s) holding credentials are shown redacted\n` : text;
}
