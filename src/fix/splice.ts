// Turning one edit into a text splice of the document's source, so that every byte outside the
// changed field stays as it was (comments, quoting, key order, indentation, flow maps).
import { isCollection, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Link } from './resolve.js';
import { nest, renderKey, renderValue, type Syntax } from './render-value.js';

export interface Splice { start: number; end: number; text: string }
export type SpliceResult = Splice | { refused: string };

export interface SourceText {
  text: string;
  syntax: Syntax;
  eol: string;
}

type Range = [number, number, number];
const rangeOf = (n: Node): Range => n.range as Range;

/** Sets an existing node (the last link of `chain`) to `value`. */
export function replaceNode(src: SourceText, chain: Link[], value: unknown): SpliceResult {
  const link = chain[chain.length - 1];
  const node = link.node;
  const [start, end] = rangeOf(node);
  if (isScalar(node)) {
    const quote = node.type === 'QUOTE_DOUBLE' ? 'double' : node.type === 'QUOTE_SINGLE' ? 'single' : undefined;
    const text = renderValue(value, src.syntax, typeof value === 'string' ? quote : undefined);
    // `key:` with nothing after it: the empty value sits right after the colon.
    return start === end ? { start, end, text: ` ${text}` } : { start, end, text };
  }
  const text = renderValue(value, src.syntax);
  if (isCollection(node) && node.flow) return { start, end, text };
  // A block collection: replace from the owner's colon (or the list item) to the collection's end.
  const newline = src.text[end - 1] === '\n' ? src.eol : '';
  if (link.pair) return fromColon(src, link.pair, end, `${text}${newline}`);
  return { start, end, text: `${text}${newline}` };
}

/** Replaces `key: <value>` from just after the key to `end` with `key: text`, if only a colon and whitespace sit between. */
function fromColon(src: SourceText, pair: Pair, end: number, text: string): SpliceResult {
  const keyEnd = rangeOf(pair.key as Node)[1];
  const valueStart = rangeOf(pair.value as Node)[0];
  const gap = src.text.slice(keyEnd, valueStart);
  if (!/^[ \t]*:[ \t]*(\r?\n[ \t]*)*$/.test(gap)) {
    return { refused: 'a comment, tag or anchor sits between the key and its value; edit it by hand' };
  }
  return { start: keyEnd, end, text: `: ${text}` };
}

/** Creates `rest` (map keys, the last holding `value`) under the deepest existing node. */
export function insertMissing(src: SourceText, chain: Link[], rest: string[], value: unknown): SpliceResult {
  const container = chain[chain.length - 1].node;
  if (isScalar(container)) return replaceNode(src, chain, nest(rest, value));
  if (!isMap(container)) return { refused: 'the parent is not a mapping' };
  const item = `${renderKey(rest[0], src.syntax)}: ${renderValue(nest(rest.slice(1), value), src.syntax)}`;
  return container.flow ? insertFlow(src, container, item) : insertBlock(src, container, rest, value);
}

function insertFlow(src: SourceText, map: YAMLMap, item: string): SpliceResult {
  const [start, end] = rangeOf(map);
  if (map.items.length === 0) {
    if (src.text[start] !== '{') return { refused: 'unexpected layout of an empty flow mapping' };
    return { start: start + 1, end: start + 1, text: item };
  }
  const last = map.items[map.items.length - 1];
  const at = pairEnd(last);
  if (src.text.slice(start, end).includes('\n')) {
    // One entry per line, as pretty-printed JSON does: a new line at the last entry's indentation.
    return { start: at, end: at, text: `,${src.eol}${' '.repeat(columnOf(src.text, rangeOf(last.key as Node)[0]))}${item}` };
  }
  return { start: at, end: at, text: `, ${item}` };
}

function insertBlock(src: SourceText, map: YAMLMap, rest: string[], value: unknown): SpliceResult {
  const indent = ' '.repeat(columnOf(src.text, rangeOf(map.items[0].key as Node)[0]));
  const lines = rest.map((key, i) => {
    const pad = indent + '  '.repeat(i);
    const tail = i === rest.length - 1 ? ` ${renderValue(value, src.syntax)}` : '';
    return `${pad}${renderKey(key, src.syntax)}:${tail}`;
  });
  const at = lineEnd(src.text, pairEnd(map.items[map.items.length - 1]));
  if (at === src.text.length && !src.text.endsWith('\n')) {
    return { start: at, end: at, text: src.eol + lines.join(src.eol) };
  }
  return { start: at, end: at, text: lines.join(src.eol) + src.eol };
}

/** Removes the last link of `chain` (a map entry or a list item) from its parent. */
export function removeNode(src: SourceText, chain: Link[]): SpliceResult {
  const link = chain[chain.length - 1];
  const parent = link.parent;
  if (!parent) return { refused: 'cannot remove the document root' };
  const items = parent.items as Array<Pair | Node>;
  const span = (i: number): [number, number] => {
    const it = items[i];
    return isScalar(it) || isCollection(it) ? [rangeOf(it)[0], rangeOf(it)[1]] : [rangeOf((it as Pair).key as Node)[0], pairEnd(it as Pair)];
  };
  const i = link.index;
  const [start, end] = span(i);
  if (parent.flow) {
    if (i < items.length - 1) return { start, end: span(i + 1)[0], text: '' };
    if (i > 0) return { start: span(i - 1)[1], end, text: '' };
    return { start, end, text: '' };
  }
  if (items.length === 1) return emptyCollection(src, chain.slice(0, -1), isSeq(parent) ? '[]' : '{}');
  // In a block list, the item starts at its dash.
  const first = isSeq(parent) ? dashBefore(src.text, start) : start;
  if (first < 0) return { refused: 'unexpected layout of a list item' };
  const lineStart = src.text.lastIndexOf('\n', first - 1) + 1;
  if (src.text.slice(lineStart, first).trim() === '') return { start: lineStart, end: lineEnd(src.text, end), text: '' };
  // The first entry of a list item shares the dash's line: the next entry moves up to take its place.
  if (i < items.length - 1) return { start, end: span(i + 1)[0], text: '' };
  return { refused: 'unexpected layout: the entry shares its line with another' };
}

/** Replaces a block collection that lost its last entry with `{}` or `[]`. */
function emptyCollection(src: SourceText, chain: Link[], empty: string): SpliceResult {
  const link = chain[chain.length - 1];
  const [start, end] = rangeOf(link.node);
  const newline = src.text[end - 1] === '\n' ? src.eol : '';
  if (link.pair) return fromColon(src, link.pair, end, empty + newline);
  return { start, end, text: empty + newline };
}

function pairEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  return value ? rangeOf(value)[1] : rangeOf(pair.key as Node)[1];
}

function dashBefore(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === '-' ? i : -1;
}

/** The offset after the line holding `end - 1` (its newline included); `end` if it already ends a line. */
function lineEnd(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const nl = text.indexOf('\n', end);
  return nl < 0 ? text.length : nl + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
