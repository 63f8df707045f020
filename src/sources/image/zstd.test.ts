import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { Decompress } from 'fzstd';
import { blockHeader, frame, frameHeader, rawBlock, rleBlock, skippableFrame } from '../../testing/zstd-frames.js';
import { isZstd, MAX_WINDOW, ZstdDecompress } from './zstd.js';

const testdata = (name: string): Buffer => fs.readFileSync(new URL(`./testdata/${name}`, import.meta.url));

/** Decodes `chunks` through the Transform; resolves with the output. */
async function decode(chunks: Buffer[], seen?: (n: number) => void): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(chunks), new ZstdDecompress('layer 7 (sha256:abc)'), async (src: AsyncIterable<Buffer>) => {
    for await (const c of src) {
      if (seen) seen(c.length);
      else out.push(c);
    }
  });
  return Buffer.concat(out);
}

const refused = (chunks: Buffer[], pattern: RegExp, seen?: (n: number) => void): Promise<void> =>
  assert.rejects(decode(chunks, seen), (e: Error) => {
    assert.equal(e.name, 'ReadError');
    assert.match(e.message, /^layer 7 \(sha256:abc\) is not a readable zstd layer: /);
    assert.match(e.message, pattern);
    return true;
  });

/** A Compressed_Block's content: raw literals, then sequences with RLE tables (RFC 8878 3.1.1.3). */
function compressed(literals: string, sequences: { count: number; ll: number; of: number; ml: number; bits: number[] } | 'repeat-one', last = false): Buffer {
  const lit = Buffer.from(literals);
  assert.ok(lit.length < 32);
  const head = [lit.length << 3];
  const seq = sequences === 'repeat-one'
    ? [1, 0xfc, 0x07] // one sequence, all three tables repeated, offset extra bits 11
    : [sequences.count, 0x54, sequences.ll, sequences.of, sequences.ml, ...sequences.bits];
  const content = Buffer.concat([Buffer.from(head), lit, Buffer.from(seq)]);
  return Buffer.concat([blockHeader(last, 2, content.length), content]);
}

const sha = (b: Uint8Array): string => crypto.createHash('sha256').update(b).digest('hex');

describe('ZstdDecompress', () => {
  it('knows a zstd frame and a skippable frame by their magic', () => {
    assert.ok(isZstd(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])));
    assert.ok(isZstd(Buffer.from([0x5a, 0x2a, 0x4d, 0x18])));
    assert.ok(!isZstd(Buffer.from([0x1f, 0x8b, 8, 0])));
    assert.ok(!isZstd(Buffer.from([0x28, 0xb5, 0x2f])));
  });

  it('decodes Raw and RLE blocks, concatenated and skippable frames, checksums and Frame_Content_Size fields of every width', async () => {
    const data = Buffer.concat([Buffer.from('head'), Buffer.alloc(300_000, 0x61), Buffer.from('tail'), Buffer.alloc(1000, 0)]);
    const stream = Buffer.concat([
      skippableFrame(Buffer.from('metadata'), 0xf),
      frame(data.subarray(0, 100_000)),
      skippableFrame(Buffer.alloc(0)),
      frame(data.subarray(100_000, 100_200), { contentSize: 200, fcsBytes: 1, checksum: true }),
      frame(data.subarray(100_200, 100_700), { contentSize: 500, fcsBytes: 2 }),
      frame(data.subarray(100_700, 200_000), { contentSize: 99_300, fcsBytes: 4 }),
      frame(data.subarray(200_000), { contentSize: data.length - 200_000, fcsBytes: 8, checksum: true }),
      frame(Buffer.alloc(0), { contentSize: 0, fcsBytes: 1 }),
      skippableFrame(Buffer.from('end')),
    ]);
    assert.deepEqual(await decode([stream]), data);
    // the same cut into 1-byte chunks: headers, blocks and skippable sizes cross chunk boundaries
    const bytes = [...stream.subarray(0, 4000)].map((b) => Buffer.of(b));
    assert.deepEqual(await decode([...bytes, stream.subarray(4000)]), data);
  });

  it('decodes compressed blocks: literals and sequences, and a block repeating the tables of the one before', async () => {
    // literals "abcd", one sequence: 4 literals, then 8 bytes from offset 4 (offset code 2, extra bits 11)
    const one = { count: 1, ll: 4, of: 2, ml: 5, bits: [0x07] };
    const stream = Buffer.concat([frameHeader(), compressed('abcd', one), compressed('wxyz', 'repeat-one', true)]);
    assert.equal((await decode([stream])).toString(), 'abcdabcdabcdwxyzwxyzwxyz');
  });

  it('decodes what the zstd program writes, byte for byte', async () => {
    // testdata/layer.tar: a tar of keep/a ("hello") and keep/status (1300 dpkg-like entries), made with
    //   tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf layer.tar keep
    // layer-19.tar.zst:     zstd -19 --check layer.tar   (zstd 1.5.4: one frame, compressed blocks, XXH64)
    // layer-frames.tar.zst: (head -c 10240 layer.tar | zstd -3; tail -c +10241 layer.tar | zstd -1 --no-check)
    const tar = '15d210bd3a2ab24d795454597237a95ca355d1bc44e1e3d9e94283811e6f54dd';
    for (const name of ['layer-19.tar.zst', 'layer-frames.tar.zst']) {
      const z = testdata(name);
      assert.equal(sha(await decode([z])), tar, name);
      const pieces: Buffer[] = [];
      for (let i = 0; i < z.length; i += 777) pieces.push(z.subarray(i, i + 777));
      assert.equal(sha(await decode(pieces)), tar, `${name} in 777-byte chunks`);
    }
  });

  it('refuses a 1 GiB window before fzstd allocates it (fzstd alone would)', async () => {
    // Window_Descriptor 0xa0: Exponent 20, a 2^30-byte window (RFC 8878 3.1.1.1.2)
    const huge = Buffer.concat([frameHeader({ windowDescriptor: 0xa0 }), rleBlock(0, 100, true)]);
    // the control: fzstd alone allocates the window (measured in its first output, which comes before
    // it touches the window; throwing there stops it before it copies a GiB)
    const control = process.memoryUsage().arrayBuffers;
    let allocated = 0;
    const d = new Decompress(() => {
      allocated = process.memoryUsage().arrayBuffers - control;
      throw new Error('stop');
    });
    assert.throws(() => d.push(huge, true), /stop/);
    // (other buffers may be freed meanwhile: at least half of it, against under 16 MiB below)
    assert.ok(allocated >= 2 ** 29, `fzstd allocated ${allocated} bytes`);
    const t = new ZstdDecompress('layer 7 (sha256:abc)');
    t.on('error', () => undefined);
    const before = process.memoryUsage().arrayBuffers;
    t.write(huge); // _transform walks the header synchronously
    assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 1024 * 1024);
    assert.equal(t.framesDecoded, 0);
    await refused([huge], /a frame asks for a 1073741824-byte window, more than the 134217729 bytes/);
    // a single-segment frame's window is its Frame_Content_Size
    await refused([Buffer.concat([frameHeader({ contentSize: 2 ** 30 }), rleBlock(0, 100, true)])], /a 1073741824-byte window/);
    // 128 MiB is allowed (zstd --long=27): the frame is decoded
    assert.equal(MAX_WINDOW, 2 ** 27 + 1);
    assert.deepEqual(await decode([Buffer.concat([frameHeader({ windowDescriptor: 0x88 }), rleBlock(9, 5, true)])]), Buffer.alloc(5, 9));
  });

  it('refuses an RLE bomb once the output passes 1032 times the input plus 64 MiB', async () => {
    const bomb = Buffer.concat([frameHeader({ windowDescriptor: 0x38 }), ...Array.from({ length: 4000 }, () => rleBlock(0, 128 * 1024))]);
    let out = 0;
    await refused([bomb], /decompresses to more than 1032 times its \d+ compressed bytes read so far plus 64 MiB/, (n) => { out += n; });
    assert.ok(out <= 1032 * bomb.length + 64 * 1024 * 1024, `${out} bytes came out`);
    assert.ok(out >= 64 * 1024 * 1024);
  });

  it('refuses, at once, a block whose sequences would make fzstd copy for minutes', async () => {
    // 65 000 sequences of 65 539+ bytes each in one 130 KB block: fzstd alone spends about 2 minutes on it
    const ns = 65_000;
    const block = Buffer.concat([Buffer.from([0x00, 0xff, (ns - 0x7f00) & 0xff, (ns - 0x7f00) >> 8, 0x54, 0, 0, 52]), Buffer.alloc(130_000, 0xff)]);
    const start = Date.now();
    await refused([Buffer.concat([frameHeader(), blockHeader(true, 2, block.length), block])], /a block's sequences pass the block maximum of 131072 bytes/);
    assert.ok(Date.now() - start < 2000);
  });

  it('refuses a match further back than fzstd can decode (offset code 26 at bit 7)', async () => {
    // 255 raw literals; one sequence: literals length code 26 (128 + 7 bits), offset code 26, match length 3
    const lit = Buffer.alloc(255, 0x41);
    const content = Buffer.concat([Buffer.from([(lit.length << 4 | 0b0100) & 0xff, lit.length >> 4]), lit, Buffer.from([1, 0x54, 26, 26, 0]),
      Buffer.from([0, 0, 0, 0, 0b10])]); // 33 bits: offset 26, match 0, literals 7, marker at bit 33
    await refused([Buffer.concat([frameHeader({ windowDescriptor: 0x88 }), blockHeader(true, 2, content.length), content])], /a match reaches back more than 64 MiB \(offset code 26\)/);
  });

  it('refuses many small blocks under a huge window (fzstd moves the whole window per block)', async () => {
    const blocks = Array.from({ length: 40 }, () => rawBlock(Buffer.of(1)));
    await refused([Buffer.concat([frameHeader({ windowDescriptor: 0x88 }), ...blocks])], /windows cost more than 2048 bytes of copying per byte decoded plus 1 GiB/);
  });

  it('names what is wrong with a corrupt, cut or empty stream', async () => {
    const good = frame(Buffer.from('some layer bytes'), { checksum: true });
    await refused([good.subarray(0, good.length - 2)], /it ends inside a zstd frame \(the stream is cut\)/);
    await refused([good.subarray(0, 7)], /the stream is cut/);
    await refused([Buffer.alloc(0)], /it is empty: no zstd frame/);
    await refused([Buffer.concat([good, Buffer.from('garbage!')])], /no zstd frame magic where a frame should start/);
    await refused([Buffer.from('not zstd at all')], /no zstd frame magic/);
    await refused([Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), crypto.randomBytes(64).fill(0x47, 0, 1)])], /dictionary/);
    await refused([frame(Buffer.from('x'), { dictionary: 7 })], /a frame needs dictionary 7/);
    await refused([frame(Buffer.from('x'), { reservedBit: true })], /reserved bit/);
    await refused([Buffer.concat([frameHeader(), blockHeader(true, 3, 1), Buffer.of(0)])], /reserved block type 3/);
    await refused([Buffer.concat([frameHeader({ windowDescriptor: 0 }), rleBlock(0, 2000, true)])], /a block of 2000 bytes passes the frame's block maximum of 1024/);
    await refused([frame(Buffer.from('12345'), { contentSize: 10, fcsBytes: 1 })], /decoded to 5 bytes, not its Frame_Content_Size of 10/);
    await refused([frame(Buffer.from('12345'), { contentSize: 3, fcsBytes: 1 })], /a block of 5 bytes passes the frame's block maximum of 3/);
    // a compressed block whose sequences want more literals than it has
    await refused([Buffer.concat([frameHeader(), compressed('ab', { count: 1, ll: 4, of: 2, ml: 5, bits: [0x07] }, true)])], /more literals than its literals section holds/);
    await refused([Buffer.concat([frameHeader(), compressed('abcd', 'repeat-one', true)])], /repeats a sequence table no earlier block of its frame defined/);
  });

  it('keeps backpressure: a reader that does not read gets at most one block past the high-water mark', async () => {
    const stream = Buffer.concat([frameHeader(), ...Array.from({ length: 100 }, () => rleBlock(7, 128 * 1024)), rawBlock(Buffer.alloc(0), true)]);
    const t = new ZstdDecompress('layer 7 (sha256:abc)');
    t.write(stream);
    t.end();
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(t.readableLength <= t.readableHighWaterMark + 128 * 1024, `${t.readableLength} bytes buffered`);
    let n = 0;
    for await (const c of t) n += (c as Buffer).length;
    assert.equal(n, 100 * 128 * 1024);
  });
});
