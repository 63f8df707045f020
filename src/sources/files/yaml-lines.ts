// The block structure of YAML text line by line, from indentation alone: which lines hold a
// mapping key, and the chain of keys above each one. It works on what no YAML parser takes — a
// Helm template, YAML with `{{ }}` actions in it — and gives the same chains on the rendered
// output, so that a line of `helm template` output can be matched to the template line that wrote
// it (helm-origin.ts). Flow collections (`{a: 1}`) are not looked into: their keys are not key lines.

/** A line that holds a block mapping key. */
export interface KeyLine {
  /** 1-based line in the text given. */
  line: number;
  /** 0-based column of the key (its opening quote, for a quoted key). */
  column: number;
  /** The key; null when a template action writes it (`{{ .Values.name }}: x`). */
  key: string | null;
  /** The keys from the document's root down to this one (this one included). */
  chain: ReadonlyArray<string | null>;
  /**
   * The lines above it in the structure, outermost first: each enclosing key's line and, inside a
   * list entry, the line of the entry's first key (`- name: web`), so that two entries of a list
   * are told apart; its own entry's first key too, when that is not this line.
   */
  ancestry: readonly number[];
  /** 0-based index of the document (`---` lines separate them). */
  document: number;
}

/**
 * A place in a template that writes YAML the text does not show (`{{ include ... | nindent 4 }}`,
 * `{{ toYaml .Values.x }}`, any action alone on its line): its output lands under `chain`, at any depth.
 */
export interface Generator {
  line: number;
  chain: ReadonlyArray<string | null>;
  /** The lines its output lands under, outermost first (as KeyLine.ancestry). */
  ancestry: readonly number[];
  document: number;
}

export interface LineStructure {
  keys: KeyLine[];
  byLine: Map<number, KeyLine>;
  generators: Generator[];
  /** The line texts, 0-based. */
  lines: string[];
}

const ACTION = /\{\{(-?)([\s\S]*?)(-?)\}\}/g;
/** Actions that decide what is written, but write nothing themselves. */
const CONTROL = /^(?:if\b|else\b|end\b|range\b|with\b|define\b|break\b|continue\b|\/\*|\$[A-Za-z0-9_]*\s*:?=)/;
/** Functions whose output may span lines, in an action that shares its line with a key. */
const MULTILINE = /\b(?:include|template|tpl|toYaml|toJson|toPrettyJson|indent|nindent|block)\b/;
/** A block mapping key after the indentation and any `- ` of sequence entries. */
const KEY = /^( *)((?:-[ \t]+)*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#"'{}[\],&*!|>%@`][^#]*?)[ \t]*:(?=[ \t]|$)/;
const BLOCK_SCALAR = /^[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$/;

/**
 * The key lines of a text. `template`: the text is a Helm template: `{{ }}` actions are masked
 * (a key holding one is null), lines inside a multi-line action are skipped, and the places where
 * actions may write structure are listed as generators.
 */
export function lineStructure(text: string, template: boolean): LineStructure {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const keys: KeyLine[] = [];
  const generators: Generator[] = [];
  let document = 0;
  /** Open keys; `entry`: the line of the first key of the list entry the key is in, if it is in one. */
  let stack: Array<{ column: number; key: string | null; line: number; entry?: number }> = [];
  let blockIndent = -1; // inside a block scalar whose key sits at this column
  let inAction = false; // inside an action that continues from an earlier line
  const above = (column: number) => stack.filter((e) => e.column < column);
  const linesOf = (entries: typeof stack) => entries.flatMap((e) => (e.entry !== undefined && e.entry !== e.line ? [e.entry, e.line] : [e.line]));
  const generator = (line: number, column: number) => {
    const open = above(column);
    generators.push({ line, chain: open.map((e) => e.key), ancestry: linesOf(open), document });
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (template && inAction) {
      if (raw.includes('}}')) inAction = false;
      continue;
    }
    if (/^---(?:[ \t]|$)/.test(raw)) {
      document++;
      stack = [];
      blockIndent = -1;
      continue;
    }
    const indent = raw.length - raw.trimStart().length;
    if (blockIndent >= 0) {
      if (raw.trim() === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;

    let line = raw;
    if (template && line.includes('{{')) {
      const open = line.lastIndexOf('{{');
      if (line.indexOf('}}', open) < 0) {
        // an action that goes on over the next lines: whatever it is, it may write anything here
        inAction = true;
        if (!CONTROL.test(line.slice(open + 2).replace(/^-\s*/, '').trimStart())) generator(i + 1, indent);
        line = line.slice(0, open);
      }
      const masked = maskActions(line);
      if (masked.text.replace(/\0/g, '').trim() === '') {
        // only actions on the line: control flow writes nothing; anything else writes under the column
        // it is indented to (or the column it indents its output to, if less)
        if (masked.actions.some((a) => !CONTROL.test(a))) {
          const to = masked.actions.map((a) => /\b(?:nindent|indent)\s+(\d+)/.exec(a)).filter((m) => m).map((m) => Number(m![1]));
          generator(i + 1, Math.min(indent, ...to));
        }
        continue;
      }
      line = masked.text;
    }

    const m = KEY.exec(line);
    if (!m) {
      // a sequence scalar, a flow collection, a continued scalar; in a template, an action there may write anything
      if (template && raw.includes('{{')) generator(i + 1, indent);
      continue;
    }
    const column = m[1].length + m[2].length;
    const keyText = m[3];
    const key = keyText.includes('\0') ? null : unquote(keyText);
    let sibling: (typeof stack)[number] | undefined;
    while (stack.length && stack[stack.length - 1].column >= column) sibling = stack.pop();
    // `- key:` opens a list entry; a key after it at the same column is in the same entry
    const entry = m[2] ? i + 1 : sibling?.column === column ? sibling.entry : undefined;
    const chain = [...stack.map((e) => e.key), key];
    const ancestry = [...linesOf(stack), ...(entry !== undefined && entry !== i + 1 ? [entry] : [])];
    keys.push({ line: i + 1, column, key, chain, ancestry, document });
    stack.push({ column, key, line: i + 1, entry });
    const value = line.slice(m[0].length);
    if (BLOCK_SCALAR.test(value)) blockIndent = column;
    if (template) {
      const rawValue = raw.slice(m[0].length);
      if (maskActions(rawValue).actions.some((a) => MULTILINE.test(a))) {
        generators.push({ line: i + 1, chain, ancestry: [...ancestry, i + 1], document });
      }
    }
  }
  return { keys, byLine: new Map(keys.map((k) => [k.line, k])), generators, lines };
}

/** The line with each action replaced by NUL characters of the same length, and the actions' contents. */
function maskActions(line: string): { text: string; actions: string[] } {
  const actions: string[] = [];
  const text = line.replace(ACTION, (all, _l: string, body: string) => {
    actions.push(body.trim());
    return '\0'.repeat(all.length);
  });
  return { text, actions };
}

function unquote(key: string): string {
  if (key.startsWith('"')) {
    try {
      return JSON.parse(key) as string;
    } catch {
      return key.slice(1, -1);
    }
  }
  if (key.startsWith('\'')) return key.slice(1, -1).replace(/''/g, '\'');
  return key.trimEnd();
}

/**
 * A template line as a pattern of the lines it can render to: its text, with each action standing
 * for any text (and the whitespace a `{{-` or `-}}` trims made optional). Undefined for a line that
 * starts with a left-trimming action: it is joined to the line before it.
 */
export function renderPattern(templateLine: string): RegExp | undefined {
  let re = '^';
  let pos = 0;
  let trimNext = false;
  ACTION.lastIndex = 0;
  for (let m = ACTION.exec(templateLine); m; m = ACTION.exec(templateLine)) {
    let literal = templateLine.slice(pos, m.index);
    if (trimNext) literal = literal.replace(/^[ \t\r\n]+/, '');
    if (m[1] === '-') {
      if (m.index === 0 || literal.trim() === '' && pos === 0) return undefined;
      literal = literal.replace(/[ \t]+$/, '');
    }
    // the action may write nothing, and the line end without the space before it
    re += `${escape(literal.replace(/[ \t]+$/, ''))}${/[ \t]$/.test(literal) ? '[ \\t]*' : ''}.*`;
    trimNext = m[3] === '-';
    pos = m.index + m[0].length;
  }
  let rest = templateLine.slice(pos);
  if (trimNext) rest = rest.replace(/^[ \t]+/, '');
  re += `${escape(rest)}$`;
  return new RegExp(re, 's');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
