// A fast parser for the YAML that Kubernetes manifests are written in, with js-yaml as the judge.
//
// js-yaml is the fastest general YAML parser on npm, but it is written for all of YAML. Manifests
// use a small part of it — block mappings and sequences, plain and quoted scalars (over several
// lines too), literal and folded block scalars, flow collections (JSON included), comments and
// `---`. This parser handles exactly that part, line by line, and builds the same two things the
// js-yaml path builds: the values and the compact event array that `DocumentPositions` resolves
// paths with. Scalars are decoded by js-yaml's own code (`getScalarValue`) and typed by the same
// schema both paths use (KUBERNETES_SCHEMA: booleans and numbers as Kubernetes reads them), so the
// rules for escapes and block scalars are js-yaml's, and those for types are Kubernetes'.
//
// Anything outside that part — anchors, aliases, tags, directives, merge keys, complex keys,
// indentation indicators, tabs in indentation or inside flow collections, a CR that does not end
// a line, a byte order mark, duplicate keys, non-printable characters, deep nesting — and anything that would be
// an error makes it give up (`undefined`), and the caller parses the text with js-yaml as before.
// It never reports an error itself, so every error message still comes from js-yaml. Where js-yaml
// has quirks (a root node's indentation, an indented `---` before the first node, which plain
// scalars it calls fast), this parser follows them, so that values and event offsets are equal.
// fast-yaml.test.ts parses every corpus file and thousands of mutated excerpts both ways.
import { Parser } from './fast-yaml-parser.js';
import { BAIL, NON_PRINTABLE, resolver } from './fast-yaml-scalars.js';
import { Ev, Slots, typeOf } from './yaml-events.js';

export interface FastParse {
  /** Compact events, W slots each, in js-yaml's event order and offsets. */
  data: Int32Array;
  count: number;
  /** One value per DOCUMENT event. */
  values: unknown[];
}

/**
 * Parses a YAML stream, or returns undefined when it is not in the subset described above.
 * `printable`: the caller has checked the bytes the text was decoded from (printableAscii), so
 * NON_PRINTABLE need not read it again.
 */
export function fastParse(source: string, printable = false): FastParse | undefined {
  if (!resolver) return undefined;
  if (source.indexOf('\r') >= 0) return fastParseCrlf(source, printable);
  if (!printable && NON_PRINTABLE.test(source)) return undefined;
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
  // A view of the shared array the events were written into (fast-yaml-parser.ts), exactly their
  // size: DocumentPositions keeps it for the whole scan, and 50k small files once kept 1.4 GB of
  // arrays sized for more events than they had.
  return { data: p.events(), count: p.count, values: p.values };
}

/**
 * CRLF line ends (files written on Windows, or some of their lines): the text is parsed with LF
 * line ends, and every offset is then moved back to the original text, one place for each CR
 * removed before it. A CR that is not followed by LF is left to js-yaml.
 */
function fastParseCrlf(source: string, printable: boolean): FastParse | undefined {
  if (/\r(?!\n)/.test(source)) return undefined;
  const text = source.replace(/\r\n/g, '\n');
  if (!printable && NON_PRINTABLE.test(text)) return undefined;
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
    const o = i * Slots.W;
    const type = typeOf(data[o]);
    if (type !== Ev.SCALAR && type !== Ev.MAPPING && type !== Ev.SEQUENCE) continue;
    if (data[o + 1] >= 0) data[o + 1] = back(data[o + 1]);
    if (data[o + 2] >= 0) data[o + 2] = back(data[o + 2]);
  }
  return parsed;
}
