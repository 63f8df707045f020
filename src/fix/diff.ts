// The unified diff `fix --dry-run` prints. Context lines can hold credentials (an env var's value
// next to a changed securityContext), so every line that holds one is redacted: the key stays,
// the value is replaced. The diff is for reading; a redacted one is marked as such.
import path from 'node:path';
import { formatPatch, structuredPatch } from 'diff';
import { isMap, isPair, isScalar, parseAllDocuments, visit, type Node } from 'yaml';
import type { ControlInputs } from '../controls/inputs.js';
import { PARSE_OPTIONS } from './document.js';

export type Sensitive = Pick<ControlInputs, 'sensitiveKeyNames' | 'sensitiveValuePatterns'>;

export function redactedDiff(file: string, before: string, after: string, sensitive: Sensitive): string {
  // git-style a/ b/ names for files under the current directory (`patch -p1` applies them there)
  const rel = path.relative(process.cwd(), file);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  const [from, to] = inside ? [`a/${rel}`, `b/${rel}`] : [file, file];
  const patch = structuredPatch(from, to, before, after, '', '', { context: 3 });
  const oldMask = sensitiveLines(before, sensitive);
  const newMask = sensitiveLines(after, sensitive);
  let redacted = 0;
  for (const hunk of patch.hunks) {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    hunk.lines = hunk.lines.map((line) => {
      const mark = line[0];
      const hidden = mark === '+' ? newMask.has(newLine) : mark === '\\' ? false : oldMask.has(oldLine);
      if (mark !== '+' && mark !== '\\') oldLine++;
      if (mark !== '-' && mark !== '\\') newLine++;
      if (!hidden) return line;
      redacted++;
      return mark + redactLine(line.slice(1));
    });
  }
  const text = formatPatch(patch);
  return redacted ? `${text.trimEnd()}\n# ${redacted} line(s) holding credentials are shown redacted\n` : text;
}

function redactLine(line: string): string {
  const keyed = /^(\s*(?:-\s+)?(?:"[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)\s*:)\s.*$/.exec(line);
  if (keyed) return `${keyed[1]} <redacted>`;
  return `${/^\s*/.exec(line)![0]}<redacted>`;
}

/** 1-based line numbers of values that are credentials, by key name, by pattern, or as Secret data. */
export function sensitiveLines(text: string, sensitive: Sensitive): Set<number> {
  const lines = new Set<number>();
  const starts = lineStarts(text);
  const names = sensitive.sensitiveKeyNames.map((n) => n.toLowerCase());
  const patterns = sensitive.sensitiveValuePatterns.flatMap((p) => {
    try { return [new RegExp(p)]; } catch { return []; }
  });
  const isName = (s: unknown) => typeof s === 'string' && names.some((n) => s.toLowerCase().includes(n));
  const mark = (node: Node | null | undefined) => {
    if (!node?.range || !isScalar(node) || typeof node.value === 'boolean' || node.value === null) return;
    const [from, to] = node.range;
    for (let l = lineAt(starts, from); l <= lineAt(starts, Math.max(from, to - 1)); l++) lines.add(l);
  };
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  if (!Array.isArray(docs)) return lines;
  for (const doc of docs) {
    const root = doc.contents;
    if (isMap(root) && String(root.get('kind')) === 'Secret') {
      for (const key of ['data', 'stringData']) {
        const section = root.get(key, true);
        if (isMap(section)) for (const p of section.items) mark(p.value as Node);
      }
    }
    visit(doc, {
      Pair(_, pair) {
        if (!isPair(pair) || !isScalar(pair.key)) return;
        if (isName(pair.key.value)) mark(pair.value as Node);
      },
      Map(_, map) {
        // env-style entries: {name: DB_PASSWORD, value: ...}
        if (isName(map.get('name'))) mark(map.get('value', true) as Node | undefined);
      },
      Scalar(_, node) {
        if (typeof node.value === 'string' && patterns.some((re) => re.test(node.value as string))) mark(node);
      },
    });
  }
  return lines;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return lo + 1;
}
