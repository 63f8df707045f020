import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from './scan.js';
import { trippedGates } from './gates.js';
import { indexImages, redactCredentials, usesOf } from './images.js';
import { showSeverities } from '../report/severity-filter.js';
import { inventoryFromYaml } from '../testing/inventory.js';
import {
  WEB_DIGEST, WEB_MANIFESTS, WEB_REF, cleanImage, inputFromYaml, scanWeb, webImage,
} from '../testing/image-fixtures.js';

describe('images in the scan', () => {
  it('joins each image to the containers that run it, with the image: field located', () => {
    const report = scanWeb();
    const web = report.images![0];
    assert.equal(web.ref, WEB_REF);
    assert.deepEqual(web.uses.map((u) => [u.resourceId, u.container, u.path, u.location?.file, u.location?.line, u.location?.column]), [
      ['apps/v1/shop/Deployment/web', 'web', 'spec.template.spec.containers[0].image', 'deploy/web.yaml', 12, 9],
      // named by digest (repo@sha256:…): the same image, as the kubelet pulls it
      ['batch/v1/billing/CronJob/report', 'report', 'spec.jobTemplate.spec.template.spec.containers[0].image', 'deploy/web.yaml', 31, 13],
    ]);
    for (const v of report.vulnerabilities.filter((x) => x.image === WEB_REF)) {
      assert.deepEqual(v.resources, ['apps/v1/shop/Deployment/web', 'batch/v1/billing/CronJob/report']);
      assert.equal(v.location?.line, 12);
    }
    assert.deepEqual(report.images![1].uses.map((u) => u.container), ['sidecar'], 'alpine:3.20 is docker.io/library/alpine:3.20');
  });

  it('summarises each image: digest, platform, os, layers, package count, counts by severity', () => {
    const report = scanWeb();
    const { uses: _uses, ...web } = report.images![0];
    assert.deepEqual(web, {
      ref: WEB_REF, digest: WEB_DIGEST, platform: 'linux/amd64',
      os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' },
      layers: 2, packageCount: 5,
      vulnerabilities: { failed: { critical: 1, high: 2, medium: 1, low: 0, unknown: 1 }, excepted: 0, fixable: 4 },
    });
    assert.equal(report.images![0].packages, undefined, 'packages only when asked');
    assert.deepEqual(report.summary.vulnerabilities, {
      images: 2, total: 5, failed: { critical: 1, high: 2, medium: 1, low: 0, unknown: 1 }, excepted: 0, fixable: 4, imageErrors: 0,
    });
    assert.equal(report.schemaVersion, '1.2');
  });

  it('orders vulnerabilities by image, then severity (unknown last), then id', () => {
    const ids = scanWeb().vulnerabilities.map((v) => `${v.severity} ${v.id}`);
    assert.deepEqual(ids, ['critical DSA-5510-1', 'high DSA-5532-1', 'high GHSA-p6mc-m468-83gw', 'medium GHSA-c2qf-rxjj-qqgw', 'unknown DEBIAN-CVE-2010-4756']);
  });

  it('copies what it is given: the caller\'s vulnerabilities are not changed', () => {
    const image = webImage();
    const before = JSON.stringify(image);
    scanWeb({ exceptions: [{ source: 'x:1', controls: [], resources: [], reason: 'r', vulnerabilities: ['CVE-2023-5363'] }] }, [image]);
    assert.equal(JSON.stringify(image), before);
  });

  it('with packages asked for (or --verbose), the summary lists them', () => {
    assert.equal(scanWeb({ includePackages: true }).images![0].packages?.length, 5);
    assert.equal(scanWeb({ verbose: true }).images![1].packages?.[0].name, 'musl');
  });

  it('--ignore-unfixed drops vulnerabilities without a fixed version, before counting', () => {
    const report = scanWeb({ ignoreUnfixed: true });
    assert.deepEqual(report.vulnerabilities.map((v) => v.id).includes('DEBIAN-CVE-2010-4756'), false);
    assert.equal(report.vulnerabilities.length, 4);
    assert.equal(report.summary.vulnerabilities?.failed.unknown, 0);
  });

  it('an image named only on the command line has no uses, and its vulnerabilities no resources or location', () => {
    const report = scan({ ...inputFromYaml('apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n'), images: [webImage()] }, { controls: ['privileged-container'] });
    assert.deepEqual(report.images![0].uses, []);
    assert.equal(report.vulnerabilities[0].resources, undefined);
    assert.equal(report.vulnerabilities[0].location, undefined);
  });

  it('--include-namespaces keeps only the uses in those namespaces', () => {
    const report = scanWeb({ includeNamespaces: ['billing'] });
    assert.deepEqual(report.images![0].uses.map((u) => u.resourceId), ['batch/v1/billing/CronJob/report']);
  });

  it('an image that could not be read is an input error naming it; summary.errors still counts documents only', () => {
    const report = scanWeb({}, [webImage()], { imageErrors: [{ ref: 'ghcr.io/acme/gone:1', message: 'manifest unknown (404)' }] });
    assert.deepEqual(report.errors, [{ file: 'ghcr.io/acme/gone:1', message: 'manifest unknown (404)', image: 'ghcr.io/acme/gone:1' }]);
    assert.equal(report.summary.errors, 0);
    assert.equal(report.summary.vulnerabilities?.imageErrors, 1);
    assert.equal(report.summary.resources + report.summary.ignoredDocuments + report.summary.errors, report.summary.documents);
  });

  it('images not judged (no database): a warning and imagesNotJudged, no vulnerability, nothing else changed', () => {
    const reason = 'no vulnerability database: run `palisade db update`';
    const report = scanWeb({ exceptions: [{ source: 'x:1', controls: [], resources: [], reason: 'r', vulnerabilities: ['CVE-2023-5363'] }] },
      [webImage(), cleanImage()], { imagesNotJudged: reason });
    assert.deepEqual(report.imagesNotJudged, { reason, images: [WEB_REF, 'alpine:3.20'] });
    assert.deepEqual(report.vulnerabilities, []);
    assert.ok(report.warnings.includes(`2 image(s) were not judged: ${reason}`));
    assert.equal(report.images![0].notJudged, reason);
    assert.deepEqual(report.exceptions.unmatched, [], 'a vulnerability exception is not "unmatched" when nothing was judged');
    assert.deepEqual(trippedGates(report, { failOn: 'low' }), []);
  });

  it('one image not judged (its own reason) warns for that image', () => {
    const web = { ...webImage(), notJudged: 'no advisories for os ubuntu 25.04 in the database' };
    const report = scanWeb({}, [web, cleanImage()]);
    assert.ok(report.warnings.includes(`image ${WEB_REF} was not judged: no advisories for os ubuntu 25.04 in the database`));
    assert.equal(report.vulnerabilities.length, 0);
    assert.equal(report.imagesNotJudged, undefined);
  });

  it('a scan without images has no images field and an empty vulnerabilities list', () => {
    const report = scan(inputFromYaml(WEB_MANIFESTS), { controls: ['privileged-container'] });
    assert.equal(report.images, undefined);
    assert.equal(report.summary.vulnerabilities, undefined);
    assert.deepEqual(report.vulnerabilities, []);
  });
});

describe('usesOf', () => {
  const index = indexImages(inventoryFromYaml(WEB_MANIFESTS).images());
  it('matches by normalised reference, and by repository at the digest read', () => {
    assert.equal(usesOf({ ref: WEB_REF, digest: WEB_DIGEST }, index).length, 2);
    assert.equal(usesOf({ ref: WEB_REF }, index).length, 1, 'without the digest read, the digest reference is another image');
    assert.equal(usesOf({ ref: `registry.example.com/shop/web@${WEB_DIGEST}` }, index).length, 1, 'a reference by digest names its digest');
    assert.equal(usesOf({ ref: 'docker.io/library/alpine:3.20' }, index).length, 1);
    assert.equal(usesOf({ ref: 'alpine:3.21' }, index).length, 0);
    assert.equal(usesOf({ ref: 'registry.example.com/shop/other:1.4', digest: WEB_DIGEST }, index).length, 0, 'the digest of another repository');
  });
});

describe('redactCredentials', () => {
  it('masks URL user information and Authorization values, and nothing else', () => {
    assert.equal(redactCredentials('GET https://robot$ci:s3cr3t@registry.example.com/v2/ failed: 401'), 'GET https://***@registry.example.com/v2/ failed: 401');
    assert.equal(redactCredentials('sent Authorization: Bearer eyJhbGciOi.J9.x-y_z and Basic dXNlcjpwYXNz='), 'sent Authorization: Bearer *** and Basic ***');
    assert.equal(redactCredentials('manifest unknown for ghcr.io/acme/api@sha256:abc (404)'), 'manifest unknown for ghcr.io/acme/api@sha256:abc (404)');
  });

  it('an image error in the report carries no credentials', () => {
    const report = scanWeb({}, [], { imageErrors: [{ ref: 'ghcr.io/acme/api:1', message: 'https://me:tok@ghcr.io/token: 403' }] });
    assert.equal(report.errors[0].message, 'https://***@ghcr.io/token: 403');
  });
});

describe('--fail-on and --severity with vulnerabilities', () => {
  it('--fail-on counts failed vulnerabilities at or above it; unknown never counts', () => {
    const report = scanWeb();
    assert.deepEqual(trippedGates(report, { failOn: 'critical' }), ['--fail-on critical: 1 vulnerability at critical or above']);
    assert.deepEqual(trippedGates(report, { failOn: 'low' }), ['--fail-on low: 4 vulnerabilities at low or above']);
    const onlyUnknown = scanWeb({}, [{ ...webImage(), vulnerabilities: webImage().vulnerabilities.filter((v) => v.severity === 'unknown') }]);
    assert.deepEqual(trippedGates(onlyUnknown, { failOn: 'low' }), []);
  });

  it('--fail-on does not count excepted vulnerabilities', () => {
    const report = scanWeb({ exceptions: [{ source: 'x:1', controls: [], resources: [], reason: 'no SOCKS proxy', vulnerabilities: ['CVE-2023-38545'] }] });
    assert.deepEqual(trippedGates(report, { failOn: 'critical' }), []);
  });

  it('names findings and vulnerabilities together', () => {
    const privileged = WEB_MANIFESTS.replace('        name: web\n', '        name: web\n        securityContext: {privileged: true}\n');
    const report = scan({ ...inputFromYaml(privileged), images: [webImage()] }, { controls: ['privileged-container'] });
    assert.deepEqual(trippedGates(report, { failOn: 'high' }), ['--fail-on high: 1 failed finding(s) and 3 vulnerabilities at high or above']);
  });

  it('--severity shows only those severities (unknown only without it); the summary still counts all', () => {
    const shown = showSeverities(scanWeb(), ['critical', 'medium']);
    assert.deepEqual(shown.vulnerabilities.map((v) => v.id), ['DSA-5510-1', 'GHSA-c2qf-rxjj-qqgw']);
    assert.equal(shown.summary.vulnerabilities?.total, 5);
    assert.deepEqual(trippedGates(shown, { failOn: 'high' }), ['--fail-on high: 1 vulnerability at high or above']);
  });
});
