// The image source's own decisions, without a registry: which references are read (each image
// once), what an old or missing database does, and how an unreadable image is reported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importOsv } from '../../vulndb/store.js';
import { REAL_RECORDS } from '../../testing/osv-records.js';
import { resourcesFromYaml } from '../../testing/inventory.js';
import { imageRefs, readImages } from './source.js';

function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-image-source-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function database(): Promise<string> {
  const dir = tmp();
  const osv = path.join(dir, 'osv');
  fs.mkdirSync(osv);
  for (const r of REAL_RECORDS) fs.writeFileSync(path.join(osv, `${r.id}.json`), JSON.stringify(r));
  await importOsv(osv, { dbDir: path.join(dir, 'db') });
  return path.join(dir, 'db');
}

describe('imageRefs', () => {
  it('reads each image once: named ones first as written, then the workloads\' by normalised reference', () => {
    const resources = resourcesFromYaml(`apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x}
spec:
  containers:
  - {name: a, image: nginx}
  - {name: b, image: docker.io/library/nginx:latest}
  initContainers:
  - {name: c, image: "ghcr.io/acme/tool:1.2"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: x}
spec:
  template:
    spec:
      containers:
      - {name: d, image: "ghcr.io/acme/tool:1.2"}
      - {name: e, image: "Not A Ref"}
`);
    assert.deepEqual(imageRefs(['index.docker.io/library/nginx:latest', 'oci:/x:y', 'oci:/x:y'], resources),
      ['index.docker.io/library/nginx:latest', 'oci:/x:y', 'ghcr.io/acme/tool:1.2']);
    // in normalised order (docker.io/library/nginx:latest before ghcr.io/…), each as its first use writes it
    assert.deepEqual(imageRefs([], resources), ['nginx', 'ghcr.io/acme/tool:1.2']);
  });
});

describe('readImages', () => {
  it('an old database is used with a warning naming its age', async () => {
    const db = await database();
    const now = new Date(Date.now() + 30 * 86_400_000);
    const r = await readImages({ refs: [`oci:${path.join(tmp(), 'missing')}:x`], dbDir: db, now });
    assert.ok(r.warnings.some((w) => /the vulnerability database is (29|30) days old .*palisade db update/.test(w)), r.warnings.join('\n'));
    assert.equal(r.imagesNotJudged, undefined);
    assert.equal(r.imageErrors.length, 1);
    assert.match(r.imageErrors[0]!.message, /missing/);
    assert.doesNotMatch(r.imageErrors[0]!.message, /^image /, 'the image is named once, as the error\'s file');
  });

  it('a fresh database gives no warning; a missing one leaves the images not judged, saying what to run', async () => {
    const db = await database();
    const fresh = await readImages({ refs: [`oci:${path.join(tmp(), 'missing')}:x`], dbDir: db });
    assert.deepEqual(fresh.warnings, []);
    const ref = `oci:${path.join(tmp(), 'missing')}:x`;
    const none = await readImages({ refs: [ref], dbDir: path.join(tmp(), 'no-db') });
    assert.match(none.imagesNotJudged ?? '', /palisade db update/);
    assert.deepEqual(none.targets, [{ type: 'image', paths: [ref] }]);
  });

  it('--scan-images with workloads that name no image reads nothing and says so', async () => {
    const r = await readImages({ refs: [], resources: [], dbDir: path.join(tmp(), 'no-db') });
    assert.deepEqual([r.images, r.imageErrors, r.targets], [[], [], []]);
    assert.deepEqual(r.notes, ['--scan-images: the scanned workloads name no image']);
  });
});
