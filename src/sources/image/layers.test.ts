import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { frame, frameHeader, rleBlock, skippableFrame } from '../../testing/zstd-frames.js';
import { ReadError } from './errors.js';
import { applyLayers, entryPath, MAX_FILE_BYTES, type LayerInput } from './layers.js';

type Entry = { name: string; body?: string | Buffer; type?: 'file' | 'directory' | 'symlink' | 'link'; linkname?: string };

async function tarOf(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    const body = e.body === undefined ? undefined : Buffer.from(e.body);
    pack.entry({ name: e.name, type: e.type ?? 'file', ...(e.linkname ? { linkname: e.linkname } : {}), ...(body ? { size: body.length } : {}) }, body ?? '');
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const digestOf = (b: Buffer): string => `sha256:${crypto.createHash('sha256').update(b).digest('hex')}`;

async function layers(...specs: Array<Entry[] | { raw: Buffer; mediaType?: string; diffId?: string }>): Promise<LayerInput[]> {
  const out: LayerInput[] = [];
  for (const [index, spec] of specs.entries()) {
    const raw = Array.isArray(spec) ? gzipSync(await tarOf(spec)) : spec.raw;
    const diffId = Array.isArray(spec) ? undefined : spec.diffId;
    out.push({ ref: { index, digest: digestOf(raw), ...(diffId ? { diffId } : {}) }, mediaType: Array.isArray(spec) ? 'application/vnd.oci.image.layer.v1.tar+gzip' : spec.mediaType ?? '', open: async () => Readable.from([raw]) });
  }
  return out;
}

async function apply(ls: LayerInput[], warnings: string[] = []): Promise<Record<string, string>> {
  const files = await applyLayers(ls, { wants: (p) => p.startsWith('/keep/'), warn: (m) => warnings.push(m) });
  return Object.fromEntries([...files].map(([p, f]) => [p, `${f.layer.index}:${f.data?.toString() ?? ''}`]));
}

describe('entryPath', () => {
  it('normalises tar names to absolute paths and refuses ones that climb out', () => {
    assert.equal(entryPath('./keep/a'), '/keep/a');
    assert.equal(entryPath('keep//b/'), '/keep/b');
    assert.equal(entryPath('/keep/c'), '/keep/c');
    assert.equal(entryPath('../etc/passwd'), undefined);
    assert.equal(entryPath('keep/../../x'), undefined);
    assert.equal(entryPath('./'), undefined);
  });
});

describe('applyLayers', () => {
  it('keeps the wanted files with the layer that last wrote them', async () => {
    assert.deepEqual(await apply(await layers(
      [{ name: 'keep/', type: 'directory' }, { name: 'keep/a', body: 'a0' }, { name: 'keep/b', body: 'b0' }, { name: 'other/x', body: 'x' }],
      [{ name: 'keep/b', body: 'b1' }],
    )), { '/keep/a': '0:a0', '/keep/b': '1:b1' });
  });

  it('.wh.<name> removes a file and a directory with everything under it, from lower layers only', async () => {
    assert.deepEqual(await apply(await layers(
      [{ name: 'keep/a', body: 'a' }, { name: 'keep/d/x', body: 'x' }, { name: 'keep/d/y/z', body: 'z' }, { name: 'keep/dd', body: 'dd' }],
      // the whiteout of d also comes after a file this layer writes in d: that one stays
      [{ name: 'keep/d/new', body: 'n' }, { name: 'keep/.wh.a', body: '' }, { name: 'keep/.wh.d', body: '' }],
    )), { '/keep/dd': '0:dd', '/keep/d/new': '1:n' });
  });

  it('.wh..wh..opq empties a directory of its lower layers\' children, not of its own layer\'s', async () => {
    assert.deepEqual(await apply(await layers(
      [{ name: 'keep/o/a', body: 'a' }, { name: 'keep/o/sub/b', body: 'b' }, { name: 'keep/p', body: 'p' }],
      [{ name: 'keep/o/c', body: 'c' }, { name: 'keep/o/.wh..wh..opq', body: '' }],
    )), { '/keep/p': '0:p', '/keep/o/c': '1:c' });
  });

  it('a file replacing a directory removes what was under it; a symlink replaces a file', async () => {
    assert.deepEqual(await apply(await layers(
      [{ name: 'keep/d/x', body: 'x' }, { name: 'keep/f', body: 'f' }],
      [{ name: 'keep/d', body: 'now a file' }, { name: 'keep/f', type: 'symlink', linkname: '/etc/passwd' }],
    )), { '/keep/d': '1:now a file' });
  });

  it('a directory replacing a file removes the file; writing a directory again keeps what is under it', async () => {
    assert.deepEqual(await apply(await layers(
      [{ name: 'keep/f', body: 'f' }, { name: 'keep/d/x', body: 'x' }],
      [{ name: 'keep/f', type: 'directory' }, { name: 'keep/d', type: 'directory' }],
    )), { '/keep/d/x': '0:x' });
  });

  it('a hard link carries its target\'s content, as written by its own layer', async () => {
    assert.deepEqual(await apply(await layers(
      [{ name: 'keep/t', body: 'target' }],
      [{ name: 'keep/l', type: 'link', linkname: 'keep/t' }],
    )), { '/keep/t': '0:target', '/keep/l': '1:target' });
  });

  it('skips entries that climb out of the root', async () => {
    assert.deepEqual(await apply(await layers([{ name: '../keep/evil', body: 'e' }, { name: 'keep/../../keep/e2', body: 'e' }])), {});
  });

  it('does not keep a wanted file larger than the limit, and says so', async () => {
    const warnings: string[] = [];
    const big = Buffer.alloc(MAX_FILE_BYTES + 1, 'a');
    assert.deepEqual(await apply(await layers([{ name: 'keep/big', body: big }, { name: 'keep/small', body: 's' }]), warnings), { '/keep/small': '0:s' });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^\/keep\/big in layer 0 \(sha256:[a-f0-9]+\) is larger than 16777216 bytes: not read$/);
  });

  it('reads uncompressed layers, and a tar without its end-of-archive blocks', async () => {
    const t = await tarOf([{ name: 'keep/a', body: 'abc' }]);
    // cut the two zero blocks and the last block's padding, as umoci 0.4.7 writes
    const cut = t.subarray(0, 512 + 3);
    assert.deepEqual(await apply(await layers({ raw: t }, { raw: gzipSync(cut) })), { '/keep/a': '1:abc' });
  });

  it('checks the uncompressed layer against its diff_id', async () => {
    const t = await tarOf([{ name: 'keep/a', body: 'abc' }]);
    assert.deepEqual(await apply(await layers({ raw: gzipSync(t), diffId: digestOf(t) })), { '/keep/a': '0:abc' });
    await assert.rejects(apply(await layers({ raw: gzipSync(t), diffId: `sha256:${'1'.repeat(64)}` })),
      /layer 0 \(sha256:[a-f0-9]+\) uncompressed does not match its digest \(expected sha256:1{64}, got sha256:[a-f0-9]{64}\)/);
  });

  it('names a layer that is no tar', async () => {
    await assert.rejects(apply(await layers({ raw: Buffer.from([0x1f, 0x8b, 0, 1, 2, 3, 4, 5, 6]) })), /layer 0 \(sha256:[a-f0-9]+\) is not a readable layer/);
  });
});

describe('applyLayers on zstd layers', () => {
  const ZSTD = 'application/vnd.oci.image.layer.v1.tar+zstd';

  it('reads zstd layers over gzip ones, whiteouts included: Raw and RLE blocks, several frames, skippable frames, checksums', async () => {
    const upper = await tarOf([{ name: 'keep/d/new', body: 'n'.repeat(5000) }, { name: 'keep/.wh.a', body: '' }, { name: 'keep/.wh.d', body: '' }, { name: 'keep/b', body: 'b1' }]);
    const half = 1536;
    const raw = Buffer.concat([skippableFrame(Buffer.from('x')), frame(upper.subarray(0, half), { checksum: true }), skippableFrame(Buffer.alloc(0), 3),
      frame(upper.subarray(half), { contentSize: upper.length - half })]);
    assert.deepEqual(await apply(await layers(
      [{ name: 'keep/a', body: 'a' }, { name: 'keep/d/x', body: 'x' }, { name: 'keep/b', body: 'b0' }, { name: 'keep/c', body: 'c' }],
      { raw, mediaType: ZSTD, diffId: digestOf(upper) },
    )), { '/keep/c': '0:c', '/keep/d/new': `1:${'n'.repeat(5000)}`, '/keep/b': '1:b1' });
  });

  it('knows zstd by its magic without a media type (docker save), and by the media type when a skippable frame comes first', async () => {
    const t = await tarOf([{ name: 'keep/a', body: 'abc' }]);
    assert.deepEqual(await apply(await layers({ raw: frame(t) })), { '/keep/a': '0:abc' });
    assert.deepEqual(await apply(await layers({ raw: Buffer.concat([skippableFrame(Buffer.from('meta')), frame(t)]) })), { '/keep/a': '0:abc' });
    // gzip bytes under a zstd media type are read as gzip: the first bytes decide
    assert.deepEqual(await apply(await layers({ raw: gzipSync(t), mediaType: ZSTD })), { '/keep/a': '0:abc' });
  });

  it('reads what the zstd program writes, checked against the tar\'s diff_id', async () => {
    // testdata/*.tar.zst: see zstd.test.ts for the commands; the tar's sha256 is its diff_id
    const diffId = 'sha256:15d210bd3a2ab24d795454597237a95ca355d1bc44e1e3d9e94283811e6f54dd';
    for (const name of ['layer-19.tar.zst', 'layer-frames.tar.zst']) {
      const raw = fs.readFileSync(new URL(`./testdata/${name}`, import.meta.url));
      const files = await applyLayers(await layers({ raw, mediaType: ZSTD, diffId }), { wants: (p) => p.startsWith('/keep/'), warn: () => undefined });
      assert.equal(files.get('/keep/a')?.data?.toString(), 'hello', name);
      const status = files.get('/keep/status')?.data?.toString() ?? '';
      assert.equal(status.split('\n\n').filter(Boolean).length, 1300, name);
      assert.match(status, /^Package: lib1299\nStatus: install ok installed\nVersion: 1\.4-4\n/m);
    }
  });

  it('refuses hostile or broken zstd layers with an error naming the layer', async () => {
    const named = /^layer 0 \(sha256:[a-f0-9]{64}\) is not a readable zstd layer: /;
    const cases: Array<[Buffer, RegExp]> = [
      [Buffer.concat([frameHeader({ windowDescriptor: 0xa0 }), rleBlock(0, 10, true)]), /a frame asks for a 1073741824-byte window/],
      [Buffer.concat([frameHeader({ windowDescriptor: 0x38 }), ...Array.from({ length: 2000 }, () => rleBlock(0, 128 * 1024))]), /more than 1032 times/],
      [frame(await tarOf([{ name: 'keep/a', body: 'abc' }])).subarray(0, -5), /the stream is cut/],
      [Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.from('garbage after the magic')]), /a frame needs dictionary \d+, and layers come with none/],
      [Buffer.alloc(0), /it is empty: no zstd frame/],
      [await tarOf([{ name: 'keep/a', body: 'abc' }]), /no zstd frame magic where a frame should start/],
    ];
    for (const [raw, why] of cases) {
      const err = await apply(await layers({ raw, mediaType: ZSTD })).then(() => undefined, (e: unknown) => e as Error);
      assert.ok(err instanceof ReadError, `${why}: ${String(err)}`);
      assert.match(err.message, named);
      assert.match(err.message, why);
    }
  });
});
