// Image results shaped as the image source and the vulnerability database give them, for the
// tests of the scan and the formats. The advisories are real published ones, with their ids,
// aliases, fixed versions and CVSS vectors as published:
// - DSA-5532-1 (openssl, CVE-2023-5363 and CVE-2023-5678): Debian 12 fixed in 3.0.11-1~deb12u2;
//   CVE-2023-5363 is CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N (7.5, high).
// - DSA-5510-1 (curl, CVE-2023-38545, SOCKS5 heap overflow): Debian 12 fixed in 7.88.1-10+deb12u3;
//   CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H (9.8, critical).
// - DEBIAN-CVE-2010-4756 (glibc): no fixed version in Debian, no CVSS v3 vector (severity unknown).
// - GHSA-c2qf-rxjj-qqgw (npm semver ReDoS, CVE-2022-25883): fixed in 7.5.2;
//   CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L (5.3, medium).
// - GHSA-p6mc-m468-83gw (npm lodash prototype pollution, CVE-2020-8203): fixed in 4.17.19;
//   CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H (7.4, high).
import assert from 'node:assert/strict';
import type { ImageContents, ImagePackage, ImageScan, LayerRef, Vulnerability } from '../model/vulnerability.js';
import type { ScanReport } from '../model/types.js';
import { scan, type ScanInput, type ScanOptions } from '../engine/scan.js';
import { readText } from '../sources/files/index.js';
import type { DocumentSink } from '../sources/files/to-resources.js';
import { LineIndex } from '../sources/files/yaml-documents.js';

export const WEB_REF = 'registry.example.com/shop/web:1.4';
export const WEB_DIGEST = 'sha256:3b1f5e0a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f';
export const LAYERS: LayerRef[] = [
  { index: 0, digest: 'sha256:1111111111111111111111111111111111111111111111111111111111111111', diffId: 'sha256:aaaaaaaaaaaa1111111111111111111111111111111111111111111111111111' },
  { index: 1, digest: 'sha256:2222222222222222222222222222222222222222222222222222222222222222', diffId: 'sha256:bbbbbbbbbbbb2222222222222222222222222222222222222222222222222222' },
];

const deb = (name: string, version: string, source: string): ImagePackage => ({
  name, version, type: 'deb', ecosystem: 'Debian:12', sourceName: source, path: '/var/lib/dpkg/status', layer: LAYERS[0],
  purl: `pkg:deb/debian/${name}@${encodeURIComponent(version)}?arch=amd64&distro=debian-12`, licenses: [],
});
const npm = (name: string, version: string, license: string): ImagePackage => ({
  name, version, type: 'npm', ecosystem: 'npm', path: `/app/node_modules/${name}/package.json`, layer: LAYERS[1],
  purl: `pkg:npm/${name}@${version}`, licenses: [license],
});

export function webContents(): ImageContents {
  return {
    ref: WEB_REF, digest: WEB_DIGEST, platform: 'linux/amd64',
    os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' },
    layers: LAYERS,
    packages: [
      deb('libssl3', '3.0.11-1~deb12u1', 'openssl'),
      deb('libcurl4', '7.88.1-10+deb12u1', 'curl'),
      deb('libc6', '2.36-9+deb12u3', 'glibc'),
      npm('semver', '7.5.1', 'ISC'),
      npm('lodash', '4.17.15', 'MIT'),
    ],
  };
}

function vuln(p: ImagePackage, v: Omit<Vulnerability, 'image' | 'imageDigest' | 'package' | 'layer' | 'status'>): Vulnerability {
  return {
    ...v, image: WEB_REF, imageDigest: WEB_DIGEST,
    package: { name: p.name, version: p.version, type: p.type, ecosystem: p.ecosystem!, path: p.path, purl: p.purl, ...(p.sourceName ? { sourceName: p.sourceName } : {}) },
    layer: p.layer, status: 'failed',
  };
}

export function webVulnerabilities(contents = webContents()): Vulnerability[] {
  const [ssl, curl, libc, semver, lodash] = contents.packages;
  return [
    vuln(ssl, {
      id: 'DSA-5532-1', aliases: ['CVE-2023-5363', 'CVE-2023-5678'], summary: 'openssl - security update',
      fixedVersion: '3.0.11-1~deb12u2', severity: 'high', score: 7.5, cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      references: ['https://www.debian.org/security/2023/dsa-5532'],
    }),
    vuln(curl, {
      id: 'DSA-5510-1', aliases: ['CVE-2023-38545', 'CVE-2023-38546'], summary: 'curl - security update',
      fixedVersion: '7.88.1-10+deb12u3', severity: 'critical', score: 9.8, cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      references: ['https://www.debian.org/security/2023/dsa-5510'],
    }),
    vuln(libc, { id: 'DEBIAN-CVE-2010-4756', aliases: ['CVE-2010-4756'], severity: 'unknown' }),
    vuln(semver, {
      id: 'GHSA-c2qf-rxjj-qqgw', aliases: ['CVE-2022-25883'], summary: 'semver vulnerable to Regular Expression Denial of Service',
      fixedVersion: '7.5.2', severity: 'medium', score: 5.3, cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L',
      references: ['https://github.com/advisories/GHSA-c2qf-rxjj-qqgw'],
    }),
    vuln(lodash, {
      id: 'GHSA-p6mc-m468-83gw', aliases: ['CVE-2020-8203'], summary: 'Prototype Pollution in lodash',
      fixedVersion: '4.17.19', severity: 'high', score: 7.4, cvss: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H',
      references: ['https://github.com/advisories/GHSA-p6mc-m468-83gw'],
    }),
  ];
}

/** The web image and its five vulnerabilities, as the scan receives them. */
export function webImage(): ImageScan {
  const contents = webContents();
  return { contents, vulnerabilities: webVulnerabilities(contents) };
}

/** An Alpine image with one package and no vulnerability. */
export function cleanImage(): ImageScan {
  const layer = { index: 0, digest: 'sha256:3333333333333333333333333333333333333333333333333333333333333333' };
  return {
    contents: {
      ref: 'alpine:3.20', digest: 'sha256:4444444444444444444444444444444444444444444444444444444444444444', platform: 'linux/arm64',
      os: { id: 'alpine', versionId: '3.20.3' }, layers: [layer],
      packages: [{ name: 'musl', version: '1.2.5-r0', type: 'apk', ecosystem: 'Alpine:v3.20', path: '/lib/apk/db/installed', layer, purl: 'pkg:apk/alpine/musl@1.2.5-r0?arch=aarch64' }],
    },
    vulnerabilities: [],
  };
}

/** A Deployment in `shop` whose container `web` runs the web image (line 12, column 16 in the file) and a CronJob using it too. */
export const WEB_MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - image: registry.example.com/shop/web:1.4
        name: web
      - name: sidecar
        image: alpine:3.20
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
  namespace: billing
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: report
            image: registry.example.com/shop/web@sha256:3b1f5e0a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f
`;

/** The scan input of YAML text read through the real files source, as the file `file`. */
export function inputFromYaml(yaml: string, file = 'deploy/web.yaml'): ScanInput {
  const sink: DocumentSink = { resources: [], ignored: [], errors: [], documents: 0 };
  readText(yaml, [], { file, type: 'file', lines: new LineIndex(yaml) }, sink);
  assert.deepEqual(sink.errors, [], 'the YAML must parse cleanly');
  return { ...sink, targets: [{ type: 'files', paths: [file] }] };
}

/** WEB_MANIFESTS with the web and clean images, scanned with one control (quick) and a fixed clock. */
export function scanWeb(options: ScanOptions = {}, images: ImageScan[] = [webImage(), cleanImage()], extra: Partial<ScanInput> = {}): ScanReport {
  return scan({ ...inputFromYaml(WEB_MANIFESTS), images, ...extra }, { controls: ['privileged-container'], now: new Date('2026-06-01T12:00:00Z'), ...options });
}
