import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatPretty } from './pretty.js';
import { MAX_PER_IMAGE } from './pretty-vulnerabilities.js';
import { cleanImage, inputFromYaml, scanWeb, webImage, WEB_MANIFESTS, WEB_REF } from '../testing/image-fixtures.js';
import { scan } from '../engine/scan.js';
import type { Vulnerability } from '../model/vulnerability.js';

const text = (r: ReturnType<typeof scanWeb>, verbose = false) => formatPretty(r, { color: false, verbose });

describe('pretty: vulnerabilities', () => {
  it('groups by image, fixable first then by severity, one line each with id, package installed → fixed, severity/score, layer', () => {
    const out = text(scanWeb());
    const section = out.slice(out.indexOf('Vulnerabilities (2 image(s))'), out.indexOf('Summary'));
    assert.deepEqual(section.trimEnd().split('\n'), [
      'Vulnerabilities (2 image(s))',
      `  ${WEB_REF} (sha256:3b1f5e0a9c8d, linux/amd64, Debian GNU/Linux 12 (bookworm)) — 5 package(s)`,
      '    used by Deployment shop/web container web  deploy/web.yaml:12:9',
      '    used by CronJob billing/report container report  deploy/web.yaml:31:13',
      '    CRITICAL 9.8 DSA-5510-1 (CVE-2023-38545)  libcurl4 (curl) 7.88.1-10+deb12u1 → 7.88.1-10+deb12u3  layer 0 (sha256:aaaaaaaaaaaa)',
      '    HIGH 7.5     DSA-5532-1 (CVE-2023-5363)  libssl3 (openssl) 3.0.11-1~deb12u1 → 3.0.11-1~deb12u2  layer 0 (sha256:aaaaaaaaaaaa)',
      '    HIGH 7.4     GHSA-p6mc-m468-83gw (CVE-2020-8203)  lodash 4.17.15 → 4.17.19  layer 1 (sha256:bbbbbbbbbbbb)',
      '    MEDIUM 5.3   GHSA-c2qf-rxjj-qqgw (CVE-2022-25883)  semver 7.5.1 → 7.5.2  layer 1 (sha256:bbbbbbbbbbbb)',
      '    UNKNOWN      DEBIAN-CVE-2010-4756 (CVE-2010-4756)  libc6 (glibc) 2.36-9+deb12u3 → (no fix)  layer 0 (sha256:aaaaaaaaaaaa)',
      '  alpine:3.20 (sha256:444444444444, linux/arm64, alpine 3.20.3) — 1 package(s)',
      '    used by Deployment shop/web container sidecar  deploy/web.yaml:15:9',
      '    no known vulnerabilities',
    ]);
    assert.match(out, /^Vulnerabilities: 1 critical, 2 high, 1 medium, 0 low, 1 unknown \(4 fixable, 0 excepted\) in 2 image\(s\)$/m);
  });

  it('fixable medium and high come before an unfixable critical', () => {
    const image = webImage();
    image.vulnerabilities[1] = { ...image.vulnerabilities[1], fixedVersion: undefined }; // DSA-5510-1, critical
    const lines = text(scanWeb({}, [image])).split('\n').filter((l) => /^ {4}(CRITICAL|HIGH|MEDIUM|LOW|UNKNOWN) /.test(l));
    assert.deepEqual(lines.map((l) => l.trim().split(/\s+/)[0]), ['HIGH', 'HIGH', 'MEDIUM', 'CRITICAL', 'UNKNOWN']);
  });

  it('folds a long list into "N more" unless --verbose', () => {
    const image = webImage();
    const base = image.vulnerabilities[3];
    const many: Vulnerability[] = Array.from({ length: MAX_PER_IMAGE + 7 }, (_, i) => ({ ...base, id: `GHSA-test-${String(i).padStart(4, '0')}` }));
    image.vulnerabilities = many;
    const folded = text(scanWeb({}, [image]));
    assert.equal(folded.split('\n').filter((l) => l.includes('GHSA-test-')).length, MAX_PER_IMAGE);
    assert.match(folded, /^ {4}… and 7 more \(--verbose lists them, or see --format json\)$/m);
    const all = text(scanWeb({}, [image]), true);
    assert.equal(all.split('\n').filter((l) => l.includes('GHSA-test-')).length, MAX_PER_IMAGE + 7);
  });

  it('excepted vulnerabilities are counted, and listed with their reason under --verbose', () => {
    const exceptions = [{ source: 'x.yaml:2', controls: [], resources: [], reason: 'no SOCKS proxy here', vulnerabilities: ['CVE-2023-38545'] }];
    assert.match(text(scanWeb({ exceptions })), /^ {4}1 excepted \(--verbose lists them\)$/m);
    assert.match(text(scanWeb({ exceptions }), true), /^ {4}EXCEPTED {5}DSA-5510-1 \(CVE-2023-38545\) {2}libcurl4 \(curl\) .* {2}no SOCKS proxy here$/m);
  });

  it('says when the images were not judged, in the section and the totals', () => {
    const reason = 'no vulnerability database: run `palisade db update`';
    const out = text(scanWeb({}, [webImage(), cleanImage()], { imagesNotJudged: reason }));
    assert.match(out, /^ {2}Images were not judged: no vulnerability database: run `palisade db update`$/m);
    assert.match(out, /^ {4}not judged: no vulnerability database/m);
    assert.match(out, /^Vulnerabilities: 0 critical.* in 2 image\(s\) · images were not judged: no vulnerability database: run `palisade db update`$/m);
  });

  it('escapes control characters from images and advisories', () => {
    const image = webImage();
    image.vulnerabilities[0] = { ...image.vulnerabilities[0], package: { ...image.vulnerabilities[0].package, name: 'evil\u001b[2Jpkg' } };
    const out = text(scanWeb({}, [image]));
    assert.ok(!out.includes('\u001b'), 'no raw escape reaches the terminal');
    assert.match(out, /evil\\x1b\[2Jpkg/);
  });

  it('a scan without images has no vulnerability section or totals', () => {
    const out = text(scan(inputFromYaml(WEB_MANIFESTS), { controls: ['privileged-container'] }));
    assert.ok(!out.includes('Vulnerabilities'));
  });

  it('unmatched vulnerability exceptions name what they name', () => {
    const exceptions = [{ source: 'x.yaml:4', controls: [], resources: [], reason: 'old', vulnerabilities: ['CVE-1999-0001'], images: [{ repository: 'nginx' }] }];
    assert.match(text(scanWeb({ exceptions })), /^ {4}x\.yaml:4 {2}CVE-1999-0001 in repository nginx {2}old$/m);
  });
});
