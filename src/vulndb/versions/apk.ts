// Alpine package versions, as apk-tools compares them: src/version.c of apk-tools 2.x
// (get_token, next_token, apk_version_validate, apk_version_compare_blob). A version is digit
// groups separated by dots, an optional letter, suffixes (_alpha _beta _pre _rc sort before the
// bare version, _cvs _svn _git _hg _p after it), each with an optional number, and a -rN package
// revision.
import type { VersionComparator } from './types.js';

// the token types of version.c, in its order: the comparison of two differing types uses it
const INVALID = -1;
const DIGIT_OR_ZERO = 0;
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NO = 4;
const REVISION_NO = 5;
const END = 6;

const PRE_SUFFIXES = ['alpha', 'beta', 'pre', 'rc'];
const POST_SUFFIXES = ['cvs', 'svn', 'git', 'hg', 'p'];

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLower = (c: string | undefined): boolean => c !== undefined && c >= 'a' && c <= 'z';

/** A cursor over a version string: version.c's apk_blob_t and the type of the next token. */
interface Cursor {
  s: string;
  pos: number;
  type: number;
}

/** version.c next_token(): the type of the token at the cursor, consuming its separator. */
function nextToken(c: Cursor): void {
  let n = INVALID;
  const ch = c.s[c.pos];
  if (c.pos >= c.s.length) {
    n = END;
  } else if ((c.type === DIGIT || c.type === DIGIT_OR_ZERO) && isLower(ch)) {
    n = LETTER;
  } else if (c.type === LETTER && isDigit(ch)) {
    n = DIGIT;
  } else if (c.type === SUFFIX && isDigit(ch)) {
    n = SUFFIX_NO;
  } else {
    if (ch === '.') n = DIGIT_OR_ZERO;
    else if (ch === '_') n = SUFFIX;
    else if (ch === '-') {
      if (c.s[c.pos + 1] === 'r') {
        n = REVISION_NO;
        c.pos++;
      } else n = INVALID;
    }
    c.pos++;
  }
  // a token may only follow one of a lower type, except these three
  if (n < c.type) {
    if (!((n === DIGIT_OR_ZERO && c.type === DIGIT)
      || (n === SUFFIX && c.type === SUFFIX_NO)
      || (n === DIGIT && c.type === LETTER))) n = INVALID;
  }
  c.type = n;
}

/** version.c get_token(): the value of the token at the cursor, and the type of the next one. */
function getToken(c: Cursor): number {
  let v = 0;
  let i = c.pos;
  let nt = INVALID;
  if (c.pos >= c.s.length) {
    c.type = END;
    return 0;
  }
  switch (c.type) {
    case DIGIT_OR_ZERO:
    case DIGIT:
    case SUFFIX_NO:
    case REVISION_NO:
      if (c.type === DIGIT_OR_ZERO && c.s[i] === '0') {
        // leading zeros after a dot get a special treatment: 1.01 < 1.1, and 1.00 < 1.0 (more zeros, lower)
        while (i < c.s.length && c.s[i] === '0') i++;
        nt = DIGIT;
        v = -(i - c.pos);
        break;
      }
      while (i < c.s.length && isDigit(c.s[i])) {
        v = v * 10 + (c.s.charCodeAt(i) - 48);
        i++;
      }
      break;
    case LETTER:
      v = c.s.charCodeAt(i);
      i++;
      break;
    case SUFFIX: {
      const rest = c.s.slice(i);
      const pre = PRE_SUFFIXES.findIndex((x) => rest.startsWith(x));
      if (pre >= 0) {
        v = pre - PRE_SUFFIXES.length; // negative: before the bare version
        i += PRE_SUFFIXES[pre]!.length;
        break;
      }
      const post = POST_SUFFIXES.findIndex((x) => rest.startsWith(x));
      if (post >= 0) {
        v = post;
        i += POST_SUFFIXES[post]!.length;
        break;
      }
      c.type = INVALID;
      return -1;
    }
    default:
      c.type = INVALID;
      return -1;
  }
  c.pos = i;
  if (c.pos >= c.s.length) c.type = END;
  // after leading zeros, the digits that follow are the rest of the same number; anything else is
  // the next token as after any number (so 1.0_rc1 < 1.0 as after 1.1_rc1 < 1.1)
  else if (nt !== INVALID && isDigit(c.s[c.pos])) c.type = nt;
  else nextToken(c);
  return v;
}

/** version.c apk_version_validate(). An empty string is refused here too (apk never writes one). */
export function validApk(version: string): boolean {
  if (version === '') return false;
  const c: Cursor = { s: version, pos: 0, type: DIGIT };
  while (c.type !== END && c.type !== INVALID) getToken(c);
  return c.type === END;
}

/** version.c apk_version_compare_blob() (not fuzzy): -1, 0 or 1. */
export function compareApk(a: string, b: string): number {
  const ca: Cursor = { s: a, pos: 0, type: DIGIT };
  const cb: Cursor = { s: b, pos: 0, type: DIGIT };
  let av = 0;
  let bv = 0;
  while (ca.type === cb.type && ca.type !== END && ca.type !== INVALID && av === bv) {
    av = getToken(ca);
    bv = getToken(cb);
  }
  // the value of this token differs
  if (av < bv) return -1;
  if (av > bv) return 1;
  // both end (or both are invalid) here
  if (ca.type === cb.type) return 0;
  // equal so far: the longer version is greater, unless what it goes on with is a pre-release suffix
  if (ca.type === SUFFIX && getToken({ ...ca }) < 0) return -1;
  if (cb.type === SUFFIX && getToken({ ...cb }) < 0) return 1;
  if (ca.type > cb.type) return -1;
  if (cb.type > ca.type) return 1;
  return 0;
}

export const apk: VersionComparator = {
  name: 'apk',
  valid: validApk,
  compare: compareApk,
  canonical: (v) => v,
};
