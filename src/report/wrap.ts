// Wrapping terminal lines to a width, with a hanging indent: continuation lines start at column
// `hang` (under the message, not at column 0). Widths count what the terminal shows: SGR colour
// codes count 0, combining marks and other zero-width characters 0, East Asian wide and fullwidth
// characters and emoji 2, everything else 1. A line breaks at spaces (the spaces at the break are
// dropped); a word longer than a whole continuation line (a URL, a long path) is the only thing
// ever cut, preferably after a `/` or other separator, else at the width, and never inside an
// escape sequence, a surrogate pair or a grapheme cluster (a letter with its accents, an emoji
// sequence). Colours open at a break are closed at the line's end and reopened after the indent,
// so the indent is never coloured and each line stands on its own.
//
// The text is expected to be escaped already (safe-text.ts): the only ESC it holds starts one of
// Palisade's own SGR sequences (`ESC [ digits/semicolons m`).

const SGR = /\u001b\[[0-9;]*m/g;
const RESET = '\u001b[0m';
// Where a word too long for a line is cut: after a `/` (or `\`) where it can be, else after one of
// these separators, else at the width.
const SOFT_BREAK_AFTER = new Set(['-', '_', '.', ',', ':', ';', '=', '&', '?', '#', '@', '+', '|', ')', ']', '}']);

/** The text without SGR colour codes. */
export function stripAnsi(s: string): string {
  return s.replace(SGR, '');
}

// East Asian Wide (W) and Fullwidth (F) ranges, and emoji shown wide by default (Unicode 15.1,
// rounded to whole blocks where that changes nothing that matters here). Sorted, for a binary search.
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4],
  [0x16ff0, 0x16ff1], [0x17000, 0x18cd5], [0x18d00, 0x18d08], [0x1aff0, 0x1b2ff], [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f202], [0x1f210, 0x1f23b],
  [0x1f240, 0x1f248], [0x1f250, 0x1f251], [0x1f260, 0x1f265], [0x1f300, 0x1f320], [0x1f32d, 0x1f335],
  [0x1f337, 0x1f37c], [0x1f37e, 0x1f393], [0x1f3a0, 0x1f3ca], [0x1f3cf, 0x1f3d3], [0x1f3e0, 0x1f3f0],
  [0x1f3f4, 0x1f3f4], [0x1f3f8, 0x1f43e], [0x1f440, 0x1f440], [0x1f442, 0x1f4fc], [0x1f4ff, 0x1f53d],
  [0x1f54b, 0x1f54e], [0x1f550, 0x1f567], [0x1f57a, 0x1f57a], [0x1f595, 0x1f596], [0x1f5a4, 0x1f5a4],
  [0x1f5fb, 0x1f64f], [0x1f680, 0x1f6c5], [0x1f6cc, 0x1f6cc], [0x1f6d0, 0x1f6d2], [0x1f6d5, 0x1f6d7],
  [0x1f6dc, 0x1f6df], [0x1f6eb, 0x1f6ec], [0x1f6f4, 0x1f6fc], [0x1f7e0, 0x1f7eb], [0x1f7f0, 0x1f7f0],
  [0x1f90c, 0x1f93a], [0x1f93c, 0x1f945], [0x1f947, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/** Columns one code point takes: 0, 1 or 2. */
export function codePointWidth(cp: number): number {
  if (cp < 0x300) return 1;
  if ((cp >= 0x1160 && cp <= 0x11ff) || ZERO_WIDTH.test(String.fromCodePoint(cp))) return 0;
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < WIDE[mid][0]) hi = mid - 1;
    else if (cp > WIDE[mid][1]) lo = mid + 1;
    else return 2;
  }
  return 1;
}

/** Columns one grapheme cluster takes: an emoji sequence (VS16, ZWJ, flag) is 2, else its widest code point. */
function graphemeWidth(g: string): number {
  if (g.length === 1) return codePointWidth(g.charCodeAt(0));
  let w = 0;
  let regional = 0;
  for (const ch of g) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfe0f) return 2;
    if (cp >= 0x1f1e6 && cp <= 0x1f1ff) regional++;
    w = Math.max(w, codePointWidth(cp));
  }
  return regional >= 2 ? 2 : w;
}

let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of a text without escape sequences; ASCII takes the fast path. */
function graphemes(text: string): string[] {
  if (/^[\x00-\x7f]*$/.test(text)) return text.split('');
  if (typeof Intl.Segmenter === 'function') {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    return Array.from(segmenter.segment(text), (s) => s.segment);
  }
  return text.match(/[^\p{M}][\p{M}]*|[\p{M}]+/gsu) ?? [];
}

/** The visible width of a text: colour codes excluded, wide characters counted 2. */
export function visibleWidth(s: string): number {
  const plain = stripAnsi(s);
  if (/^[\x00-\x7f]*$/.test(plain)) return plain.length;
  let w = 0;
  for (const g of graphemes(plain)) w += graphemeWidth(g);
  return w;
}

/** One unit of a line: an SGR sequence (width 0), a space, or a grapheme cluster. */
interface Unit {
  text: string;
  width: number;
  kind: 'sgr' | 'space' | 'char';
}

function units(line: string): Unit[] {
  const out: Unit[] = [];
  const pushText = (text: string) => {
    for (const g of graphemes(text)) out.push({ text: g, width: g === ' ' ? 1 : graphemeWidth(g), kind: g === ' ' ? 'space' : 'char' });
  };
  let at = 0;
  for (const m of line.matchAll(SGR)) {
    if (m.index! > at) pushText(line.slice(at, m.index));
    out.push({ text: m[0], width: 0, kind: 'sgr' });
    at = m.index! + m[0].length;
  }
  if (at < line.length) pushText(line.slice(at));
  return out;
}

/**
 * Wraps one line (no newline in it) to `width` columns. Continuation lines are indented by `hang`
 * spaces (leaving at least a quarter of the width, and 10 columns, for the text). The first line
 * keeps its own leading spaces, which are never a place to break. Returns the line as is when it
 * fits.
 */
export function wrapLine(line: string, width: number, hang = 0): string[] {
  if (visibleWidth(line) <= width) return [line];
  const indent = Math.max(0, Math.min(hang, width - Math.max(10, Math.floor(width / 4))));
  const all = units(line);

  // the leading run of spaces (and colour codes) belongs to the first line
  let i = 0;
  while (i < all.length && all[i].kind !== 'char') i++;
  const lead: Unit[] = all.slice(0, i);

  // words: runs of non-space units, each with the spaces that precede it
  const words: Array<{ before: Unit[]; units: Unit[]; width: number }> = [];
  let before: Unit[] = [];
  while (i < all.length) {
    if (all[i].kind === 'space') {
      before.push(all[i++]);
      continue;
    }
    const w: Unit[] = [];
    let ww = 0;
    while (i < all.length && all[i].kind !== 'space') {
      ww += all[i].width;
      w.push(all[i++]);
    }
    if (ww === 0) {
      // colour codes alone between spaces (`HIGH <reset> <bold>id`): they go with what precedes
      // them, and the spaces on both sides stay one separator, so they never make a line of their own
      (words.length ? words[words.length - 1].units : lead).push(...w);
      continue;
    }
    words.push({ before, units: w, width: ww });
    before = [];
  }
  const trailing = before; // spaces at the very end: kept only if the last line has room

  const lines: string[] = [];
  let active: string[] = []; // SGR codes in effect (since the last reset)
  let cur = '';
  let curWidth = 0;
  let hasText = false;
  const add = (u: Unit) => {
    cur += u.text;
    curWidth += u.width;
    if (u.kind === 'sgr') {
      if (u.text === RESET || u.text === '\u001b[m') active = [];
      else active.push(u.text);
    } else if (u.kind === 'char') hasText = true;
  };
  const breakLine = () => {
    lines.push(trimEndSpaces(cur) + (active.length ? RESET : ''));
    cur = ' '.repeat(indent) + active.join('');
    curWidth = indent;
    hasText = false;
  };
  for (const u of lead) add(u);

  for (const word of words) {
    const sep = word.before.reduce((n, u) => n + u.width, 0);
    if (curWidth + sep + word.width <= width) {
      for (const u of word.before) add(u);
      for (const u of word.units) add(u);
      continue;
    }
    if (hasText && indent + word.width <= width) {
      // fits whole on the next line: never cut it
      breakLine();
      for (const u of word.units) add(u);
      continue;
    }
    // longer than a whole line: cut it, starting here if a useful part fits
    const room = width - curWidth - sep;
    if (hasText && room < Math.min(10, Math.floor((width - indent) / 3))) breakLine();
    else for (const u of word.before) add(u);
    let k = 0;
    const us = word.units;
    while (k < us.length) {
      const cap = width - curWidth;
      let end = k;
      let used = 0;
      // where to cut, best first: after the last `/` of a path or URL, after another separator, at the width
      let slash = -1;
      let soft = -1;
      while (end < us.length && (us[end].kind === 'sgr' || used + us[end].width <= cap)) {
        used += us[end].width;
        if (us[end].kind === 'char' && used >= cap / 2) {
          if (us[end].text === '/' || us[end].text === '\\') slash = end + 1;
          else if (SOFT_BREAK_AFTER.has(us[end].text)) soft = end + 1;
        }
        end++;
      }
      if (slash > k) soft = slash;
      if (end === us.length) {
        for (; k < end; k++) add(us[k]);
        break;
      }
      if (end - k === countSgr(us, k, end)) {
        // not one character fits: go on on a fresh line, where one always goes (a wide character
        // in a tiny width is the only thing that can overflow)
        if (hasText) {
          breakLine();
          continue;
        }
        end = nextChar(us, k) + 1;
      } else if (soft > k) end = soft;
      for (; k < end; k++) add(us[k]);
      while (k < us.length && us[k].kind === 'sgr') add(us[k++]);
      if (k < us.length) breakLine();
    }
  }
  if (curWidth + trailing.reduce((n, u) => n + u.width, 0) <= width) for (const u of trailing) add(u);
  lines.push(cur);
  return lines;
}

function countSgr(us: Unit[], from: number, to: number): number {
  let n = 0;
  for (let j = from; j < to; j++) if (us[j].kind === 'sgr') n++;
  return n;
}

function nextChar(us: Unit[], from: number): number {
  let j = from;
  while (j < us.length - 1 && us[j].kind === 'sgr') j++;
  return j;
}

/** Removes the spaces at the end of a line, also those before its closing colour codes. */
function trimEndSpaces(s: string): string {
  return s.replace(/ +((?:\u001b\[[0-9;]*m)*)$/, '$1');
}
