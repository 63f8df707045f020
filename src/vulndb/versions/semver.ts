// SemVer 2.0.0 orderings: npm's (the `semver` package npm itself uses) and Go's
// (golang.org/x/mod/semver: `v`-prefixed, `vMAJOR` and `vMAJOR.MINOR` shorthands, build metadata
// such as `+incompatible` ignored, pseudo-versions ordered as the prereleases they are).
import semverLib from 'semver';
import type { SemVer } from 'semver';
import type { VersionComparator } from './types.js';

function parseNpm(v: string): SemVer | null {
  // npm accepts a leading `v` or `=` and surrounding blanks (semver's loose mode) in package.json
  return semverLib.parse(v) ?? semverLib.parse(v, { loose: true });
}

function must(p: SemVer | null, v: string, what: string): SemVer {
  if (!p) throw new Error(`invalid ${what} version "${v}"`);
  return p;
}

/** npm and crates.io: SemVer 2.0.0 §11 precedence. */
export const npmSemver: VersionComparator = {
  name: 'semver',
  valid: (v) => parseNpm(v) !== null,
  compare: (a, b) => semverLib.compare(must(parseNpm(a), a, 'SemVer'), must(parseNpm(b), b, 'SemVer')),
  canonical: (v) => v,
};

/**
 * A Go module version as SemVer. OSV's Go records write versions without the `v` (`1.2.3`), the
 * module graph with it (`v1.2.3`); the Go toolchain (`stdlib`, `toolchain`) is `go1.22.1` in a
 * binary's build info. x/mod/semver's Compare completes `v1` and `v1.2` to `v1.0.0`, `v1.2.0`.
 */
function parseGo(v: string): SemVer | null {
  let s = v.trim();
  if (s.startsWith('go')) s = s.slice(2);
  else if (s.startsWith('v')) s = s.slice(1);
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(s);
  if (!m) return null;
  // the shorthands take no prerelease or build suffix in x/mod/semver
  if ((m[2] === undefined || m[3] === undefined) && m[4] !== '') {
    // the Go toolchain writes its own prereleases as go1.22rc1: rc1 is a prerelease of 1.22.0
    const goPre = /^(rc|beta)(\d+)$/.exec(m[4]!);
    if (!goPre || !v.trim().startsWith('go')) return null;
    return semverLib.parse(`${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}-${goPre[1]}.${goPre[2]}`);
  }
  return semverLib.parse(`${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}${m[4]}`);
}

export const goSemver: VersionComparator = {
  name: 'go',
  valid: (v) => parseGo(v) !== null,
  compare: (a, b) => semverLib.compare(must(parseGo(a), a, 'Go module'), must(parseGo(b), b, 'Go module')),
  canonical: (v) => {
    const s = v.trim();
    return s.startsWith('go') ? s.slice(2) : s.startsWith('v') ? s.slice(1) : s;
  },
};

/**
 * OSV's SEMVER range type: "versions … are SemVer 2.0.0, with no leading v prefix" — a `v` is
 * tolerated here as the Go ecosystem's ranges are matched against `v`-prefixed versions.
 */
export const osvSemver: VersionComparator = {
  name: 'semver',
  valid: (v) => semverLib.parse(v.startsWith('v') ? v.slice(1) : v) !== null,
  compare: (a, b) => semverLib.compare(
    must(semverLib.parse(a.startsWith('v') ? a.slice(1) : a), a, 'SemVer'),
    must(semverLib.parse(b.startsWith('v') ? b.slice(1) : b), b, 'SemVer'),
  ),
  canonical: (v) => (v.startsWith('v') ? v.slice(1) : v),
};
