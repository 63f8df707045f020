// What the test images hold (test/support/image-build.ts), as `layer type name@version`, to compare
// with what readImage catalogued.
import type { ImageContents } from '../../src/model/vulnerability.js';

export function summary(img: ImageContents): string[] {
  return img.packages.map((p) => `${p.layer.index} ${p.type} ${p.name}@${p.version}`);
}

/** The debian image: left-pad and removed_pkg are whited out, /opt/old is opaque with minimist 1.2.6 (layer 3). */
export function debianExpected(goVersion: string): string[] {
  return [
    '0 deb libssl3@3.0.11-1~deb12u2',
    '0 deb tar@1.34+dfsg-1.2+deb12u1',
    '0 deb zlib1g@1:1.2.13.dfsg-1+b1',
    '0 golang example.com/greeting@v1.4.2',
    `0 golang stdlib@v${goVersion.replace(/^go/, '')}`,
    '0 npm @babel/traverse@7.22.5',
    '0 npm express@4.17.1',
    '0 npm lodash@4.17.20',
    '3 npm minimist@1.2.6',
    '0 npm qs@6.7.0',
    '0 pypi jinja2@2.11.2',
    '0 pypi pyyaml@5.3',
  ];
}

export const ALPINE_EXPECTED = ['0 apk busybox-binsh@1.36.1-r28', '0 apk libcrypto3@3.3.0-r2', '0 apk musl@1.2.5-r0'];
