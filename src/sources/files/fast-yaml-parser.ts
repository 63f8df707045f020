// The fast YAML parser's grammar: documents, block mappings and sequences (indentation by
// columns), flow collections, and the scalars in them, emitting the compact events and building
// the values in one pass. See fast-yaml.ts for what it covers and why.
import { getScalarValue, type ScalarEvent } from './js-yaml.js';
import {
  BAIL, Ch, type Codes, codesOf, escapeEnd, flowPlainEnd, flowPlainStart, isBreakOrSpace, isSpace, plainKey, plainStart, plainValue, scanPlain, scanned,
} from './fast-yaml-scalars.js';
import { Chomp, Ev, Slots, Style, scalarType } from './yaml-events.js';

const MAX_DEPTH = 100;
/** The first slot of a plain scalar's event, and of one js-yaml would call fast (see isFast). */
const PLAIN_SCALAR = scalarType(Style.PLAIN, Chomp.CLIP, 0);
const PLAIN_FAST = scalarType(Style.PLAIN, Chomp.CLIP, 1);
/** YAML limits implicit keys to 1024 characters. */
const MAX_KEY = 1024;

/**
 * Where parses write their events: one shared array (a slab) that each parse appends to, its
 * events then kept as a view of their part (see fast-yaml.ts). One array of 256k events serves
 * many files, where an array per file grew by doubling and was then copied to its size: 200
 * files of 10k resources wrote 48 MB of event arrays and copies for 20 MB of events.
 */
const SLAB = (1 << 18) * Slots.W;
let slab = new Int32Array(0);
/** Where the next parse starts writing in `slab`. */
let slabUsed = 0;

export class Parser {
  readonly n: number;
  /** The slab this parse writes into, from `base`; a new one when the parse outgrows it. */
  data = slab;
  base = slabUsed;
  count = 0;
  values: unknown[] = [];
  /** After a node: offset of the next content character, or `n`. */
  next = 0;
  /** Its column; -1 at the end of the text or at a document marker. */
  nextCol = -1;
  depth = 0;
  /** Column of the block node a flow collection sits in; its continuation lines go past it. */
  flowParent = -1;
  /** Inside a flow collection: the offset after the item or collection just read. */
  flowEnd = 0;
  /**
   * The items of the sequences being read, nested ones above their parents' (a sequence's items
   * are copied out at their number when it ends: an array grown by push keeps room for 16 or
   * more, and most sequences in manifests have one to three items).
   */
  items: unknown[] = [];
  /** How many of `items` are in use (the array's length is never cut: V8 would free it at 0). */
  top = 0;

  /** The text's code units (fast-yaml-scalars.ts, codesOf). */
  readonly codes: Codes;

  constructor(readonly src: string) {
    this.n = src.length;
    this.codes = codesOf(src);
  }

  /**
   * Writes one event: its first slot (a type, or a scalar's scalarType), start, end, and a scalar's
   * indent (a collection's fourth slot is written when it closes). Four arguments, so that V8 can
   * inline it at its many call sites.
   */
  emit(first: number, start: number, end: number, indent: number): void {
    if (this.base + (this.count + 1) * Slots.W > this.data.length) this.grow();
    const o = this.base + this.count++ * Slots.W;
    const d = this.data;
    d[o] = first; d[o + 1] = start; d[o + 2] = end; d[o + 3] = indent;
  }

  /**
   * A new slab for this parse, with its events so far: the size of one slab, or twice what this
   * parse has written (a large file has a slab of its own, grown by doubling).
   */
  grow(): void {
    const used = this.count * Slots.W;
    const bigger = new Int32Array(Math.max(SLAB, 2 * used, 1024 * Slots.W));
    bigger.set(this.data.subarray(this.base, this.base + used));
    this.data = slab = bigger;
    this.base = slabUsed = 0;
  }

  /** The events written, as a view of the slab; the next parse writes after them. */
  events(): Int32Array {
    const end = this.base + this.count * Slots.W;
    if (this.data === slab) slabUsed = end;
    return this.data.subarray(this.base, end);
  }

  /** The items of a sequence, from `first` to the top of the stack, as an array of their number. */
  take(first: number): unknown[] {
    const arr = this.items.slice(first, this.top);
    this.top = first;
    return arr;
  }

  /** Pops the collection opened at event `opened`, which records where its events end. */
  close(opened: number): void {
    this.emit(Ev.POP, 0, 0, 0);
    this.data[this.base + opened * Slots.W + 3] = this.count;
  }

  stream(): void {
    const { src, codes, n } = this;
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
        if (codes[at] === Ch.DOT) {
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
      if ((codes[this.next] === Ch.DASH || codes[this.next] === Ch.DOT) && this.isMarker(this.next)) throw BAIL;
      this.emit(Ev.DOCUMENT, 0, 0, 0);
      // As js-yaml does: a root node after a line break sits in a block one column to its left;
      // on the text's first line, in one at column -1.
      const parent = src.lastIndexOf('\n', this.next) >= 0 ? this.nextCol - 1 : -1;
      const value = this.node(this.next, this.nextCol, parent);
      if (this.nextCol >= 0) throw BAIL; // more content after the root node
      this.emit(Ev.POP, 0, 0, 0);
      this.values.push(value);
      explicit = false;
      // the loop goes on at the marker or the end the root node stopped at
    }
  }

  emptyDocument(): void {
    this.emit(Ev.DOCUMENT, 0, 0, 0);
    this.emit(PLAIN_SCALAR, -1, -1, -1);
    this.emit(Ev.POP, 0, 0, 0);
    this.values.push(null);
  }

  /** From the start of a line: skips blank and comment lines and sets `next` and `nextCol`. */
  seek(p: number): void {
    const { src, codes, n } = this;
    while (p < n) {
      let q = p;
      while (q < n && codes[q] === Ch.SP) q++;
      if (q >= n) break;
      const c = codes[q];
      if (c === Ch.LF) { p = q + 1; continue; }
      if (c === Ch.HASH) {
        const e = src.indexOf('\n', q);
        if (e < 0) break;
        p = e + 1;
        continue;
      }
      if (c === Ch.TAB) throw BAIL;
      if (q === p) {
        if ((c === Ch.DASH || c === Ch.DOT) && this.isMarker(p)) { this.next = p; this.nextCol = -1; return; }
        if (c === Ch.PERCENT) throw BAIL;
      }
      this.next = q;
      this.nextCol = q - p;
      return;
    }
    this.next = n;
    this.nextCol = -1;
  }

  isMarker(p: number): boolean {
    const { codes } = this;
    const c = codes[p];
    if (codes[p + 1] !== c || codes[p + 2] !== c) return false;
    if (p + 3 >= this.n) return true;
    const d = codes[p + 3];
    return d === Ch.SP || d === Ch.LF || d === Ch.TAB;
  }

  /** After a node on a line: only spaces and a comment may follow. Returns the next line's start. */
  endOfLine(p: number): number {
    const { src, codes, n } = this;
    const from = p;
    while (p < n) {
      const c = codes[p];
      if (c === Ch.SP || c === Ch.TAB) { p++; continue; }
      if (c === Ch.LF) return p + 1;
      if (c === Ch.HASH && (p > from || isSpace(codes[p - 1]))) {
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
    const { codes } = this;
    const c = codes[p];
    let value: unknown;
    if (c === Ch.DASH && isBreakOrSpace(codes, p + 1, this.n)) value = this.sequence(p, col);
    else if (c === Ch.LBRACKET || c === Ch.LBRACE) value = this.flowLine(p, parent);
    else if (c === Ch.PIPE || c === Ch.GT) value = this.blockScalar(p, parent);
    else if (c === Ch.DQUOTE || c === Ch.SQUOTE) {
      const close = this.quotedEnd(p, parent);
      let q = close + 1;
      while (q < this.n && isSpace(codes[q])) q++;
      if (codes[q] === Ch.COLON && isBreakOrSpace(codes, q + 1, this.n)) value = this.mapping(p, col);
      else {
        value = this.quoted(p, close);
        this.afterInline(close + 1, parent);
      }
    } else {
      if (!plainStart(codes, p, this.n)) throw BAIL;
      scanPlain(codes, p, this.n);
      if (scanned.colon >= 0) value = this.mapping(p, col, true);
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
    const { src, codes, n } = this;
    let end = scanned.end;
    let lines = 1;
    if (!scanned.comment) {
      let line = src.indexOf('\n', end);
      while (line >= 0) {
        line++;
        let s = line;
        while (s < n && codes[s] === Ch.SP) s++;
        if (s >= n) break;
        const c = codes[s];
        if (c === Ch.LF) { line = s; continue; } // an empty line inside folds to a line break
        if (s - line <= parent || c === Ch.HASH || (s === line && this.isMarker(s))) break;
        if (c === Ch.TAB) throw BAIL;
        scanPlain(codes, s, n);
        if (scanned.colon >= 0) throw BAIL; // a mapping key under a scalar
        end = scanned.end;
        lines++;
        if (scanned.comment) break;
        line = src.indexOf('\n', end);
      }
    }
    let value: unknown;
    if (lines === 1) {
      this.emit(scanned.comment || !this.readsOn(end, parent) ? PLAIN_FAST : PLAIN_SCALAR, p, end, -1);
      value = plainValue(src.slice(p, end));
    } else {
      this.emit(PLAIN_SCALAR, p, end, -1);
      value = plainValue(this.decode({ valueStart: p, valueEnd: end, style: Style.PLAIN, chomping: Chomp.CLIP, indent: -1 }));
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
    const { codes, n } = this;
    let i = end;
    while (isSpace(codes[i])) i++;
    if (i >= n || codes[i] !== Ch.LF) return false;
    for (;;) {
      const line = ++i;
      while (i < n && codes[i] === Ch.SP) i++;
      if (i >= n || codes[i] !== Ch.LF) return i - line > parent;
    }
  }

  /**
   * A block mapping whose first key starts at `p`. `keyScanned`: `scanned` already holds that key's
   * scanPlain (node() scans a plain scalar to tell a key from a value), so it is not read again
   * (a fifth of all scanPlain calls, and of the characters they read, on the bench's 10k input).
   */
  mapping(p: number, col: number, keyScanned = false): Record<string, unknown> {
    const { src, codes, n } = this;
    const opened = this.count;
    this.emit(Ev.MAPPING, p, p, 0);
    const obj: Record<string, unknown> = {};
    for (;;) {
      // the key
      const c = codes[p];
      let key: string;
      let q: number;
      if (c === Ch.DQUOTE || c === Ch.SQUOTE) {
        const close = this.quotedEnd(p, -2);
        const k = this.quoted(p, close);
        key = k;
        q = close + 1;
        while (q < n && isSpace(codes[q])) q++;
        if (codes[q] !== Ch.COLON || !isBreakOrSpace(codes, q + 1, n)) throw BAIL;
      } else {
        if (!keyScanned) {
          if (!plainStart(codes, p, n)) throw BAIL;
          scanPlain(codes, p, n);
        }
        keyScanned = false;
        if (scanned.colon < 0 || scanned.end - p > MAX_KEY) throw BAIL;
        this.emit(PLAIN_FAST, p, scanned.end, -1);
        key = internKey(src, codes, p, scanned.end);
        q = scanned.colon;
      }
      checkNewKey(obj, key);
      // the value
      const colonAt = q;
      q++; // past ':'
      while (q < n && isSpace(codes[q])) q++;
      const v = q >= n ? Ch.LF : codes[q];
      let value: unknown;
      if (v === Ch.LF || v === Ch.HASH) {
        this.seek(this.endOfLine(q));
        if (this.nextCol > col) value = this.node(this.next, this.nextCol, col);
        else if (this.nextCol === col && codes[this.next] === Ch.DASH && isBreakOrSpace(codes, this.next + 1, n)) {
          if (++this.depth > MAX_DEPTH) throw BAIL;
          value = this.sequence(this.next, col);
          this.depth--;
        } else {
          this.emit(PLAIN_SCALAR, -1, -1, -1);
          value = null;
        }
      } else if (v === Ch.DQUOTE || v === Ch.SQUOTE) {
        // a scalar, never a key: `a: "b": c` is an error
        const close = this.quotedEnd(q, col);
        value = this.quoted(q, close);
        this.afterInline(close + 1, col);
      } else if (v === Ch.PIPE || v === Ch.GT || v === Ch.LBRACKET || v === Ch.LBRACE) {
        // js-yaml refuses a tab before a flow collection here ("deficient indentation"): leave
        // tabs before any of these to it
        if (src.slice(colonAt + 1, q).includes('\t')) throw BAIL;
        value = this.node(q, col + (q - p), col);
      } else {
        if (!plainStart(codes, q, n)) throw BAIL;
        scanPlain(codes, q, n);
        if (scanned.colon >= 0) throw BAIL; // `a: b: c`
        value = this.plain(q, col);
      }
      obj[key] = value;
      if (this.nextCol !== col) {
        if (this.nextCol > col) throw BAIL;
        break;
      }
      p = this.next;
      if (codes[p] === Ch.DASH && isBreakOrSpace(codes, p + 1, n)) throw BAIL; // a sequence entry where a key belongs
    }
    this.close(opened);
    return obj;
  }

  sequence(p: number, col: number): unknown[] {
    const { src, codes, n } = this;
    const opened = this.count;
    this.emit(Ev.SEQUENCE, p, p, 0);
    const first = this.top;
    for (;;) {
      let q = p + 1;
      while (q < n && isSpace(codes[q])) q++;
      const c = q >= n ? Ch.LF : codes[q];
      if (c === Ch.LF || c === Ch.HASH) {
        this.seek(this.endOfLine(q));
        let item: unknown = null;
        if (this.nextCol > col) item = this.node(this.next, this.nextCol, col);
        else this.emit(PLAIN_SCALAR, -1, -1, -1);
        this.items[this.top++] = item;
      } else {
        // a tab anywhere between `-` and the entry: js-yaml's indentation rules for it differ
        if (src.slice(p + 1, q).includes('\t')) throw BAIL;
        const item = this.node(q, col + (q - p), col);
        this.items[this.top++] = item;
      }
      if (this.nextCol !== col || codes[this.next] !== Ch.DASH || !isBreakOrSpace(codes, this.next + 1, n)) {
        if (this.nextCol > col) throw BAIL;
        break;
      }
      p = this.next;
    }
    this.close(opened);
    return this.take(first);
  }

  /**
   * Offset of the closing quote of a quoted scalar that starts at `p`. It may go on over lines
   * indented past `parent`; -2 keeps it on one line (a key).
   */
  quotedEnd(p: number, parent: number): number {
    const { codes, n } = this;
    const quote = codes[p];
    for (let i = p + 1; i < n; i++) {
      const c = codes[i];
      if (c === quote) {
        if (quote === Ch.SQUOTE && codes[i + 1] === Ch.SQUOTE) { i++; continue; }
        return i;
      }
      if (c === Ch.BACKSLASH && quote === Ch.DQUOTE) {
        const e = codes[++i];
        if (e === Ch.LF) this.continuation(i + 1, parent);
        else i = escapeEnd(codes, i, e);
        continue;
      }
      if (c === Ch.LF) this.continuation(i + 1, parent);
    }
    throw BAIL;
  }

  /** A line that continues a quoted scalar or a flow collection must be indented past `parent`. */
  continuation(line: number, parent: number): void {
    if (parent === -2) throw BAIL;
    const { codes, n } = this;
    let s = line;
    while (s < n && codes[s] === Ch.SP) s++;
    const c = s < n ? codes[s] : Ch.LF;
    if (c === Ch.LF) return; // an empty line
    if (c === Ch.TAB || s - line <= parent || (s === line && (c === Ch.DASH || c === Ch.DOT) && this.isMarker(s))) throw BAIL;
  }

  /** Emits and decodes the quoted scalar between `p` and `close`, with js-yaml's decoder. */
  quoted(p: number, close: number): string {
    const { src, codes } = this;
    const style = codes[p] === Ch.SQUOTE ? Style.SINGLE : Style.DOUBLE;
    const escape = style === Style.SINGLE ? "''" : '\\';
    const raw = src.slice(p + 1, close);
    const fast = raw.indexOf(escape) < 0 && raw.indexOf('\n') < 0;
    this.emit(scalarType(style, Chomp.CLIP, fast ? 1 : 0), p + 1, close, -1);
    if (fast) return raw;
    return this.decode({ valueStart: p + 1, valueEnd: close, style, chomping: Chomp.CLIP, indent: -1 });
  }

  decode(e: { valueStart: number; valueEnd: number; style: number; chomping: number; indent: number }): string {
    try {
      return getScalarValue(this.src, {
        type: Ev.SCALAR, anchorStart: -1, anchorEnd: -1, tagStart: -1, tagEnd: -1, fast: false, ...e,
      } as unknown as ScalarEvent);
    } catch {
      throw BAIL;
    }
  }

  /** `|` or `>` with an optional chomping indicator; the content indent is found from the first line. */
  blockScalar(p: number, parent: number): string {
    const { src, codes, n } = this;
    const style = codes[p] === Ch.PIPE ? Style.LITERAL : Style.FOLDED;
    let i = p + 1;
    let chomping = Chomp.CLIP;
    const c = codes[i];
    if (c === Ch.DASH) { chomping = Chomp.STRIP; i++; } else if (c === 43 /* + */) { chomping = Chomp.KEEP; i++; }
    const d = codes[i];
    if (d >= 48 && d <= 57) throw BAIL; // an indentation indicator
    if (i < n && d !== Ch.SP && d !== Ch.TAB && d !== Ch.LF) throw BAIL;
    const start = this.endOfLine(i);
    let indent = -1;
    let blankMax = 0;
    let line = start;
    let end = start;
    while (line < n) {
      let s = line;
      while (s < n && codes[s] === Ch.SP) s++;
      // Spaces at the very end, with no line break after them: js-yaml's treatment depends on the
      // indentation and chomping, so that rare case is left to it.
      if (s >= n) { if (s > line) throw BAIL; break; }
      const ch = codes[s];
      const eol = ch === Ch.LF ? s : src.indexOf('\n', s);
      const next = eol < 0 ? n : eol + 1;
      if (ch === Ch.LF) { // an empty line belongs to the scalar
        if (indent < 0 && s - line > blankMax) blankMax = s - line;
        line = next;
        end = next;
        continue;
      }
      const width = s - line;
      if (indent < 0) {
        if (width <= parent || ch === Ch.TAB || blankMax > width) throw BAIL;
        if (width === 0 && this.isMarker(line)) throw BAIL;
        indent = width;
      }
      if (width < indent) break;
      // A document marker at column 0 ends the scalar (and its document) even where the scalar's
      // own lines start at column 0, as they may at the root: `|` then `notes` then `---` is two
      // documents, the second one scanned. Checked on every line, not only the first.
      if (width === 0 && this.isMarker(line)) break;
      line = next;
      end = line;
    }
    if (indent < 0) throw BAIL; // no content: js-yaml decides what the empty scalar is
    this.emit(scalarType(style, chomping, 0), start, end, indent);
    const value = this.decode({ valueStart: start, valueEnd: end, style, chomping, indent });
    this.seek(end);
    if (this.nextCol > parent) throw BAIL;
    return value;
  }

  /** `[...]` or `{...}`, over one line or several: scalars and nested collections. */
  flowLine(p: number, parent: number): unknown {
    this.flowParent = parent;
    const value = this.flow(p);
    this.afterInline(this.flowEnd, parent);
    return value;
  }

  flow(p: number): unknown {
    if (++this.depth > MAX_DEPTH) throw BAIL;
    const { src, codes, n } = this;
    const isSeq = codes[p] === Ch.LBRACKET;
    const close = isSeq ? Ch.RBRACKET : Ch.RBRACE;
    const opened = this.count;
    this.emit(isSeq ? Ev.SEQUENCE : Ev.MAPPING, p, p, 0);
    const first = this.top;
    const obj: Record<string, unknown> | undefined = isSeq ? undefined : {};
    let i = this.space(p + 1, n);
    if (codes[i] === close) {
      this.flowEnd = i + 1;
    } else {
      for (;;) {
        if (obj === undefined) {
          const item = this.flowItem(i);
          this.items[this.top++] = item;
        } else {
          const keyAt = i;
          const c = codes[i];
          let key: string;
          if (c === Ch.DQUOTE || c === Ch.SQUOTE) {
            const q = this.quotedEnd(i, -2);
            key = this.quoted(i, q);
            i = q + 1;
          } else {
            if (!flowPlainStart(codes, i, n)) throw BAIL;
            const e = flowPlainEnd(codes, i, n, true);
            if (e === i) throw BAIL;
            this.emit(PLAIN_FAST, i, e, -1);
            key = internKey(src, codes, i, e);
            i = e;
          }
          if (i - keyAt > MAX_KEY) throw BAIL;
          checkNewKey(obj, key);
          while (codes[i] === Ch.SP) i++; // an implicit key is on one line with its ':'
          if (codes[i] !== Ch.COLON) throw BAIL;
          i = this.space(i + 1, n);
          obj[key] = this.flowItem(i);
        }
        i = this.space(this.flowEnd, n);
        const c = codes[i];
        if (c === Ch.COMMA) {
          i = this.space(i + 1, n);
          if (codes[i] === close) { this.flowEnd = i + 1; break; } // a trailing comma
          continue;
        }
        if (c === close) { this.flowEnd = i + 1; break; }
        throw BAIL;
      }
    }
    this.close(opened);
    this.depth--;
    return obj ?? this.take(first);
  }

  /** Skips spaces, line breaks and comments inside a flow collection. */
  space(i: number, n: number): number {
    const { src, codes } = this;
    while (i < n) {
      const c = codes[i];
      if (c === Ch.SP) { i++; continue; }
      if (c === Ch.TAB) throw BAIL; // js-yaml refuses some tabs inside flow collections ("deficient indentation")
      if (c === Ch.LF) { this.continuation(i + 1, this.flowParent); i++; continue; }
      if (c === Ch.HASH) {
        const b = codes[i - 1];
        if (b !== Ch.SP && b !== Ch.TAB && b !== Ch.LF) return i;
        const e = src.indexOf('\n', i);
        if (e < 0) return n;
        i = e;
        continue;
      }
      return i;
    }
    return i;
  }

  /** One scalar or nested collection inside a flow collection; sets `flowEnd` after it. */
  flowItem(i: number): unknown {
    const { src, codes, n } = this;
    const c = codes[i];
    if (c === Ch.LBRACKET || c === Ch.LBRACE) return this.flow(i);
    if (c === Ch.DQUOTE || c === Ch.SQUOTE) {
      const q = this.quotedEnd(i, this.flowParent);
      this.flowEnd = q + 1;
      return this.quoted(i, q);
    }
    if (c === Ch.COMMA || c === Ch.RBRACKET || c === Ch.RBRACE || c === Ch.HASH || c === Ch.LF || i >= n) throw BAIL; // an empty entry
    if (!flowPlainStart(codes, i, n)) throw BAIL;
    const e = flowPlainEnd(codes, i, n, false);
    // js-yaml marks a flow plain scalar that a line break follows as not fast (it might fold)
    let f = e;
    while (isSpace(codes[f])) f++;
    this.emit(f < n && codes[f] === Ch.LF ? PLAIN_SCALAR : PLAIN_FAST, i, e, -1);
    this.flowEnd = e;
    return plainValue(src.slice(i, e));
  }
}

/**
 * Plain keys seen, by a hash of their first and last characters and length, so that a key met
 * again (manifests repeat a few hundred keys) is not cut from the text and looked up in V8's string
 * table once more for each mapping: each entry is the text as written, then its key.
 */
const KEYS = 4096;
const knownKeys: Array<string[] | undefined> = new Array(KEYS).fill(undefined);
let knownKeyCount = 0;

/** The key of the plain scalar from `p` to `end` (plainKey of its text). */
function internKey(src: string, codes: Codes, p: number, end: number): string {
  const len = end - p;
  const h = (codes[p] * 31 + codes[end - 1] * 7 + len) & (KEYS - 1);
  const bucket = knownKeys[h];
  // Compared as a cut string: V8 compares two flat strings natively, where startsWith, which it
  // inlines, read both texts a character at a time through its checks of their representation
  // (the bench's 10k input: 1.9% fewer instructions for the whole scan)
  const text = src.slice(p, end);
  if (bucket !== undefined) {
    for (let i = 0; i < bucket.length; i += 2) if (bucket[i] === text) return bucket[i + 1];
  }
  const key = plainKey(text);
  if (knownKeyCount < 20_000 && len <= 64) {
    knownKeyCount++;
    // the key as V8 keeps property names (internalized), so later stores need no string-table lookup
    const named = Object.keys({ [key]: 0 })[0] ?? key;
    if (bucket === undefined) knownKeys[h] = [text, named];
    else bucket.push(text, named);
  }
  return key;
}

/**
 * A mapping's next key must be new: a duplicate is an error js-yaml reports, and `__proto__` is a key
 * js-yaml defines with care; both are left to it.
 */
function checkNewKey(obj: Record<string, unknown>, key: string): void {
  if (key === '__proto__' || Object.prototype.hasOwnProperty.call(obj, key)) throw BAIL;
}
