import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apk } from './apk.js';
import { catalogContext } from '../../../testing/image-files.js';

// Shaped like alpine:3.20's /lib/apk/db/installed (R/Z/a/M file lines included).
const INSTALLED = `C:Q1Eo+Tk2VfB4K8e0QR5mzZxEfYwZg=
P:alpine-baselayout-data
V:3.6.5-r0
A:x86_64
S:11201
I:77824
T:Alpine base dir structure and init scripts
U:https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout
L:GPL-2.0-only
o:alpine-baselayout
m:Natanael Copa <ncopa@alpinelinux.org>
t:1714981135
c:66187892e05b03a41d08e9acabd19b7576a1c875
F:etc
R:fstab
Z:Q11Q7hNe8QpDS531guqCdrXBzoA/o=

C:Q1zRTuZBzJqIYxrjX1fHkX6gsrFe8=
P:libssl3
V:3.3.2-r0
A:x86_64
L:Apache-2.0
o:openssl
D:so:libc.musl-x86_64.so.1 so:libcrypto.so.3

C:Q1abc
P:zlib
V:1.3.1-r1
A:x86_64
L:Zlib
o:zlib
`;

describe('apk', () => {
  it('lists P/V with the origin as source name, licence, ecosystem and purl', () => {
    const pkgs = apk.catalog(catalogContext({ '/lib/apk/db/installed': INSTALLED }, { id: 'alpine', versionId: '3.20.3', ecosystem: 'Alpine:v3.20' }));
    assert.deepEqual(pkgs.map((p) => [p.name, p.version, p.sourceName, p.ecosystem, p.licenses, p.purl]), [
      ['alpine-baselayout-data', '3.6.5-r0', 'alpine-baselayout', 'Alpine:v3.20', ['GPL-2.0-only'], 'pkg:apk/alpine/alpine-baselayout-data@3.6.5-r0?arch=x86_64&distro=alpine-3.20.3&upstream=alpine-baselayout'],
      ['libssl3', '3.3.2-r0', 'openssl', 'Alpine:v3.20', ['Apache-2.0'], 'pkg:apk/alpine/libssl3@3.3.2-r0?arch=x86_64&distro=alpine-3.20.3&upstream=openssl'],
      ['zlib', '1.3.1-r1', undefined, 'Alpine:v3.20', ['Zlib'], 'pkg:apk/alpine/zlib@1.3.1-r1?arch=x86_64&distro=alpine-3.20.3'],
    ]);
    assert.ok(pkgs.every((p) => p.path === '/lib/apk/db/installed' && p.type === 'apk'));
  });

  it('has no ecosystem outside Alpine, and nothing without the database', () => {
    assert.equal(apk.catalog(catalogContext({ '/lib/apk/db/installed': INSTALLED }, { id: 'wolfi' }))[0]!.ecosystem, undefined);
    assert.deepEqual(apk.catalog(catalogContext({})), []);
  });
});
