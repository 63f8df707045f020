// readImage on images that are files: OCI layouts (oci:), tars of them (oci-archive:) and docker
// save archives (docker-archive:, both the classic layout skopeo writes and Docker 25's OCI one),
// built with umoci and exported with skopeo (test/support/image-build.ts).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ImageError, readImage } from '../src/sources/image/index.js';
import { buildFixtureImages, run, type FixtureImages } from './support/image-build.js';
import { ALPINE_EXPECTED, debianExpected, summary } from './support/image-build-expect.js';

let work: string;
let fx: FixtureImages;
let cacheDir: string;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-image-local-'));
  fx = buildFixtureImages(work);
  cacheDir = path.join(work, 'cache/blobs');
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

const read = (ref: string, extra: Parameters<typeof readImage>[1] = {}) => readImage(ref, { cacheDir, dockerConfigDir: path.join(work, 'no-docker'), ...extra });

async function rejects(ref: string, pattern: RegExp, extra: Parameters<typeof readImage>[1] = {}): Promise<ImageError> {
  const err = await read(ref, extra).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ImageError, `expected an ImageError, got ${String(err)}`);
  assert.match(err.message, pattern);
  assert.ok(err.message.startsWith(`image ${ref}: `), err.message);
  return err;
}

function layoutIndex(layout: string): any {
  return JSON.parse(fs.readFileSync(path.join(layout, 'index.json'), 'utf8'));
}
function refDigest(layout: string, name: string): string {
  return layoutIndex(layout).manifests.find((m: any) => m.annotations['org.opencontainers.image.ref.name'] === name).digest;
}

describe('oci: layout directories', () => {
  it('reads the packages of every cataloguer, each from the layer that last wrote its file', async () => {
    const img = await read(`oci:${fx.layout}:debian`);
    assert.deepEqual(summary(img), debianExpected(fx.goVersion));
    assert.equal(img.digest, refDigest(fx.layout, 'debian'));
    assert.equal(img.platform, 'linux/amd64');
    assert.deepEqual(img.os, { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' });
    assert.equal(img.layers.length, 4);
    assert.ok(img.layers.every((l, i) => l.index === i && /^sha256:[a-f0-9]{64}$/.test(l.digest) && /^sha256:/.test(l.diffId ?? '')));
    // the package's layer is the image's layer, with its digests
    assert.deepEqual(img.packages.find((p) => p.name === 'minimist')!.layer, img.layers[3]);
  });

  it('gives dpkg packages their Source: name and version, the OS ecosystem and purls', async () => {
    const img = await read(`oci:${fx.layout}:debian`);
    const zlib = img.packages.find((p) => p.name === 'zlib1g')!;
    assert.equal(zlib.ecosystem, 'Debian:12');
    assert.equal(zlib.sourceName, 'zlib');
    assert.equal(zlib.sourceVersion, '1:1.2.13.dfsg-1');
    assert.equal(zlib.path, '/var/lib/dpkg/status');
    assert.equal(zlib.purl, 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1+b1?arch=amd64&distro=debian-12&upstream=zlib');
    const ssl = img.packages.find((p) => p.name === 'libssl3')!;
    assert.equal(ssl.sourceName, 'openssl');
    assert.equal(ssl.sourceVersion, undefined, 'same version as the binary package');
    assert.equal(img.packages.find((p) => p.name === 'tar')!.sourceName, undefined);
    assert.ok(!img.packages.some((p) => p.name === 'curl'), 'curl is deinstall ok config-files');
  });

  it('reads the Go build info of the binary the test built: stdlib and the replaced local module', async () => {
    const img = await read(`oci:${fx.layout}:debian`);
    const go = img.packages.filter((p) => p.type === 'golang');
    assert.deepEqual(go.map((p) => [p.name, p.ecosystem, p.path, p.purl]), [
      ['example.com/greeting', 'Go', '/usr/local/bin/app', 'pkg:golang/example.com/greeting@v1.4.2'],
      ['stdlib', 'Go', '/usr/local/bin/app', `pkg:golang/stdlib@v${fx.goVersion.replace(/^go/, '')}`],
    ]);
  });

  it('leaves out what later layers whited out, and a lower layer under an opaque directory', async () => {
    const names = (await read(`oci:${fx.layout}:debian`)).packages.map((p) => `${p.name}@${p.version}`);
    assert.ok(!names.includes('left-pad@1.3.0'), 'file whiteout');
    assert.ok(!names.includes('removed-pkg@1.0'), 'directory whiteout');
    assert.ok(!names.includes('minimist@1.2.5'), 'opaque directory');
    assert.ok(!names.includes('not-a-package@0.0.1'), 'a package.json inside a package is not a package');
    assert.ok(!names.includes('my-app@1.0.0'), 'the root project is not a dependency');
  });

  it('picks the platform from an index, and says which platforms there are when none fits', async () => {
    const amd = await read(`oci:${fx.layout}:multi`);
    assert.deepEqual(summary(amd), debianExpected(fx.goVersion));
    assert.equal(amd.digest, refDigest(fx.layout, 'multi'));
    const arm = await read(`oci:${fx.layout}:multi`, { platform: 'linux/arm64' });
    assert.deepEqual(summary(arm), ALPINE_EXPECTED);
    assert.equal(arm.platform, 'linux/arm64');
    assert.equal(arm.packages[0]!.ecosystem, 'Alpine:v3.20');
    assert.equal((await read(`oci:${fx.layout}:multi`, { platform: 'linux/arm64/v8' })).platform, 'linux/arm64');
    await rejects(`oci:${fx.layout}:multi`, /no linux\/s390x image in the index \(it has linux\/amd64, linux\/arm64\/v8\)$/, { platform: 'linux/s390x' });
    await rejects(`oci:${fx.layout}:multi`, /no linux\/arm64\/v9 image/, { platform: 'linux/arm64/v9' });
  });

  it('asks for a name when the layout holds several images, and names the ones it has', async () => {
    await rejects(`oci:${fx.layout}`, /holds 3 images: name one/);
    await rejects(`oci:${fx.layout}:nosuch`, /has no image named "nosuch" \(it has debian, alpine, multi\)/);
    await rejects(`oci:${path.join(work, 'missing')}`, /is not an OCI image layout \(no oci-layout file\)/);
  });

  it('refuses a blob whose bytes are not its digest', async () => {
    const copy = path.join(work, 'tampered');
    fs.cpSync(fx.layout, copy, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(copy, 'blobs/sha256', refDigest(copy, 'debian').slice(7)), 'utf8'));
    const layer = path.join(copy, 'blobs/sha256', manifest.layers[1].digest.slice(7));
    const bytes = fs.readFileSync(layer);
    bytes[bytes.length - 5] ^= 0xff;
    fs.writeFileSync(layer, bytes);
    await rejects(`oci:${copy}:debian`, new RegExp(`${manifest.layers[1].digest.slice(7)} does not match its digest \\(expected ${manifest.layers[1].digest}, got sha256:[a-f0-9]{64}\\)$`));
    const config = path.join(copy, 'blobs/sha256', manifest.config.digest.slice(7));
    fs.appendFileSync(config, ' ');
    await rejects(`oci:${copy}:debian`, /blob sha256:[a-f0-9]+ is \d+ bytes, not the \d+ its descriptor says/);
  });

  it('reads an image whose layers skopeo wrote as zstd, as the gzip one', async () => {
    const copy = path.join(work, 'zstd');
    run('skopeo', ['copy', '--quiet', '--dest-compress-format', 'zstd', `oci:${fx.layout}:debian`, `oci:${copy}:debian`]);
    const img = await read(`oci:${copy}:debian`);
    assert.deepEqual(summary(img), debianExpected(fx.goVersion));
    assert.equal(img.layers.length, 4);
    const manifest = JSON.parse(fs.readFileSync(path.join(copy, 'blobs/sha256', refDigest(copy, 'debian').slice(7)), 'utf8'));
    assert.ok(manifest.layers.every((l: any) => l.mediaType === 'application/vnd.oci.image.layer.v1.tar+zstd'));
    // the same diff_ids: the uncompressed layers are the gzip image's
    assert.deepEqual(img.layers.map((l) => l.diffId), (await read(`oci:${fx.layout}:debian`)).layers.map((l) => l.diffId));
  });

  it('names a zstd layer that is cut', async () => {
    const copy = path.join(work, 'zstd-bad');
    fs.cpSync(fx.layout, copy, { recursive: true });
    const blob = (data: Buffer): { digest: string; size: number } => {
      const hex = crypto.createHash('sha256').update(data).digest('hex');
      fs.writeFileSync(path.join(copy, 'blobs/sha256', hex), data);
      return { digest: `sha256:${hex}`, size: data.length };
    };
    const layer = blob(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]));
    const config = blob(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [`sha256:${'0'.repeat(64)}`] } })));
    const manifest = blob(Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', ...layer }],
    })));
    fs.writeFileSync(path.join(copy, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }] }));
    await rejects(`oci:${copy}`, /layer 0 \(sha256:[a-f0-9]+\) is not a readable zstd layer: it ends inside a zstd frame \(the stream is cut\)$/);
  });
});

describe('archives', () => {
  it('oci-archive: a tar of the layout', async () => {
    const tarFile = path.join(work, 'layout.tar');
    run('tar', ['-C', fx.layout, '-cf', tarFile, '.']);
    assert.deepEqual(summary(await read(`oci-archive:${tarFile}:debian`)), debianExpected(fx.goVersion));
    assert.deepEqual(summary(await read(`oci-archive:${tarFile}:multi`, { platform: 'linux/arm64' })), ALPINE_EXPECTED);
  });

  it('docker-archive: what skopeo writes for docker save, selected by reference, by @index or alone', async () => {
    const file = path.join(work, 'docker.tar');
    run('skopeo', ['copy', '--quiet', `oci:${fx.layout}:debian`, `docker-archive:${file}:test/app:1`]);
    for (const ref of [`docker-archive:${file}`, `docker-archive:${file}:test/app:1`, `docker-archive:${file}:docker.io/test/app:1`, `docker-archive:${file}:@0`]) {
      const img = await read(ref);
      assert.deepEqual(summary(img), debianExpected(fx.goVersion), ref);
      assert.equal(img.platform, 'linux/amd64');
      assert.equal(img.layers.length, 4);
      assert.ok(img.layers.every((l) => l.diffId), 'diff_ids from the config');
    }
    await rejects(`docker-archive:${file}:other/app:2`, /has no image tagged other\/app:2 \(it has docker.io\/test\/app:1\)/);
    await rejects(`docker-archive:${file}:@3`, /has 1 image\(s\): no @3/);
  });

  it('docker-archive: Docker 25\'s layout (manifest.json pointing into an OCI layout), with two images to choose from', async () => {
    const dir = path.join(work, 'docker25');
    fs.cpSync(fx.layout, dir, { recursive: true });
    const blobPath = (d: string): string => `blobs/sha256/${d.slice(7)}`;
    const item = (name: string, tags: string[]): unknown => {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, blobPath(refDigest(dir, name))), 'utf8'));
      return { Config: blobPath(manifest.config.digest), RepoTags: tags, Layers: manifest.layers.map((l: any) => blobPath(l.digest)) };
    };
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify([item('debian', ['app:latest']), item('alpine', ['alp:1'])]));
    const file = path.join(work, 'docker25.tar');
    run('tar', ['-C', dir, '-cf', file, '.']);
    assert.deepEqual(summary(await read(`docker-archive:${file}:app`)), debianExpected(fx.goVersion));
    assert.deepEqual(summary(await read(`docker-archive:${file}:alp:1`)), ALPINE_EXPECTED);
    assert.deepEqual(summary(await read(`docker-archive:${file}:@1`)), ALPINE_EXPECTED);
    assert.equal((await read(`docker-archive:${file}:@1`)).platform, 'linux/arm64');
    await rejects(`docker-archive:${file}`, /holds 2 images: name one \(docker-archive:.*:NAME or :@N\)$/);
  });

  it('names the file when it is no archive, or not there', async () => {
    const junk = path.join(work, 'junk.tar');
    fs.writeFileSync(junk, 'not a tar at all\n'.repeat(100));
    await rejects(`docker-archive:${junk}`, new RegExp(`${junk} is not a readable tar archive|${junk} is not a docker save archive`));
    await rejects(`docker-archive:${path.join(work, 'none.tar')}`, /cannot read .*none\.tar: ENOENT/);
    await rejects(`oci-archive:${work}`, /is not a file/);
  });
});
