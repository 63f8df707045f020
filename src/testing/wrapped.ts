// Checks of wrapped terminal text (src/report/wrap.ts, the pretty report): every line fits, no
// escape sequence is cut or left open, continuation lines are indented, and the text re-joined is
// the text before wrapping.
import assert from 'node:assert/strict';
import { stripAnsi, visibleWidth } from '../report/wrap.js';

/** Every ESC starts a whole SGR sequence, and no colour is left open at the end of the line. */
export function assertNoBrokenEscape(line: string): void {
  assert.doesNotMatch(line, /\u001b(?!\[[0-9;]*m)/, `a broken escape in ${JSON.stringify(line)}`);
  const codes = line.match(/\u001b\[[0-9;]*m/g) ?? [];
  if (codes.length) assert.equal(codes[codes.length - 1], '\u001b[0m', `a colour left open in ${JSON.stringify(line)}`);
}

/**
 * Checks the lines one line was wrapped into: each fits the width and has no broken escape,
 * continuation lines start at column `hang` (or, when `hang` is undefined, with at least one
 * space), and the pieces, re-joined (a break either dropped the spaces there or cut a word), are
 * the original text.
 */
export function assertWrapped(original: string, lines: readonly string[], width: number, hang?: number): void {
  const plain = stripAnsi(original);
  let pos = 0;
  lines.forEach((l, i) => {
    assert.ok(visibleWidth(l) <= width, `line ${i} is ${visibleWidth(l)} columns wide (max ${width}): ${JSON.stringify(l)}`);
    assertNoBrokenEscape(l);
    let piece = stripAnsi(l);
    if (i > 0) {
      const indent = piece.length - piece.trimStart().length;
      if (hang === undefined) assert.ok(indent > 0, `continuation line ${i} is indented: ${JSON.stringify(piece)}`);
      else assert.equal(indent, hang, `continuation line ${i} starts at column ${hang}: ${JSON.stringify(piece)}`);
      piece = piece.slice(indent);
      while (plain[pos] === ' ') pos++;
    }
    assert.equal(plain.slice(pos, pos + piece.length), piece, `line ${i} continues the text at ${pos}: ${JSON.stringify(plain)}`);
    pos += piece.length;
  });
  assert.equal(plain.slice(pos).trim(), '', `all of ${JSON.stringify(plain)} is there`);
}

/**
 * Matches the lines of a wrapped text to the lines of the same text unwrapped, and checks each
 * group with assertWrapped (continuation lines indented). Returns how many lines each original
 * line became.
 */
export function assertWrappedText(unwrapped: string, wrapped: string, width: number): number[] {
  const originals = unwrapped.split('\n');
  const lines = wrapped.split('\n');
  const counts: number[] = [];
  let at = 0;
  for (const original of originals) {
    const plain = stripAnsi(original).trimEnd();
    const group = [lines[at]];
    assert.ok(group[0] !== undefined, `the wrapped text ends before ${JSON.stringify(original)}`);
    // continuation lines, until the original line is covered (their pieces are checked below)
    let used = stripAnsi(group[0]).trimEnd().length;
    for (;;) {
      while (plain[used] === ' ') used++;
      if (used >= plain.length) break;
      const next = lines[at + group.length];
      assert.ok(next !== undefined && /^ /.test(stripAnsi(next)), `${JSON.stringify(original)} continues on an indented line, not ${JSON.stringify(next)}`);
      group.push(next);
      used += stripAnsi(next).trim().length;
    }
    assertWrapped(original, group, width);
    counts.push(group.length);
    at += group.length;
  }
  assert.equal(at, lines.length, 'no line left over');
  return counts;
}
