// The version ordering of each OSV ecosystem (OSV schema, "affected[].package.ecosystem"): the
// part before the first colon names it, the rest is a release (`Debian:12`, `Alpine:v3.20`,
// `Ubuntu:22.04:LTS`, `Ubuntu:Pro:18.04:LTS`).
import { apk } from './apk.js';
import { dpkg } from './dpkg.js';
import { pep440 } from './pep440.js';
import { goSemver, npmSemver, osvSemver } from './semver.js';
import type { VersionComparator } from './types.js';

export type { VersionComparator } from './types.js';
export { osvSemver };

const BY_FAMILY: ReadonlyMap<string, VersionComparator> = new Map([
  ['Debian', dpkg],
  ['Ubuntu', dpkg],
  ['Alpine', apk],
  // Wolfi and Chainguard build with apk-tools and publish apk versions
  ['Wolfi', apk],
  ['Chainguard', apk],
  ['npm', npmSemver],
  ['crates.io', npmSemver],
  ['Go', goSemver],
  ['PyPI', pep440],
]);

/** `Debian:12` → `Debian`. */
export function ecosystemFamily(ecosystem: string): string {
  const i = ecosystem.indexOf(':');
  return i < 0 ? ecosystem : ecosystem.slice(0, i);
}

/** The ordering of an ecosystem's versions, or undefined when Palisade has none for it. */
export function comparatorFor(ecosystem: string): VersionComparator | undefined {
  return BY_FAMILY.get(ecosystemFamily(ecosystem));
}

/**
 * A package name as the ecosystem compares it. PyPI: PEP 503 normalisation (lower case, runs of
 * `-`, `_`, `.` are one `-`), as pip and OSV's own matcher do; every other ecosystem compares names exactly.
 */
export function normalizeName(ecosystem: string, name: string): string {
  if (ecosystemFamily(ecosystem) === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  return name;
}
