import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MEDIA, parseManifest, parsePlatform, selectPlatform, type Descriptor } from './manifest.js';

const D = (n: string): string => `sha256:${n.repeat(64)}`;
const entry = (n: string, os: string, architecture: string, variant?: string): Descriptor => ({ mediaType: MEDIA.ociManifest, digest: D(n), size: 1, platform: { os, architecture, ...(variant ? { variant } : {}) } });

describe('manifests', () => {
  it('parses OCI and Docker manifests and indexes, also without mediaType in the body', () => {
    const m = { schemaVersion: 2, config: { mediaType: 'c', digest: D('a'), size: 2 }, layers: [{ mediaType: 'l', digest: D('b'), size: 3 }] };
    assert.deepEqual(parseManifest(Buffer.from(JSON.stringify({ ...m, mediaType: MEDIA.dockerManifest })), undefined),
      { kind: 'manifest', config: { mediaType: 'c', digest: D('a'), size: 2 }, layers: [{ mediaType: 'l', digest: D('b'), size: 3 }] });
    assert.equal(parseManifest(Buffer.from(JSON.stringify(m)), MEDIA.ociManifest).kind, 'manifest');
    const idx = { schemaVersion: 2, manifests: [{ mediaType: MEDIA.ociManifest, digest: D('c'), size: 4, platform: { os: 'linux', architecture: 'amd64' } }] };
    assert.equal(parseManifest(Buffer.from(JSON.stringify(idx)), undefined).kind, 'index');
    assert.equal(parseManifest(Buffer.from(JSON.stringify({ ...idx, mediaType: MEDIA.dockerList })), undefined).kind, 'index');
  });

  it('refuses schema 1, bad digests and sizes, and what is not JSON', () => {
    assert.throws(() => parseManifest(Buffer.from('{"schemaVersion":1,"fsLayers":[]}'), undefined), /schema 1 manifests are not supported/);
    assert.throws(() => parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, config: { digest: 'md5:x', size: 1 }, layers: [] })), MEDIA.ociManifest), /the manifest config has no sha256 digest \(md5:x\)/);
    assert.throws(() => parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, config: { digest: D('a'), size: -1 }, layers: [] })), MEDIA.ociManifest), /has no valid size/);
    assert.throws(() => parseManifest(Buffer.from('<html>'), undefined), /the manifest is not JSON/);
    assert.throws(() => parseManifest(Buffer.from('{"mediaType":"application/x-odd"}'), undefined), /unsupported manifest media type "application\/x-odd"/);
  });

  it('parses platforms', () => {
    assert.deepEqual(parsePlatform('linux/arm64/v8'), { os: 'linux', architecture: 'arm64', variant: 'v8' });
    assert.deepEqual(parsePlatform('Linux/AMD64'), { os: 'linux', architecture: 'amd64' });
    assert.throws(() => parsePlatform('amd64'), /platform "amd64" is not os\/architecture\[\/variant\]/);
    assert.throws(() => parsePlatform('linux/amd64/v1/x'), /not os\/architecture/);
  });

  it('picks the platform as containerd does: arm64 means v8, arm means v7 when unnamed', () => {
    const list = [entry('1', 'unknown', 'unknown'), entry('2', 'linux', 'amd64'), entry('3', 'linux', 'arm', 'v6'), entry('4', 'linux', 'arm', 'v7'), entry('5', 'linux', 'arm64', 'v8'), entry('6', 'windows', 'amd64')];
    const pick = (p: string): string | undefined => selectPlatform(list, parsePlatform(p))?.digest[7];
    assert.equal(pick('linux/amd64'), '2');
    assert.equal(pick('linux/arm'), '4');
    assert.equal(pick('linux/arm/v6'), '3');
    assert.equal(pick('linux/arm64'), '5');
    assert.equal(pick('linux/arm64/v8'), '5');
    assert.equal(pick('windows/amd64'), '6');
    assert.equal(pick('linux/s390x'), undefined);
    assert.equal(selectPlatform([entry('7', 'linux', 'arm64')], parsePlatform('linux/arm64/v8'))?.digest, D('7'));
  });
});
