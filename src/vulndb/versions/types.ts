// What every version comparator of src/vulndb/versions/ provides.

/** Orders the versions of one ecosystem, as that ecosystem's own tool does. */
export interface VersionComparator {
  /** The ordering's name, for messages: dpkg, apk, semver, go, pep440. */
  readonly name: string;
  /** Whether the ordering can place this version (an invalid one cannot be judged against a range). */
  valid(version: string): boolean;
  /** Negative when a < b, 0 when equal, positive when a > b. Both must be valid. */
  compare(a: string, b: string): number;
  /**
   * The form an exact `versions` list entry is compared in (OSV's `v in affected.versions` is a
   * string comparison; Go lists versions without the `v` the module graph writes).
   */
  canonical(version: string): string;
}
