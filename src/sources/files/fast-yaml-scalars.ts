// Scalars for the fast YAML parser: the characters of YAML's syntax, where a plain scalar starts
// and ends, which escapes js-yaml accepts, and what type a plain scalar has (decided by the
// resolvers of KUBERNETES_SCHEMA, through js-yaml's dispatch). Anything these helpers cannot vouch for throws BAIL, and the text goes to js-yaml.
import { isAscii } from 'node:buffer';
import { KUBERNETES_SCHEMA } from './kubernetes-schema.js';

/** Thrown (a plain object: no stack to capture) when a text leaves what the fast parser handles. */
export const BAIL = { bail: true };

/**
 * A text's UTF-16 code units, which the parser reads instead of the string (`codes[i]` for
 * `src.charCodeAt(i)`; past either end both are no character code). V8 reads a typed array's
 * element with one load, where each charCodeAt first checks how the string is represented: the
 * parser's loops took 2% more instructions of the bench's 10k scan that way, and 3% of the corpus's.
 */
export type Codes = Uint16Array;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * `src`'s code units. `native`: encoded by Buffer as UTF-16LE (in one native pass) and viewed in
 * place, which gives the code units on a little-endian machine; else copied one by one.
 */
export function codesOf(src: string, native = LITTLE_ENDIAN): Codes {
  if (native) {
    const bytes = Buffer.from(src, 'utf16le');
    if (bytes.byteOffset % 2 === 0) return new Uint16Array(bytes.buffer, bytes.byteOffset, src.length);
  }
  const codes = new Uint16Array(src.length);
  for (let i = 0; i < src.length; i++) codes[i] = src.charCodeAt(i);
  return codes;
}

/**
 * The characters of YAML's syntax, by code. A const enum, so that tsc writes each use as its
 * number: as module-level constants, every comparison in the parser's loops loaded the constant
 * from the CLI bundle's context and checked its type first (callgrind, the bench's 10k input).
 */
export const enum Ch {
  TAB = 9, LF = 10, SP = 32, BANG = 33, DQUOTE = 34, HASH = 35, PERCENT = 37, AMP = 38, SQUOTE = 39, STAR = 42,
  COMMA = 44, DASH = 45, DOT = 46, COLON = 58, GT = 62, QMARK = 63, AT = 64, LBRACKET = 91, BACKSLASH = 92,
  RBRACKET = 93, BACKTICK = 96, LBRACE = 123, PIPE = 124, RBRACE = 125,
}

/**
 * js-yaml refuses these in scalars (with /u, a lone surrogate); seeing one anywhere, or a CR left
 * after CRLF line ends are made LF, or a byte order mark (js-yaml drops a leading one), hands the
 * text to js-yaml.
 */
export const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\x7F-\x84\x86-\x9F\uFEFF\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;

/** The bytes that are NON_PRINTABLE characters in ASCII text, CR left out (fastParse looks for it first). */
const CONTROL_BYTES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127];

/**
 * Whether UTF-8 bytes decode to a text in which NON_PRINTABLE finds nothing but CRs: ASCII with
 * no control character but tab, LF and CR. Native searches over the bytes (simdutf, memchr) cost
 * a fraction of the regular expression over the text, which read every character of every file
 * (82M instructions on the bench's 10k input, 1.3% of the scan). Other texts are left to it.
 */
export function printableAscii(bytes: Buffer): boolean {
  if (!isAscii(bytes)) return false;
  for (const b of CONTROL_BYTES) if (bytes.indexOf(b) >= 0) return false;
  return true;
}

interface ImplicitResolver {
  resolveImplicitScalarTag(source: string): { value: unknown };
  implicitScalarByFirstChar: Map<string, unknown>;
  implicitScalarAnyFirstChar: unknown[];
}

const SCHEMA = KUBERNETES_SCHEMA as unknown as Partial<ImplicitResolver>;

/**
 * Plain scalars whose first character can start a non-string (a number, `true`, `null`, `~`, `.inf`)
 * are typed by the schema's resolvers; every other plain scalar is a string. When the installed
 * js-yaml does not expose its resolvers as expected, the fast parser is off and js-yaml parses all.
 */
export const resolver: ImplicitResolver | undefined =
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

export function plainValue(text: string): unknown {
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


/** A plain mapping key as js-yaml stores it: the string of its typed value (`1.0:` is "1"). */
export function plainKey(text: string): string {
  const v = plainValue(text);
  return typeof v === 'string' ? v : String(v);
}

/** js-yaml's escapes: `\0 \a \b \t \n \v \f \r \e \  \" \/ \\ \N \_ \L \P`, a tab, and `\x`, `\u`, `\U` with 2, 4, 8 hex digits. */
const SIMPLE_ESCAPES = new Set([48, 97, 98, 116, Ch.TAB, 110, 118, 102, 114, 101, Ch.SP, Ch.DQUOTE, 47, Ch.BACKSLASH, 78, 95, 76, 80]);

/** The last offset of the escape whose letter `e` is at `i`; an unknown escape is js-yaml's to report. */
export function escapeEnd(codes: Codes, i: number, e: number): number {
  if (SIMPLE_ESCAPES.has(e)) return i;
  const digits = e === 120 ? 2 : e === 117 ? 4 : e === 85 ? 8 : 0;
  if (digits === 0) throw BAIL;
  for (let k = 1; k <= digits; k++) {
    const h = codes[i + k];
    if (!((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102))) throw BAIL;
  }
  return i + digits;
}

export function isSpace(c: number): boolean {
  return c === Ch.SP || c === Ch.TAB;
}

export function isBreakOrSpace(codes: Codes, i: number, n: number): boolean {
  if (i >= n) return true;
  const c = codes[i];
  return c === Ch.SP || c === Ch.TAB || c === Ch.LF;
}


/** Whether a plain scalar may start at `p` in block context (YAML 1.2, rule ns-plain-first). */
export function plainStart(codes: Codes, p: number, n: number): boolean {
  const c = codes[p];
  switch (c) {
    case Ch.DASH: case Ch.QMARK: case Ch.COLON:
      return !isBreakOrSpace(codes, p + 1, n);
    case Ch.COMMA: case Ch.LBRACKET: case Ch.RBRACKET: case Ch.LBRACE: case Ch.RBRACE: case Ch.HASH: case Ch.AMP: case Ch.STAR:
    case Ch.BANG: case Ch.PIPE: case Ch.GT: case Ch.SQUOTE: case Ch.DQUOTE: case Ch.PERCENT: case Ch.AT: case Ch.BACKTICK:
    case Ch.SP: case Ch.TAB: case Ch.LF:
      return false;
    default:
      return p < n;
  }
}

/**
 * The same inside a flow collection, where `-`, `?` and `:` start a plain scalar only if the next
 * character is safe there too: not a flow indicator. `[-]`, `[?]` and `{x: -}` are errors to
 * js-yaml (YAML's ns-plain-safe(flow-in)), so the fast parser must not take them.
 */
export function flowPlainStart(codes: Codes, p: number, n: number): boolean {
  if (!plainStart(codes, p, n)) return false;
  const c = codes[p];
  if (c !== Ch.DASH && c !== Ch.QMARK && c !== Ch.COLON) return true;
  const d = codes[p + 1];
  return d !== Ch.COMMA && d !== Ch.LBRACKET && d !== Ch.RBRACKET && d !== Ch.LBRACE && d !== Ch.RBRACE;
}

/** What scanPlain found last (one object reused rather than one per call: it runs for every line). */
export const scanned = { end: 0, colon: -1, comment: false };

/**
 * Reads the plain scalar at `p` on its line: where it ends (trailing spaces and a comment left
 * out), the offset of a `:` that makes it a mapping key (or -1), and whether a comment follows.
 */
export function scanPlain(codes: Codes, p: number, n: number): void {
  scanned.colon = -1;
  scanned.comment = false;
  let i = p;
  for (; i < n; i++) {
    const c = codes[i];
    // Letters and most other characters: nothing to look at. `\n`, `#` and `:` are all below
    // them, and the scalar's end is found from where it stops (fewer instructions per character
    // than testing each for all three and for a space: 0.7% of the bench's 10k scan).
    if (c > Ch.COLON) continue;
    if (c === Ch.LF) break;
    if (c === Ch.COLON) {
      const d = i + 1 < n ? codes[i + 1] : Ch.LF;
      if (d === Ch.SP || d === Ch.TAB || d === Ch.LF) { scanned.colon = i; break; }
    } else if (c === Ch.HASH) {
      const b = codes[i - 1];
      if (b === Ch.SP || b === Ch.TAB) { scanned.comment = true; break; }
    }
  }
  let end = i;
  while (end > p && isSpace(codes[end - 1])) end--;
  scanned.end = end;
}

/** End of a plain scalar inside a flow collection (at `,`, the closing bracket, `: ` or a comment). */
export function flowPlainEnd(codes: Codes, p: number, n: number, isKey: boolean): number {
  let end = p;
  for (let i = p; i < n; i++) {
    const c = codes[i];
    if (c === Ch.LF || c === Ch.COMMA || c === Ch.RBRACKET || c === Ch.RBRACE) break;
    if (c === Ch.LBRACKET || c === Ch.LBRACE) throw BAIL;
    if (c === Ch.COLON) {
      const d = i + 1 < n ? codes[i + 1] : Ch.LF;
      if (d === Ch.SP || d === Ch.TAB || d === Ch.LF || d === Ch.COMMA || d === Ch.RBRACKET || d === Ch.RBRACE) {
        if (!isKey) throw BAIL; // `[a: b]`, a single-pair mapping
        break;
      }
    } else if (c === Ch.HASH) {
      const b = codes[i - 1];
      if (b === Ch.SP || b === Ch.TAB) throw BAIL;
    }
    if (c !== Ch.SP && c !== Ch.TAB) end = i + 1;
  }
  return end;
}

