// A fast parser for the YAML that Kubernetes manifests are written in, with js-yaml as the judge.
//
// js-yaml is the fastest general YAML parser on npm, yet it reads about 7 MB/s here: it is written
// for all of YAML. Manifests use a small part of it — block mappings and sequences, plain and
// quoted scalars (over several lines too), literal and folded block scalars, flow collections
// (JSON included), comments and `---`. This parser handles exactly that part, line by line, and
// builds the same two things the js-yaml path builds: the values (CORE_SCHEMA) and the compact
// event array that `DocumentPositions` resolves paths with. Scalars are decoded and typed by
// js-yaml's own code (`getScalarValue`, the schema's implicit resolvers), so the rules for escapes,
// block scalars, numbers, booleans and nulls are js-yaml's.
//
// Anything outside that part — anchors, aliases, tags, directives, merge keys, complex keys,
// indentation indicators, tabs in indentation or inside flow collections, a CR that does not end
// a line, a byte order mark, duplicate keys, non-printable characters, deep nesting — and anything that would be
// an error makes it give up (`undefined`), and the caller parses the text with js-yaml as before.
// It never reports an error itself, so every error message still comes from js-yaml. Where js-yaml
// has quirks (a root node's indentation, an indented `---` before the first node, which plain
// scalars it calls fast), this parser follows them, so that values and event offsets are equal.
// fast-yaml.test.ts parses every corpus file and thousands of mutated excerpts both ways.
import { getScalarValue, CORE_SCHEMA, mergeTag, type ScalarEvent } from 'js-yaml';

const DOCUMENT = 1, SEQUENCE = 2, MAPPING = 3, SCALAR = 4, POP = 6;
const PLAIN = 1, SINGLE = 2, DOUBLE = 3, LITERAL = 4, FOLDED = 5;
const CLIP = 1, STRIP = 2, KEEP = 3;
/**
 * Int32 slots per event, as in yaml-documents.ts: type, start, end, style, chomping, indent, fast;
 * a collection keeps the index of the event after its POP in the style slot.
 */
const W = 7;
const MAX_DEPTH = 100;
/** YAML limits implicit keys to 1024 characters. */
const MAX_KEY = 1024;

const TAB = 9, LF = 10, SP = 32, BANG = 33, DQUOTE = 34, HASH = 35, PERCENT = 37, AMP = 38,
  SQUOTE = 39, STAR = 42, COMMA = 44, DASH = 45, DOT = 46, COLON = 58, GT = 62, QMARK = 63, AT = 64,
  LBRACKET = 91, BACKSLASH = 92, RBRACKET = 93, BACKTICK = 96, LBRACE = 123, PIPE = 124, RBRACE = 125;

/**
 * js-yaml refuses these in scalars (with /u, a lone surrogate); seeing one anywhere, or a CR left
 * after CRLF line ends are made LF, or a byte order mark (js-yaml drops a leading one), hands the
 * text to js-yaml.
 */
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\x7F-\x84\x86-\x9F\uFEFF\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;

export interface FastParse {
  /** Compact events, W slots each, in js-yaml's event order and offsets. */
  data: Int32Array;
  count: number;
  /** One value per DOCUMENT event. */
  values: unknown[];
}

interface ImplicitResolver {
  resolveImplicitScalarTag(source: string): { value: unknown };
  implicitScalarByFirstChar: Map<string, unknown>;
  implicitScalarAnyFirstChar: unknown[];
}

const SCHEMA = CORE_SCHEMA.withTags(mergeTag) as unknown as Partial<ImplicitResolver>;

/**
 * Plain scalars whose first character can start a non-string (a number, `true`, `null`, `~`, `.inf`)
 * are typed by the schema's resolvers; every other plain scalar is a string. When the installed
 * js-yaml does not expose its resolvers as expected, the fast parser is off and js-yaml parses all.
 */
const resolver: ImplicitResolver | undefined =
  typeof SCHEMA.resolveImplicitScalarTag === 'function' && SCHEMA.implicitScalarByFirstChar instanceof Map
    && Array.isArray(SCHEMA.implicitScalarAnyFirstChar) && SCHEMA.implicitScalarAnyFirstChar.length === 0
    ? SCHEMA as ImplicitResolver : undefined;
const typedFirst = new Uint8Array(128);
let typedNonAscii = false;
if (resolver) {
  for (const ch of resolver.implicitScalarByFirstChar.keys()) {
    const code = ch.charCodeAt(0);
    if (code < 128) typedFirst[code] = 1; else typedNonAscii = true;
  }
}
const resolved = new Map<string, unknown>();

function plainValue(text: string): unknown {
  const c = text.charCodeAt(0);
  if (c < 128 ? typedFirst[c] === 0 : !typedNonAscii) return text;
  if (text === '<<') throw BAIL; // a merge key or its value: js-yaml's business
  let v = resolved.get(text);
  if (v === undefined && !resolved.has(text)) {
    v = resolver!.resolveImplicitScalarTag(text).value;
    if (v !== null && typeof v === 'object') throw BAIL;
    if (resolved.size < 10_000) resolved.set(text, v);
  }
  return v;
}

const BAIL = { bail: true };

/** Parses a YAML stream, or returns undefined when it is not in the subset described above. */
export function fastParse(source: string): FastParse | undefined {
  if (!resolver) return undefined;
  if (source.indexOf('\r') >= 0) return fastParseCrlf(source);
  if (NON_PRINTABLE.test(source)) return undefined;
  return parse(source);
}

function parse(source: string): FastParse | undefined {
  const p = new Parser(source);
  try {
    p.stream();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
  return { data: p.data, count: p.count, values: p.values };
}

/**
 * CRLF line ends (files written on Windows, or some of their lines): the text is parsed with LF
 * line ends, and every offset is then moved back to the original text, one place for each CR
 * removed before it. A CR that is not followed by LF is left to js-yaml.
 */
function fastParseCrlf(source: string): FastParse | undefined {
  if (/\r(?!\n)/.test(source)) return undefined;
  const text = source.replace(/\r\n/g, '\n');
  if (NON_PRINTABLE.test(text)) return undefined;
  const parsed = parse(text);
  if (!parsed) return undefined;
  // where, in `text`, the line breaks are whose CR was removed (a text may mix CRLF and LF)
  const breaks: number[] = [];
  for (let j = source.indexOf('\r\n'); j >= 0; j = source.indexOf('\r\n', j + 2)) breaks.push(j - breaks.length);
  /** Offset in `source` of offset `o` in `text`: plus the CRs removed before it. */
  const back = (o: number): number => {
    let lo = 0, hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] < o) lo = mid + 1; else hi = mid;
    }
    return o + lo;
  };
  const { data, count } = parsed;
  for (let i = 0; i < count; i++) {
    const o = i * W;
    const type = data[o];
    if (type !== SCALAR && type !== MAPPING && type !== SEQUENCE) continue;
    if (data[o + 1] >= 0) data[o + 1] = back(data[o + 1]);
    if (data[o + 2] >= 0) data[o + 2] = back(data[o + 2]);
  }
  return parsed;
}

class Parser {
  readonly n: number;
  data = new Int32Array(1024 * W);
  count = 0;
  values: unknown[] = [];
  /** After a node: offset of the next content character, or `n`. */
  next = 0;
  /** Its column; -1 at the end of the text or at a document marker. */
  nextCol = -1;
  depth = 0;
  /** Column of the block node a flow collection sits in; its continuation lines go past it. */
  flowParent = -1;

  constructor(readonly src: string) {
    this.n = src.length;
  }

  emit(type: number, start: number, end: number, style: number, chomping: number, indent: number, fast: number): void {
    if ((this.count + 1) * W > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const o = this.count++ * W;
    const d = this.data;
    d[o] = type; d[o + 1] = start; d[o + 2] = end; d[o + 3] = style; d[o + 4] = chomping; d[o + 5] = indent; d[o + 6] = fast;
  }

  /** Pops the collection opened at event `opened`, which records where its events end. */
  close(opened: number): void {
    this.emit(POP, 0, 0, 0, 0, 0, 0);
    this.data[opened * W + 3] = this.count;
  }

  stream(): void {
    const { src, n } = this;
    this.seek(0);
    let explicit = false;
    for (;;) {
      if (this.next >= n) {
        if (explicit) this.emptyDocument();
        return;
      }
      if (this.nextCol < 0) {
        // a document marker at column 0
        const at = this.next;
        if (src.charCodeAt(at) === DOT) {
          if (explicit) this.emptyDocument();
          explicit = false;
          this.seek(this.endOfLine(at + 3));
          continue;
        }
        if (explicit) this.emptyDocument();
        explicit = true;
        this.seek(this.endOfLine(at + 3)); // content after `---` on its line is left to js-yaml
        continue;
      }
      // js-yaml takes an indented `---` or `...` before a document's first node for a marker
      if ((src.charCodeAt(this.next) === DASH || src.charCodeAt(this.next) === DOT) && this.isMarker(this.next)) throw BAIL;
      this.emit(DOCUMENT, 0, 0, 0, 0, 0, 0);
      // As js-yaml does: a root node after a line break sits in a block one column to its left;
      // on the text's first line, in one at column -1.
      const parent = src.lastIndexOf('\n', this.next) >= 0 ? this.nextCol - 1 : -1;
      const value = this.node(this.next, this.nextCol, parent);
      if (this.nextCol >= 0) throw BAIL; // more content after the root node
      this.emit(POP, 0, 0, 0, 0, 0, 0);
      this.values.push(value);
      explicit = false;
      // the loop goes on at the marker or the end the root node stopped at
    }
  }

  emptyDocument(): void {
    this.emit(DOCUMENT, 0, 0, 0, 0, 0, 0);
    this.emit(SCALAR, -1, -1, PLAIN, CLIP, -1, 0);
    this.emit(POP, 0, 0, 0, 0, 0, 0);
    this.values.push(null);
  }

  /** From the start of a line: skips blank and comment lines and sets `next` and `nextCol`. */
  seek(p: number): void {
    const { src, n } = this;
    while (p < n) {
      let q = p;
      while (q < n && src.charCodeAt(q) === SP) q++;
      if (q >= n) break;
      const c = src.charCodeAt(q);
      if (c === LF) { p = q + 1; continue; }
      if (c === HASH) {
        const e = src.indexOf('\n', q);
        if (e < 0) break;
        p = e + 1;
        continue;
      }
      if (c === TAB) throw BAIL;
      if (q === p) {
        if ((c === DASH || c === DOT) && this.isMarker(p)) { this.next = p; this.nextCol = -1; return; }
        if (c === PERCENT) throw BAIL;
      }
      this.next = q;
      this.nextCol = q - p;
      return;
    }
    this.next = n;
    this.nextCol = -1;
  }

  isMarker(p: number): boolean {
    const { src } = this;
    const c = src.charCodeAt(p);
    if (src.charCodeAt(p + 1) !== c || src.charCodeAt(p + 2) !== c) return false;
    if (p + 3 >= this.n) return true;
    const d = src.charCodeAt(p + 3);
    return d === SP || d === LF || d === TAB;
  }

  /** After a node on a line: only spaces and a comment may follow. Returns the next line's start. */
  endOfLine(p: number): number {
    const { src, n } = this;
    const from = p;
    while (p < n) {
      const c = src.charCodeAt(p);
      if (c === SP || c === TAB) { p++; continue; }
      if (c === LF) return p + 1;
      if (c === HASH && (p > from || isSpace(src.charCodeAt(p - 1)))) {
        const e = src.indexOf('\n', p);
        return e < 0 ? n : e + 1;
      }
      throw BAIL;
    }
    return n;
  }

  /** A node starting at `p` (content, column `col`) in a block whose parent sits at column `parent`. */
  node(p: number, col: number, parent: number): unknown {
    if (++this.depth > MAX_DEPTH) throw BAIL;
    const { src } = this;
    const c = src.charCodeAt(p);
    let value: unknown;
    if (c === DASH && isBreakOrSpace(src, p + 1, this.n)) value = this.sequence(p, col);
    else if (c === LBRACKET || c === LBRACE) value = this.flowLine(p, parent);
    else if (c === PIPE || c === GT) value = this.blockScalar(p, parent);
    else if (c === DQUOTE || c === SQUOTE) {
      const close = this.quotedEnd(p, parent);
      let q = close + 1;
      while (q < this.n && isSpace(src.charCodeAt(q))) q++;
      if (src.charCodeAt(q) === COLON && isBreakOrSpace(src, q + 1, this.n)) value = this.mapping(p, col);
      else {
        value = this.quoted(p, close);
        this.afterInline(close + 1, parent);
      }
    } else {
      if (!plainStart(src, p, this.n)) throw BAIL;
      scanPlain(src, p, this.n);
      if (scanColon >= 0) value = this.mapping(p, col);
      else value = this.plain(p, parent);
    }
    this.depth--;
    return value;
  }

  /** After a scalar or flow collection that ends at `p`: the rest of its line, then the next content. */
  afterInline(p: number, parent: number): void {
    this.seek(this.endOfLine(p));
    if (this.nextCol > parent) throw BAIL; // a continuation line, or an error js-yaml will name
  }

  /**
   * A plain scalar whose first line `scanPlain` has just read; it goes on over the following lines
   * that are indented past `parent`, folded as YAML folds them (by js-yaml's decoder).
   */
  plain(p: number, parent: number): unknown {
    const { src, n } = this;
    let end = scanEnd;
    let lines = 1;
    if (!scanComment) {
      let line = src.indexOf('\n', end);
      while (line >= 0) {
        line++;
        let s = line;
        while (s < n && src.charCodeAt(s) === SP) s++;
        if (s >= n) break;
        const c = src.charCodeAt(s);
        if (c === LF) { line = s; continue; } // an empty line inside folds to a line break
        if (s - line <= parent || c === HASH || (s === line && this.isMarker(s))) break;
        if (c === TAB) throw BAIL;
        scanPlain(src, s, n);
        if (scanColon >= 0) throw BAIL; // a mapping key under a scalar
        end = scanEnd;
        lines++;
        if (scanComment) break;
        line = src.indexOf('\n', end);
      }
    }
    let value: unknown;
    if (lines === 1) {
      this.emit(SCALAR, p, end, PLAIN, CLIP, -1, scanComment || !this.readsOn(end, parent) ? 1 : 0);
      value = plainValue(src.slice(p, end));
    } else {
      this.emit(SCALAR, p, end, PLAIN, CLIP, -1, 0);
      value = plainValue(this.decode({ valueStart: p, valueEnd: end, style: PLAIN, chomping: CLIP, indent: -1 }));
    }
    this.afterInline(end, parent);
    return value;
  }

  /**
   * Whether js-yaml, after a one-line plain scalar ending at `end`, would look at the next line as
   * a possible continuation (it then marks the scalar not fast): the line ends in a break and the
   * next non-empty line, a comment line included, is indented past `parent`.
   */
  readsOn(end: number, parent: number): boolean {
    const { src, n } = this;
    let i = end;
    while (isSpace(src.charCodeAt(i))) i++;
    if (i >= n || src.charCodeAt(i) !== LF) return false;
    for (;;) {
      const line = ++i;
      while (i < n && src.charCodeAt(i) === SP) i++;
      if (i >= n || src.charCodeAt(i) !== LF) return i - line > parent;
    }
  }

  mapping(p: number, col: number): Record<string, unknown> {
    const { src, n } = this;
    const opened = this.count;
    this.emit(MAPPING, p, p, 0, 0, 0, 0);
    const obj: Record<string, unknown> = {};
    for (;;) {
      // the key
      const c = src.charCodeAt(p);
      let key: string;
      let q: number;
      if (c === DQUOTE || c === SQUOTE) {
        const close = this.quotedEnd(p, -2);
        const k = this.quoted(p, close);
        key = k;
        q = close + 1;
        while (q < n && isSpace(src.charCodeAt(q))) q++;
        if (src.charCodeAt(q) !== COLON || !isBreakOrSpace(src, q + 1, n)) throw BAIL;
      } else {
        if (!plainStart(src, p, n)) throw BAIL;
        scanPlain(src, p, n);
        if (scanColon < 0 || scanEnd - p > MAX_KEY) throw BAIL;
        this.emit(SCALAR, p, scanEnd, PLAIN, CLIP, -1, 1);
        const v = plainValue(src.slice(p, scanEnd));
        key = typeof v === 'string' ? v : String(v);
        q = scanColon;
      }
      if (key === '__proto__' || Object.prototype.hasOwnProperty.call(obj, key)) throw BAIL;
      // the value
      q++; // past ':'
      while (q < n && isSpace(src.charCodeAt(q))) q++;
      const v = q >= n ? LF : src.charCodeAt(q);
      let value: unknown;
      if (v === LF || v === HASH) {
        this.seek(this.endOfLine(q));
        if (this.nextCol > col) value = this.node(this.next, this.nextCol, col);
        else if (this.nextCol === col && src.charCodeAt(this.next) === DASH && isBreakOrSpace(src, this.next + 1, n)) {
          if (++this.depth > MAX_DEPTH) throw BAIL;
          value = this.sequence(this.next, col);
          this.depth--;
        } else {
          this.emit(SCALAR, -1, -1, PLAIN, CLIP, -1, 0);
          value = null;
        }
      } else if (v === DQUOTE || v === SQUOTE) {
        // a scalar, never a key: `a: "b": c` is an error
        const close = this.quotedEnd(q, col);
        value = this.quoted(q, close);
        this.afterInline(close + 1, col);
      } else if (v === PIPE || v === GT || v === LBRACKET || v === LBRACE) {
        value = this.node(q, col + (q - p), col);
      } else {
        if (!plainStart(src, q, n)) throw BAIL;
        scanPlain(src, q, n);
        if (scanColon >= 0) throw BAIL; // `a: b: c`
        value = this.plain(q, col);
      }
      obj[key] = value;
      if (this.nextCol !== col) {
        if (this.nextCol > col) throw BAIL;
        break;
      }
      p = this.next;
      if (src.charCodeAt(p) === DASH && isBreakOrSpace(src, p + 1, n)) throw BAIL; // a sequence entry where a key belongs
    }
    this.close(opened);
    return obj;
  }

  sequence(p: number, col: number): unknown[] {
    const { src, n } = this;
    const opened = this.count;
    this.emit(SEQUENCE, p, p, 0, 0, 0, 0);
    const arr: unknown[] = [];
    for (;;) {
      let q = p + 1;
      while (q < n && isSpace(src.charCodeAt(q))) q++;
      const c = q >= n ? LF : src.charCodeAt(q);
      if (c === LF || c === HASH) {
        this.seek(this.endOfLine(q));
        if (this.nextCol > col) arr.push(this.node(this.next, this.nextCol, col));
        else {
          this.emit(SCALAR, -1, -1, PLAIN, CLIP, -1, 0);
          arr.push(null);
        }
      } else {
        if (src.charCodeAt(q - 1) === TAB) throw BAIL;
        arr.push(this.node(q, col + (q - p), col));
      }
      if (this.nextCol !== col || src.charCodeAt(this.next) !== DASH || !isBreakOrSpace(src, this.next + 1, n)) {
        if (this.nextCol > col) throw BAIL;
        break;
      }
      p = this.next;
    }
    this.close(opened);
    return arr;
  }

  /**
   * Offset of the closing quote of a quoted scalar that starts at `p`. It may go on over lines
   * indented past `parent`; -2 keeps it on one line (a key).
   */
  quotedEnd(p: number, parent: number): number {
    const { src, n } = this;
    const quote = src.charCodeAt(p);
    for (let i = p + 1; i < n; i++) {
      const c = src.charCodeAt(i);
      if (c === quote) {
        if (quote === SQUOTE && src.charCodeAt(i + 1) === SQUOTE) { i++; continue; }
        return i;
      }
      if (c === BACKSLASH && quote === DQUOTE) {
        const e = src.charCodeAt(++i);
        if (e === LF) this.continuation(i + 1, parent);
        else i = escapeEnd(src, i, e);
        continue;
      }
      if (c === LF) this.continuation(i + 1, parent);
    }
    throw BAIL;
  }

  /** A line that continues a quoted scalar or a flow collection must be indented past `parent`. */
  continuation(line: number, parent: number): void {
    if (parent === -2) throw BAIL;
    const { src, n } = this;
    let s = line;
    while (s < n && src.charCodeAt(s) === SP) s++;
    const c = s < n ? src.charCodeAt(s) : LF;
    if (c === LF) return; // an empty line
    if (c === TAB || s - line <= parent || (s === line && (c === DASH || c === DOT) && this.isMarker(s))) throw BAIL;
  }

  /** Emits and decodes the quoted scalar between `p` and `close`, with js-yaml's decoder. */
  quoted(p: number, close: number): string {
    const { src } = this;
    const style = src.charCodeAt(p) === SQUOTE ? SINGLE : DOUBLE;
    const escape = style === SINGLE ? "''" : '\\';
    const raw = src.slice(p + 1, close);
    const fast = raw.indexOf(escape) < 0 && raw.indexOf('\n') < 0;
    this.emit(SCALAR, p + 1, close, style, CLIP, -1, fast ? 1 : 0);
    if (fast) return raw;
    return this.decode({ valueStart: p + 1, valueEnd: close, style, chomping: CLIP, indent: -1 });
  }

  decode(e: { valueStart: number; valueEnd: number; style: number; chomping: number; indent: number }): string {
    try {
      return getScalarValue(this.src, {
        type: SCALAR, anchorStart: -1, anchorEnd: -1, tagStart: -1, tagEnd: -1, fast: false, ...e,
      } as unknown as ScalarEvent);
    } catch {
      throw BAIL;
    }
  }

  /** `|` or `>` with an optional chomping indicator; the content indent is found from the first line. */
  blockScalar(p: number, parent: number): string {
    const { src, n } = this;
    const style = src.charCodeAt(p) === PIPE ? LITERAL : FOLDED;
    let i = p + 1;
    let chomping = CLIP;
    const c = src.charCodeAt(i);
    if (c === DASH) { chomping = STRIP; i++; } else if (c === 43 /* + */) { chomping = KEEP; i++; }
    const d = src.charCodeAt(i);
    if (d >= 48 && d <= 57) throw BAIL; // an indentation indicator
    if (i < n && d !== SP && d !== TAB && d !== LF) throw BAIL;
    const start = this.endOfLine(i);
    let indent = -1;
    let blankMax = 0;
    let line = start;
    let end = start;
    while (line < n) {
      let s = line;
      while (s < n && src.charCodeAt(s) === SP) s++;
      if (s >= n) break; // spaces at the very end are not part of it
      const ch = src.charCodeAt(s);
      const eol = ch === LF ? s : src.indexOf('\n', s);
      const next = eol < 0 ? n : eol + 1;
      if (ch === LF) { // an empty line belongs to the scalar
        if (indent < 0 && s - line > blankMax) blankMax = s - line;
        line = next;
        end = next;
        continue;
      }
      const width = s - line;
      if (indent < 0) {
        if (width <= parent || ch === TAB || blankMax > width) throw BAIL;
        if (width === 0 && this.isMarker(line)) throw BAIL;
        indent = width;
      }
      if (width < indent) break;
      line = next;
      end = line;
    }
    if (indent < 0) throw BAIL; // no content: js-yaml decides what the empty scalar is
    this.emit(SCALAR, start, end, style, chomping, indent, 0);
    const value = this.decode({ valueStart: start, valueEnd: end, style, chomping, indent });
    this.seek(end);
    if (this.nextCol > parent) throw BAIL;
    return value;
  }

  /** `[...]` or `{...}`, over one line or several: scalars and nested collections. */
  flowLine(p: number, parent: number): unknown {
    const end = { at: 0 };
    this.flowParent = parent;
    const value = this.flow(p, end);
    this.afterInline(end.at, parent);
    return value;
  }

  flow(p: number, end: { at: number }): unknown {
    if (++this.depth > MAX_DEPTH) throw BAIL;
    const { src, n } = this;
    const isSeq = src.charCodeAt(p) === LBRACKET;
    const close = isSeq ? RBRACKET : RBRACE;
    const opened = this.count;
    this.emit(isSeq ? SEQUENCE : MAPPING, p, p, 0, 0, 0, 0);
    const arr: unknown[] = [];
    const obj: Record<string, unknown> = {};
    let i = this.space(p + 1, n);
    if (src.charCodeAt(i) === close) {
      end.at = i + 1;
    } else {
      for (;;) {
        if (isSeq) {
          arr.push(this.flowItem(i, end));
        } else {
          const keyAt = i;
          const c = src.charCodeAt(i);
          let key: string;
          if (c === DQUOTE || c === SQUOTE) {
            const q = this.quotedEnd(i, -2);
            key = this.quoted(i, q);
            i = q + 1;
          } else {
            if (!plainStart(src, i, n)) throw BAIL;
            const e = flowPlainEnd(src, i, n, true);
            if (e === i) throw BAIL;
            this.emit(SCALAR, i, e, PLAIN, CLIP, -1, 1);
            const v = plainValue(src.slice(i, e));
            key = typeof v === 'string' ? v : String(v);
            i = e;
          }
          if (key === '__proto__' || Object.prototype.hasOwnProperty.call(obj, key) || i - keyAt > MAX_KEY) throw BAIL;
          while (src.charCodeAt(i) === SP) i++; // an implicit key is on one line with its ':'
          if (src.charCodeAt(i) !== COLON) throw BAIL;
          i = this.space(i + 1, n);
          obj[key] = this.flowItem(i, end);
        }
        i = this.space(end.at, n);
        const c = src.charCodeAt(i);
        if (c === COMMA) {
          i = this.space(i + 1, n);
          if (src.charCodeAt(i) === close) { end.at = i + 1; break; } // a trailing comma
          continue;
        }
        if (c === close) { end.at = i + 1; break; }
        throw BAIL;
      }
    }
    this.close(opened);
    this.depth--;
    return isSeq ? arr : obj;
  }

  /** Skips spaces, line breaks and comments inside a flow collection. */
  space(i: number, n: number): number {
    const { src } = this;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === SP) { i++; continue; }
      if (c === TAB) throw BAIL; // js-yaml refuses some tabs inside flow collections ("deficient indentation")
      if (c === LF) { this.continuation(i + 1, this.flowParent); i++; continue; }
      if (c === HASH) {
        const b = src.charCodeAt(i - 1);
        if (b !== SP && b !== TAB && b !== LF) return i;
        const e = src.indexOf('\n', i);
        if (e < 0) return n;
        i = e;
        continue;
      }
      return i;
    }
    return i;
  }

  /** One scalar or nested collection inside a flow collection; sets `end.at` after it. */
  flowItem(i: number, end: { at: number }): unknown {
    const { src, n } = this;
    const c = src.charCodeAt(i);
    if (c === LBRACKET || c === LBRACE) return this.flow(i, end);
    if (c === DQUOTE || c === SQUOTE) {
      const q = this.quotedEnd(i, this.flowParent);
      end.at = q + 1;
      return this.quoted(i, q);
    }
    if (c === COMMA || c === RBRACKET || c === RBRACE || c === HASH || c === LF || i >= n) throw BAIL; // an empty entry
    if (!plainStart(src, i, n)) throw BAIL;
    const e = flowPlainEnd(src, i, n, false);
    // js-yaml marks a flow plain scalar that a line break follows as not fast (it might fold)
    let f = e;
    while (isSpace(src.charCodeAt(f))) f++;
    this.emit(SCALAR, i, e, PLAIN, CLIP, -1, f < n && src.charCodeAt(f) === LF ? 0 : 1);
    end.at = e;
    return plainValue(src.slice(i, e));
  }
}

/** js-yaml's escapes: `\0 \a \b \t \n \v \f \r \e \  \" \/ \\ \N \_ \L \P`, a tab, and `\x`, `\u`, `\U` with 2, 4, 8 hex digits. */
const SIMPLE_ESCAPES = new Set([48, 97, 98, 116, TAB, 110, 118, 102, 114, 101, SP, DQUOTE, 47, BACKSLASH, 78, 95, 76, 80]);

/** The last offset of the escape whose letter `e` is at `i`; an unknown escape is js-yaml's to report. */
function escapeEnd(src: string, i: number, e: number): number {
  if (SIMPLE_ESCAPES.has(e)) return i;
  const digits = e === 120 ? 2 : e === 117 ? 4 : e === 85 ? 8 : 0;
  if (digits === 0) throw BAIL;
  for (let k = 1; k <= digits; k++) {
    const h = src.charCodeAt(i + k);
    if (!((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102))) throw BAIL;
  }
  return i + digits;
}

function isSpace(c: number): boolean {
  return c === SP || c === TAB;
}

function isBreakOrSpace(src: string, i: number, n: number): boolean {
  if (i >= n) return true;
  const c = src.charCodeAt(i);
  return c === SP || c === TAB || c === LF;
}


/** Whether a plain scalar may start at `p` in block context (YAML 1.2, rule ns-plain-first). */
function plainStart(src: string, p: number, n: number): boolean {
  const c = src.charCodeAt(p);
  switch (c) {
    case DASH: case QMARK: case COLON:
      return !isBreakOrSpace(src, p + 1, n);
    case COMMA: case LBRACKET: case RBRACKET: case LBRACE: case RBRACE: case HASH: case AMP: case STAR:
    case BANG: case PIPE: case GT: case SQUOTE: case DQUOTE: case PERCENT: case AT: case BACKTICK:
    case SP: case TAB: case LF:
      return false;
    default:
      return p < n;
  }
}

// What scanPlain found (module state rather than an object per call: it runs for every line).
let scanEnd = 0;
let scanColon = -1;
let scanComment = false;

/**
 * Reads the plain scalar at `p` on its line: where it ends (trailing spaces and a comment left
 * out), the offset of a `:` that makes it a mapping key (or -1), and whether a comment follows.
 */
function scanPlain(src: string, p: number, n: number): void {
  let end = p;
  let i = p;
  scanColon = -1;
  scanComment = false;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === LF) break;
    if (c === COLON) {
      const d = i + 1 < n ? src.charCodeAt(i + 1) : LF;
      if (d === SP || d === TAB || d === LF) { scanColon = i; break; }
    } else if (c === HASH) {
      const b = src.charCodeAt(i - 1);
      if (b === SP || b === TAB) { scanComment = true; break; }
    }
    if (c !== SP && c !== TAB) end = i + 1;
    i++;
  }
  scanEnd = end;
}

/** End of a plain scalar inside a flow collection (at `,`, the closing bracket, `: ` or a comment). */
function flowPlainEnd(src: string, p: number, n: number, isKey: boolean): number {
  let end = p;
  for (let i = p; i < n; i++) {
    const c = src.charCodeAt(i);
    if (c === LF || c === COMMA || c === RBRACKET || c === RBRACE) break;
    if (c === LBRACKET || c === LBRACE) throw BAIL;
    if (c === COLON) {
      const d = i + 1 < n ? src.charCodeAt(i + 1) : LF;
      if (d === SP || d === TAB || d === LF || d === COMMA || d === RBRACKET || d === RBRACE) {
        if (!isKey) throw BAIL; // `[a: b]`, a single-pair mapping
        break;
      }
    } else if (c === HASH) {
      const b = src.charCodeAt(i - 1);
      if (b === SP || b === TAB) throw BAIL;
    }
    if (c !== SP && c !== TAB) end = i + 1;
  }
  return end;
}

