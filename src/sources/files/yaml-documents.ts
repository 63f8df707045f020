// Parsing a YAML stream into documents, each with a compact record of where its nodes sit.
//
// The fast parser (fast-yaml.ts) takes what it can. Otherwise js-yaml's event parser gives a flat
// event stream with source offsets; we construct the objects from it (the same work js-yaml's load
// does) and keep the events, compacted into an Int32Array (yaml-events.ts), so that a failing path
// can later be resolved to its line. Nothing else about positions is kept.
// Documents are split on their `---` / `...` markers first, so one broken document does not take
// the rest of the file with it.
import {
  parseEvents, constructFromEvents, getScalarValue, YAMLException,
  type Event, type ScalarEvent,
} from './js-yaml.js';
import { fastParse } from './fast-yaml.js';
import { KUBERNETES_SCHEMA, yaml11Form } from './kubernetes-schema.js';
import { Ev, Slots, Style, chompingOf, compactEvents, isFast, styleOf, typeOf, type Compact } from './yaml-events.js';
import { parseWithYamlPackage, type Positions } from './yaml-fallback.js';

const SCHEMA = KUBERNETES_SCHEMA;

/** Documents whose aliases expand to more nodes than this are refused as alias bombs. */
const MAX_EXPANDED_NODES = 1_000_000;

export interface ParsedDocument {
  /** Offset of the document's first character in the file text. */
  offset: number;
  /** 1-based line where the document starts. */
  line: number;
  value: unknown;
  positions: Positions;
}

export interface DocumentError {
  line: number;
  column: number;
  message: string;
}

export interface Chunk {
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
}

/** Splits a YAML stream at document markers. Lines starting `---` open a document; `...` closes one. */
export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0, startLine = 1, line = 1, pos = 0;
  let pendingDirective = -1; // offset of a `%` directive line that belongs to the next document
  let pendingDirectiveLine = 0;
  const n = text.length;
  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    const c = text.charCodeAt(pos);
    if (c === 45 /* - */ || c === 46 /* . */ || c === 37 /* % */) {
      const marker = text.startsWith('---', pos) ? 1 : text.startsWith('...', pos) ? 2 : c === 37 ? 3 : 0;
      const after = text.charCodeAt(pos + 3);
      const isMarker = marker === 3 || (marker > 0 && (pos + 3 >= eol || after === 32 || after === 9 || after === 13));
      if (isMarker) {
        if (marker === 3) {
          if (pendingDirective < 0) { pendingDirective = pos; pendingDirectiveLine = line; }
        } else if (marker === 1) {
          const cut = pendingDirective >= 0 ? pendingDirective : pos;
          const cutLine = pendingDirective >= 0 ? pendingDirectiveLine : line;
          if (cut > start) chunks.push({ start, end: cut, line: startLine });
          start = cut; startLine = cutLine;
          pendingDirective = -1;
        } else {
          // `...`: the document ends before this line; what follows until the next `---` is a new chunk.
          if (pos > start) chunks.push({ start, end: pos, line: startLine });
          start = eol + 1; startLine = line + 1;
          pendingDirective = -1;
        }
      }
    }
    pos = eol + 1;
    line++;
  }
  if (n > start) chunks.push({ start, end: n, line: startLine });
  return chunks;
}

/**
 * Parses one chunk (normally one document). Returns documents or an error; errors carry the
 * parser's reason and position only — never a snippet of the input, which may hold secrets.
 */
export function parseChunk(
  text: string, chunk: Chunk, options: { fallback?: boolean; lines?: LineIndex; printable?: boolean } = {},
): { documents: ParsedDocument[] } | { error: DocumentError } {
  const source = chunk.start === 0 && chunk.end === text.length ? text : text.slice(chunk.start, chunk.end);
  const fast = fastParse(source, options.printable);
  if (fast) return toDocuments({ data: fast.data, count: fast.count, hasAliases: false }, fast.values, source, chunk, options.lines);
  let events: Event[];
  let values: unknown[];
  try {
    events = parseEvents(source, { maxDepth: 200 });
    values = constructFromEvents(events, { source, schema: SCHEMA, maxTotalMergeKeys: 100_000 });
  } catch (e) {
    if (options.fallback === false) return { error: toDocumentError(e, chunk) };
    const fallback = parseWithYamlPackage(source, chunk);
    if (!fallback) return { error: toDocumentError(e, chunk) };
    return {
      documents: fallback.map((d) => ({
        offset: chunk.start, line: chunk.line + countNewlines(source, 0, d.start), value: d.value, positions: d.positions,
      })),
    };
  }
  return toDocuments(compactEvents(events), values, source, chunk, options.lines);
}

/**
 * One ParsedDocument per non-empty document of the events; an alias bomb refuses the chunk.
 * `lines`: the line index of the whole text, when the caller has one (it is needed anyway to place
 * resources and findings), so that lines are looked up rather than counted a second time.
 */
function toDocuments(
  compact: Compact, values: unknown[], source: string, chunk: Chunk, lines?: LineIndex,
): { documents: ParsedDocument[] } | { error: DocumentError } {
  const documents: ParsedDocument[] = [];
  let docIndex = 0;
  // Lines are counted incrementally from the previous document, not from the chunk's start each time.
  let lineAt = 0;
  let lineOffset = 0;
  const { data } = compact;
  for (let i = 0; i < compact.count; i++) {
    if (data[i * Slots.W] !== Ev.DOCUMENT) continue;
    const root = i + 1;
    const value = values[docIndex++];
    // On from the document's POP, after its root node, not through every event inside it: this
    // loop looked at all 730k events of the bench's 10k input.
    const rootType = data[root * Slots.W];
    i = rootType === Ev.MAPPING || rootType === Ev.SEQUENCE ? data[root * Slots.W + 3] : rootType === Ev.POP ? root : root + 1;
    if (rootType === Ev.POP || (typeOf(rootType) === Ev.SCALAR && data[root * Slots.W + 1] < 0)) continue; // empty document
    if (compact.hasAliases) {
      const bomb = aliasBomb(value);
      if (bomb) {
        const at = lineColumnIn(source, firstAlias(compact.data, compact.count));
        return { error: { line: chunk.line + at.line - 1, column: at.column, message: bomb } };
      }
    }
    const startOffset = Math.max(lineOffset, data[root * Slots.W + 1]);
    if (!lines) lineAt += countNewlines(source, lineOffset, startOffset);
    lineOffset = startOffset;
    documents.push({
      offset: chunk.start,
      line: lines ? lines.at(chunk.start + startOffset).line : chunk.line + lineAt,
      value,
      positions: new DocumentPositions(compact.data, root, source, chunk),
    });
  }
  return { documents };
}

function toDocumentError(e: unknown, chunk: Chunk): DocumentError {
  if (e instanceof YAMLException && e.mark) {
    return { line: chunk.line + e.mark.line, column: e.mark.column + 1, message: `invalid YAML: ${reasonWithoutInput(e.reason)}` };
  }
  return { line: chunk.line, column: 1, message: `invalid YAML: ${e instanceof Error ? e.name : 'parse failure'}` };
}

/**
 * js-yaml's reason, with every piece of the input taken out: some reasons quote it
 * (`unidentified alias "Passw0rd"` for `password: *Passw0rd`, `unknown scalar tag !<!secret>`,
 * `undeclared tag handle "!x!"`), and an error message reaches every format. What is left names
 * the kind of problem; the line and column say where.
 */
export function reasonWithoutInput(reason: string): string {
  return reason
    .replace(/^(tag name cannot contain such characters):.*$/s, '$1')
    .replace(/^(recursive alias) .*$/s, '$1 is not supported')
    .replace(/!<[^>]*>/g, '!<…>')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'");
}

function firstAlias(data: Int32Array, count: number): number {
  for (let i = 0; i < count; i++) if (data[i * Slots.W] === Ev.ALIAS) return data[i * Slots.W + 1];
  return 0;
}

/** Counts the nodes a document would have with its aliases expanded, without expanding them. */
function aliasBomb(value: unknown): string | undefined {
  const memo = new Map<object, number>();
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    const known = memo.get(v);
    if (known !== undefined) return known;
    memo.set(v, 1); // cycles count once
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += size(child);
      if (n > MAX_EXPANDED_NODES) break;
    }
    memo.set(v, n);
    return n;
  };
  const n = size(value);
  return n > MAX_EXPANDED_NODES
    ? `YAML aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes (alias bomb); document refused`
    : undefined;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function lineColumnIn(s: string, offset: number): { line: number; column: number } {
  const line = countNewlines(s, 0, offset) + 1;
  const lineStart = s.lastIndexOf('\n', offset - 1) + 1;
  return { line, column: offset - lineStart + 1 };
}

/** A resolved place: offsets into the file text. */
export interface Span {
  start: number;
  end: number;
  exact: boolean;
  /** Set when the path's value is a plain scalar written in a YAML 1.1 form (kubernetes-schema.ts). */
  yaml11?: 'boolean' | 'number';
}

/**
 * Where each node of one document sits. Resolving walks the compact events from the document
 * root, skipping subtrees, so its cost is bounded by the document's size and paid only for paths
 * that are asked for.
 */
export class DocumentPositions implements Positions {
  constructor(
    readonly data: Int32Array,
    readonly root: number,
    private readonly source: string,
    readonly chunk: Chunk,
  ) {}

  /** Resolves a path to the span of its key and value, or of its nearest existing parent. */
  resolve(path: ReadonlyArray<string | number>, startOnly = false): Span {
    const { data } = this;
    let node = this.root;
    let spanStart = this.startOf(node);
    let nodeKey = -1; // the key event of `node`, when it is a mapping value
    let exact = true;
    for (const seg of path) {
      const type = data[node * Slots.W];
      let found = -1;
      let keyAt = -1;
      if (type === Ev.MAPPING && typeof seg === 'string') {
        let i = node + 1;
        // The first key that matches is the only one: events reach here only from a text that
        // parsed without error, and both parsers refuse a duplicated key (js-yaml's
        // storeMappingPair: "duplicated mapping key"; fast-yaml-parser.ts declines), so the walk
        // stops there (texts with duplicates go to yaml-fallback.ts, which has its own positions).
        while (data[i * Slots.W] !== Ev.POP) {
          const value = this.skip(i);
          if (this.keyIs(i, seg)) { found = value; keyAt = i; break; }
          i = this.skip(value);
        }
      } else if (type === Ev.SEQUENCE && typeof seg === 'number') {
        let i = node + 1;
        for (let k = 0; data[i * Slots.W] !== Ev.POP; k++) {
          if (k === seg) { found = i; break; }
          i = this.skip(i);
        }
      }
      if (found < 0) { exact = false; break; }
      // an empty value (`key:` with nothing after it) has no offset of its own: the key stands for it
      const start = keyAt >= 0 ? this.startOf(keyAt) : this.startOf(found);
      if (start < 0) { exact = false; break; }
      node = found;
      nodeKey = keyAt;
      spanStart = start;
    }
    // The end is computed once, for the node the walk stopped at (it costs a walk of its subtree).
    if (startOnly) return { start: this.chunk.start + spanStart, end: this.chunk.start + spanStart, exact };
    const spanEnd = Math.max(this.nodeEnd(node), nodeKey >= 0 ? this.nodeEnd(nodeKey) : -1);
    const span: Span = { start: this.chunk.start + spanStart, end: this.chunk.start + spanEnd, exact };
    const o = node * Slots.W;
    if (exact && typeOf(data[o]) === Ev.SCALAR && styleOf(data[o]) === Style.PLAIN && data[o + 1] >= 0) {
      const form = yaml11Form(this.source.slice(data[o + 1], data[o + 2]));
      if (form) span.yaml11 = form;
    }
    return span;
  }

  /** Start offset of a node, including the opening quote of a quoted scalar; -1 for an empty one. */
  private startOf(i: number): number {
    const o = i * Slots.W;
    const start = this.data[o + 1];
    const style = styleOf(this.data[o]);
    return typeOf(this.data[o]) === Ev.SCALAR && start >= 0 && (style === Style.SINGLE || style === Style.DOUBLE) ? start - 1 : start;
  }

  /** Index of the event after the node that starts at `i`. */
  private skip(i: number): number {
    const type = this.data[i * Slots.W];
    return type === Ev.MAPPING || type === Ev.SEQUENCE ? this.data[i * Slots.W + 3] : i + 1;
  }

  private nodeEnd(i: number): number {
    return nodeEnd(this.data, i);
  }

  /** Whether a key event is the scalar `text`, without building a string for plain keys. */
  private keyIs(i: number, text: string): boolean {
    const { data } = this;
    const o = i * Slots.W;
    if (typeOf(data[o]) !== Ev.SCALAR) return false;
    if (isFast(data[o])) return data[o + 2] - data[o + 1] === text.length && this.source.startsWith(text, data[o + 1]);
    return this.scalarText(i) === text;
  }

  private scalarText(i: number): string | undefined {
    const { data } = this;
    if (typeOf(data[i * Slots.W]) !== Ev.SCALAR) return undefined;
    const o = i * Slots.W;
    if (isFast(data[o])) return this.source.slice(data[o + 1], data[o + 2]);
    const event: ScalarEvent = {
      type: Ev.SCALAR, valueStart: data[o + 1], valueEnd: data[o + 2], anchorStart: -1, anchorEnd: -1,
      tagStart: -1, tagEnd: -1, style: styleOf(data[o]) as ScalarEvent['style'],
      chomping: chompingOf(data[o]) as ScalarEvent['chomping'], indent: data[o + 3], fast: false,
    };
    return getScalarValue(this.source, event);
  }
}

/**
 * End offset of the node whose event is `i`: for a scalar, its end (with the closing quote); for a
 * collection, the end of the last scalar or alias inside it, or one past its start when it has
 * none. Events are in text order and do not overlap, so the last one that has an end ends last: it
 * is found from the collection's end backwards, not by walking the whole subtree (a failing path
 * that stops at a container walked its hundred events, for each control that failed there).
 */
export function nodeEnd(data: Int32Array, i: number): number {
  const type = typeOf(data[i * Slots.W]);
  if (type !== Ev.MAPPING && type !== Ev.SEQUENCE) return leafEnd(data, i);
  const start = data[i * Slots.W + 2] + 1;
  for (let j = data[i * Slots.W + 3] - 1; j > i; j--) {
    const t = typeOf(data[j * Slots.W]);
    if (t !== Ev.SCALAR && t !== Ev.ALIAS) continue;
    const end = leafEnd(data, j);
    if (end >= 0) return Math.max(start, end);
  }
  return start;
}

/** End offset of a scalar (with its closing quote) or an alias; -1 for an empty scalar. */
function leafEnd(data: Int32Array, i: number): number {
  const end = data[i * Slots.W + 2];
  if (typeOf(data[i * Slots.W]) !== Ev.SCALAR || end < 0) return end;
  const style = styleOf(data[i * Slots.W]);
  return style === Style.SINGLE || style === Style.DOUBLE ? end + 1 : end;
}

/** Turns offsets in a file's text into 1-based lines and columns; built on first use. */
export class LineIndex {
  private starts: Int32Array | undefined;
  /** `text`: the whole text that offsets point into. */
  constructor(readonly text: string) {}

  at(offset: number): { line: number; column: number } {
    const starts = (this.starts ??= this.build());
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  /** Line starts, in one pass, into an array that doubles when full (a list grown by push left 6 MB of garbage for the 10k input). */
  private build(): Int32Array {
    const { text } = this;
    let starts = new Int32Array(64 + (text.length >> 5));
    let k = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (k === starts.length) {
        const bigger = new Int32Array(starts.length * 2);
        bigger.set(starts);
        starts = bigger;
      }
      starts[k++] = i + 1;
    }
    return starts.subarray(0, k);
  }
}
