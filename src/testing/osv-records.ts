// OSV records of real published advisories, for the tests of src/vulndb/ and `palisade db`: ids,
// packages and affected ranges as osv.dev publishes them (long fields such as `details`,
// `versions` lists and most references shortened). Used only by tests.
import type { OsvRecord } from '../vulndb/osv.js';

/** DSA-5532-1: openssl security update (CVE-2023-5363), fixed in bookworm by 3.0.11-1~deb12u2. */
export const DSA_5532_1: OsvRecord = {
  schema_version: '1.6.0',
  id: 'DSA-5532-1',
  summary: 'openssl - security update',
  published: '2023-10-24T00:00:00Z',
  modified: '2023-10-24T20:44:31Z',
  upstream: ['CVE-2023-5363'],
  affected: [{
    package: { ecosystem: 'Debian:12', name: 'openssl', purl: 'pkg:deb/debian/openssl?arch=source' },
    ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }] }],
    versions: ['3.0.9-1', '3.0.11-1~deb12u1'],
  }],
  references: [{ type: 'ADVISORY', url: 'https://www.debian.org/security/2023/dsa-5532' }],
};

/** Alpine secdb: CVE-2023-5363 in openssl, fixed in Alpine 3.18 by 3.1.4-r0. */
export const ALPINE_CVE_2023_5363: OsvRecord = {
  schema_version: '1.6.0',
  id: 'ALPINE-CVE-2023-5363',
  upstream: ['CVE-2023-5363'],
  details: 'Issue summary: A bug has been identified in the processing of key and initialisation vector (IV) lengths.',
  published: '2023-10-25T18:17:43Z',
  modified: '2024-06-15T12:31:03Z',
  affected: [{
    package: { ecosystem: 'Alpine:v3.18', name: 'openssl', purl: 'pkg:apk/alpine/openssl?arch=source' },
    ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.1.4-r0' }] }],
  }],
  references: [{ type: 'ADVISORY', url: 'https://security.alpinelinux.org/vuln/CVE-2023-5363' }],
};

/** GHSA-35jh-r3h4-6jhm: Command Injection in lodash (CVE-2021-23337), fixed in 4.17.21. */
export const GHSA_35JH: OsvRecord = {
  schema_version: '1.6.0',
  id: 'GHSA-35jh-r3h4-6jhm',
  summary: 'Command Injection in lodash',
  details: '`lodash` versions prior to 4.17.21 are vulnerable to Command Injection via the template function.',
  aliases: ['CVE-2021-23337'],
  published: '2021-05-06T16:05:51Z',
  modified: '2024-02-16T08:23:46Z',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [
    { package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] },
    { package: { ecosystem: 'npm', name: 'lodash-es' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] },
    { package: { ecosystem: 'npm', name: 'lodash.template' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '4.5.0' }] }] },
  ],
  references: [
    { type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337' },
    { type: 'WEB', url: 'https://github.com/lodash/lodash/commit/3469357cff396a26c363f8c1b5a91dde28ba4b1c' },
    { type: 'PACKAGE', url: 'https://github.com/lodash/lodash' },
  ],
  database_specific: { cwe_ids: ['CWE-77', 'CWE-94'], severity: 'HIGH', github_reviewed: true },
};

/** PYSEC-2021-108: urllib3 ReDoS in URL authority parsing (CVE-2021-33503), fixed in 1.26.5. */
export const PYSEC_2021_108: OsvRecord = {
  schema_version: '1.6.0',
  id: 'PYSEC-2021-108',
  details: 'An issue was discovered in urllib3 before 1.26.5. When provided with a URL containing many @ characters in the authority component, the authority regular expression exhibits catastrophic backtracking.',
  aliases: ['CVE-2021-33503', 'GHSA-q2q7-5pp4-w6pg'],
  published: '2021-06-29T11:15:00Z',
  modified: '2021-07-08T17:43:31Z',
  affected: [{
    package: { ecosystem: 'PyPI', name: 'urllib3', purl: 'pkg:pypi/urllib3' },
    ranges: [
      { type: 'GIT', repo: 'https://github.com/urllib3/urllib3', events: [{ introduced: '0' }, { fixed: '2d4a3fee6de2fa45eb82169361918f759269b4ec' }] },
      { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.26.5' }] },
    ],
    versions: ['1.25.11', '1.26.0', '1.26.4'],
  }],
  references: [{ type: 'FIX', url: 'https://github.com/urllib3/urllib3/commit/2d4a3fee6de2fa45eb82169361918f759269b4ec' }],
};

/** GO-2020-0015: infinite loop when decoding some inputs in golang.org/x/text (CVE-2020-14040), fixed in 0.3.3. */
export const GO_2020_0015: OsvRecord = {
  schema_version: '1.6.0',
  id: 'GO-2020-0015',
  summary: 'Infinite loop when decoding some inputs in golang.org/x/text',
  aliases: ['CVE-2020-14040', 'GHSA-5rcv-m4m3-hfh7'],
  published: '2021-04-14T20:04:52Z',
  modified: '2024-05-20T16:03:47Z',
  affected: [{
    package: { ecosystem: 'Go', name: 'golang.org/x/text' },
    ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.3.3' }] }],
    ecosystem_specific: { imports: [{ path: 'golang.org/x/text/encoding/unicode', symbols: ['utf16Decoder.Transform'] }] },
  }],
  references: [{ type: 'FIX', url: 'https://go.dev/cl/238238' }],
  database_specific: { url: 'https://pkg.go.dev/vuln/GO-2020-0015' },
};

/** GO-2023-2102: HTTP/2 rapid reset can cause excessive work in net/http (CVE-2023-39325): two release branches fixed. */
export const GO_2023_2102: OsvRecord = {
  schema_version: '1.6.0',
  id: 'GO-2023-2102',
  summary: 'HTTP/2 rapid reset can cause excessive work in net/http',
  aliases: ['CVE-2023-39325', 'GHSA-4374-p667-p6c8'],
  published: '2023-10-11T22:14:40Z',
  modified: '2024-05-20T16:03:47Z',
  affected: [
    {
      package: { ecosystem: 'Go', name: 'stdlib' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.20.10' }, { introduced: '1.21.0-0' }, { fixed: '1.21.3' }] }],
    },
    {
      package: { ecosystem: 'Go', name: 'golang.org/x/net' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.17.0' }] }],
    },
  ],
  references: [{ type: 'REPORT', url: 'https://go.dev/issue/63417' }],
};

/** A withdrawn record (GHSA withdrawals keep their id with `withdrawn` set): never imported. */
export const WITHDRAWN: OsvRecord = {
  id: 'GHSA-xxxx-withdrawn',
  modified: '2024-01-01T00:00:00Z',
  withdrawn: '2024-01-01T00:00:00Z',
  summary: 'Withdrawn advisory',
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }],
};

export const REAL_RECORDS: OsvRecord[] = [DSA_5532_1, ALPINE_CVE_2023_5363, GHSA_35JH, PYSEC_2021_108, GO_2020_0015, GO_2023_2102];
