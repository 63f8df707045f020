// Python package versions: PEP 440 "Version Identification", through @renovatebot/pep440 (a port
// of the `packaging` library's Version that pip uses).
import { compare, valid } from '@renovatebot/pep440';
import type { VersionComparator } from './types.js';

export const pep440: VersionComparator = {
  name: 'pep440',
  valid: (v) => valid(v) !== null,
  compare: (a, b) => {
    if (valid(a) === null) throw new Error(`invalid PEP 440 version "${a}"`);
    if (valid(b) === null) throw new Error(`invalid PEP 440 version "${b}"`);
    return Math.sign(compare(a, b));
  },
  canonical: (v) => v,
};
