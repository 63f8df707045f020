// Debian package versions: Debian Policy §5.6.12 "Version" and dpkg's own implementation,
// lib/dpkg/version.c (dpkg_version_compare, verrevcmp) and lib/dpkg/parsehelp.c (parseversion).
import type { VersionComparator } from './types.js';

export interface DpkgVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

const INT_MAX = 2147483647;

/**
 * Parses `[epoch:]upstream[-revision]` as dpkg's parseversion does: the epoch is the digits before
 * the first colon, the revision what follows the last hyphen. Returns the error dpkg gives for the
 * versions it rejects. Like parseversion, a version that does not start with a digit or holds a
 * character outside Policy's set is only "bad syntax" (dpkg warns and still compares it): those
 * parse here too.
 */
export function parseDpkg(text: string): DpkgVersion | { error: string } {
  // parsehelp.c: leading and trailing blanks are skipped; blanks inside are an error
  const s = text.trim();
  if (s === '') return { error: 'version string is empty' };
  if (/\s/.test(s)) return { error: 'version string has embedded spaces' };
  let epoch = 0;
  let rest = s;
  const colon = s.indexOf(':');
  if (colon >= 0) {
    const e = s.slice(0, colon);
    if (e === '') return { error: 'epoch in version is empty' };
    if (e.startsWith('-')) return { error: 'epoch in version is negative' };
    if (!/^[0-9]+$/.test(e)) return { error: 'epoch in version is not number' };
    const n = Number(e);
    if (n > INT_MAX) return { error: 'epoch in version is too big' };
    epoch = n;
    rest = s.slice(colon + 1);
    if (rest === '') return { error: 'nothing after colon in version number' };
  }
  let upstream = rest;
  let revision = '';
  const hyphen = rest.lastIndexOf('-');
  if (hyphen >= 0) {
    upstream = rest.slice(0, hyphen);
    revision = rest.slice(hyphen + 1);
    if (revision === '') return { error: 'revision number is empty' };
  }
  if (upstream === '') return { error: 'version number is empty' };
  return { epoch, upstream, revision };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** version.c order(): digits 0, letters their code, `~` before everything (even the end), other characters after letters. */
function order(c: number): number {
  if (Number.isNaN(c) || isDigit(c)) return 0; // NaN: the end of the string, the NUL of the C code
  if (isAlpha(c)) return c;
  if (c === 126) return -1; // '~'
  return c + 256;
}

/** version.c verrevcmp(): alternating non-digit and digit runs, compared as Policy §5.6.12 says. */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = order(a.charCodeAt(i));
      const bc = order(b.charCodeAt(j));
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a.charCodeAt(i) === 48) i++;
    while (b.charCodeAt(j) === 48) j++;
    while (isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a.charCodeAt(i))) return 1;
    if (isDigit(b.charCodeAt(j))) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

/** version.c dpkg_version_compare(): epoch, then upstream version, then revision. */
export function compareDpkgVersions(a: DpkgVersion, b: DpkgVersion): number {
  if (a.epoch !== b.epoch) return a.epoch > b.epoch ? 1 : -1;
  const r = verrevcmp(a.upstream, b.upstream);
  if (r) return r;
  return verrevcmp(a.revision, b.revision);
}

function parsed(v: string): DpkgVersion {
  const p = parseDpkg(v);
  if ('error' in p) throw new Error(`invalid Debian version "${v}": ${p.error}`);
  return p;
}

export const dpkg: VersionComparator = {
  name: 'dpkg',
  valid: (v) => !('error' in parseDpkg(v)),
  compare: (a, b) => Math.sign(compareDpkgVersions(parsed(a), parsed(b))),
  canonical: (v) => v,
};
