// zstd decompression of image layers (`application/vnd.oci.image.layer.v1.tar+zstd`, RFC 8878) as
// a Node Transform. fzstd (0.1.1) decodes; this file walks the frames and blocks itself first and
// refuses, before fzstd sees them, what libzstd's decoder refuses by default and fzstd would accept:
// - a window above ZSTD_MAXWINDOWSIZE_DEFAULT, (1 << ZSTD_WINDOWLOG_LIMIT_DEFAULT) + 1 with the
//   limit 27 (lib/zstd.h ZSTD_d_windowLogMax, lib/decompress/zstd_decompress.c
//   ZSTD_decompressStream "frameParameter_windowTooLarge"): fzstd allocates a frame's whole window
//   up front and accepts up to about 2 GB. A single-segment frame's window is its
//   Frame_Content_Size (RFC 8878 3.1.1.1.2);
// - a frame that needs a dictionary (ZSTD_decodeFrameHeader "dictionary_wrong": none is given), a
//   reserved header bit (ZSTD_getFrameHeader "frameParameter_unsupported"), a reserved block type;
// - a block larger than Block_Maximum_Size, min(Window_Size, 128 KiB) (RFC 8878 3.1.1.2.4;
//   ZSTD_decompressContinue "Decompressed Block Size Exceeds Maximum"), and a compressed block whose
//   sequences would decode past it (zstd-sequences.ts);
// - a frame whose output is not its Frame_Content_Size (ZSTD_decompressContinue "corruption_detected").
// fzstd does not verify the optional XXH64 Content_Checksum; layers are checked against their
// config's diff_id (SHA-256 of the uncompressed tar) instead, in layers.ts.
// Output is also bounded against the input read so far (see MAX_RATIO), and the stream keeps
// backpressure block by block: fzstd decodes one block per push, and a push that fills the
// readable side waits for the reader before the next block.
import { Transform, type TransformCallback } from 'node:stream';
import { Decompress } from 'fzstd';
import { ReadError } from './errors.js';
import { compressedBlockSize, type SequenceTables } from './zstd-sequences.js';

/** Frame magic 0xFD2FB528 little-endian, and the skippable frames' 0x184D2A50-0x184D2A5F (RFC 8878 3.1.1, 3.1.2). */
const MAGIC = 0xfd2fb528;
const SKIPPABLE = 0x184d2a50;
/** libzstd's default limit: ZSTD_MAXWINDOWSIZE_DEFAULT = (1 << 27) + 1 bytes (128 MiB + 1). */
export const MAX_WINDOW = 2 ** 27 + 1;
const BLOCK_SIZE_MAX = 128 * 1024;
/**
 * The output may pass neither 1032 bytes per compressed byte read so far plus 64 MiB. 1032:1 is
 * the most a deflate stream can expand (zlib's FAQ / tech notes: a 258-byte match in 2 bits), so a
 * layer within it is one gzip could have carried too; zstd's RLE blocks expand 4 bytes into
 * 128 KiB (32 768:1), which without a bound lets a few KiB of layer feed gigabytes to the tar
 * reader. The 64 MiB allowance lets a small layer hold a long run of one byte (a zero-filled file).
 * A layer beyond it (a file of hundreds of MB of zeros) is refused, saying so.
 */
export const MAX_RATIO = 1032;
export const RATIO_ALLOWANCE = 64 * 1024 * 1024;
/**
 * fzstd allocates a frame's window when the frame starts and moves the whole window at every block
 * (Decompress.push: copyWithin then set), so its work is the window size per block whatever the
 * block holds: a hostile stream of 1-byte blocks under a 128 MiB window would cost 128 MiB of
 * copying per 4 bytes read. The window bytes allocated and moved may pass neither 1024 times the
 * bytes decoded plus 1 GiB: the largest window allowed (128 MiB) costs 1024 over full 128 KiB
 * blocks, and libzstd's high levels split blocks (measured on a 113 MB tar: level 3 costs 16,
 * level 19, 8 MiB window, 106), so twice that. The allowance covers each frame's last block.
 */
export const MAX_MOVED_PER_BYTE = 2048;
export const MOVED_ALLOWANCE = 1024 * 1024 * 1024;

/** The first bytes are a zstd frame or a skippable frame (libzstd ZSTD_isFrame). */
export function isZstd(start: Uint8Array): boolean {
  if (start.length < 4) return false;
  const m = (start[0]! | (start[1]! << 8) | (start[2]! << 16) | (start[3]! << 24)) >>> 0;
  return m === MAGIC || (m & 0xfffffff0) >>> 0 === SKIPPABLE;
}

export interface FrameHeader {
  /** Header length in bytes, magic included. */
  size: number;
  window: number;
  /** Frame_Content_Size, when the header gives it. */
  contentSize?: number;
  checksum: boolean;
  dictionary: number;
}

const le = (d: Uint8Array, at: number, n: number): number => {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + d[at + i]!;
  return v;
};

/** Frame_Header (RFC 8878 3.1.1.1) of `d`, which holds at least the magic and the descriptor; undefined while more bytes are needed. */
export function frameHeader(d: Uint8Array): FrameHeader | undefined {
  const fhd = d[4]!;
  const single = (fhd >> 5) & 1;
  const fcsFlag = fhd >> 6;
  const fcsBytes = fcsFlag === 0 ? single : 1 << fcsFlag;
  const didBytes = [0, 1, 2, 4][fhd & 3]!;
  const size = 5 + frameSizeAfterDescriptor(fhd);
  if (d.length < size) return undefined;
  let at = 5;
  let window = 0;
  if (!single) {
    const wd = d[at++]!;
    const base = 2 ** (10 + (wd >> 3));
    window = base + (base / 8) * (wd & 7);
  }
  const dictionary = le(d, at, didBytes);
  at += didBytes;
  const contentSize = fcsBytes ? le(d, at, fcsBytes) + (fcsBytes === 2 ? 256 : 0) : undefined;
  if (single) window = contentSize!;
  return { size, window, checksum: ((fhd >> 2) & 1) === 1, dictionary, ...(contentSize !== undefined ? { contentSize } : {}) };
}

type Step = 'magic' | 'header' | 'skipSize' | 'skip' | 'blockHeader' | 'block' | 'checksum';

export class ZstdDecompress extends Transform {
  private step: Step = 'magic';
  /** Bytes of the unit being gathered (a header, a block with its 3-byte header, a checksum). */
  private parts: Uint8Array[] = [];
  private have = 0;
  private need = 4;
  private skipLeft = 0;
  private frame?: { header: FrameHeader; decoder: Decompress; blockMax: number; expected: number; tables: SequenceTables };
  private frameOut = 0;
  private lastBlock = false;
  private consumed = 0;
  private produced = 0;
  private frames = 0;
  /** Window bytes fzstd allocated and moved (see MAX_MOVED_PER_BYTE). */
  private moved = 0;
  private demand?: () => void;

  /** `what` names the layer in errors. */
  constructor(private readonly what: string) {
    super({ readableHighWaterMark: 256 * 1024 });
  }

  /** How many zstd frames were handed to fzstd (for tests: a refused header is never one of them). */
  get framesDecoded(): number {
    return this.frames;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.consume(chunk).then(() => done(), (e: unknown) => done(this.failure(e)));
  }

  override _flush(done: TransformCallback): void {
    if (this.step === 'magic' && this.have === 0 && this.consumed > 0) return done();
    done(this.failure(new ReadError(this.consumed === 0 ? 'it is empty: no zstd frame' : 'it ends inside a zstd frame (the stream is cut)')));
  }

  override _read(size: number): void {
    const resume = this.demand;
    this.demand = undefined;
    resume?.();
    super._read(size);
  }

  override _destroy(err: Error | null, done: (error?: Error | null) => void): void {
    this.frame = undefined;
    const resume = this.demand;
    this.demand = undefined;
    resume?.();
    done(err);
  }

  private failure(e: unknown): ReadError {
    const why = e instanceof Error ? e.message : String(e);
    return new ReadError(`${this.what} is not a readable zstd layer: ${why}`);
  }

  private async consume(chunk: Buffer): Promise<void> {
    let at = 0;
    while (at < chunk.length) {
      if (this.destroyed) return;
      if (this.step === 'skip') {
        const n = Math.min(this.skipLeft, chunk.length - at);
        this.skipLeft -= n;
        at += n;
        this.consumed += n;
        if (this.skipLeft === 0) this.expect('magic', 4);
        continue;
      }
      const n = Math.min(this.need - this.have, chunk.length - at);
      this.parts.push(chunk.subarray(at, at + n));
      this.have += n;
      at += n;
      this.consumed += n;
      if (this.have < this.need) continue;
      const unit = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.have);
      if (this.unit(unit) && this.readableLength >= this.readableHighWaterMark && !this.destroyed) {
        await new Promise<void>((resolve) => { this.demand = resolve; });
      }
    }
  }

  private expect(step: Step, need: number, keep = false): void {
    this.step = step;
    this.need = need;
    if (!keep) {
      this.parts = [];
      this.have = 0;
    }
  }

  /** Handles a complete unit; true when it pushed output. */
  private unit(d: Uint8Array): boolean {
    switch (this.step) {
      case 'magic': {
        if (!isZstd(d)) throw new ReadError('no zstd frame magic where a frame should start');
        if (d[0] === 0x28) this.expect('header', 5, true);
        else this.expect('skipSize', 8, true);
        return false;
      }
      case 'skipSize': {
        this.expect('skip', 0);
        this.skipLeft = le(d, 4, 4);
        if (this.skipLeft === 0) this.expect('magic', 4);
        return false;
      }
      case 'header': {
        const h = frameHeader(d);
        if (!h) {
          this.expect('header', 5 + (frameSizeAfterDescriptor(d[4]!)), true);
          return false;
        }
        this.startFrame(h, d);
        this.expect('blockHeader', 3);
        return false;
      }
      case 'blockHeader': {
        const b = d[0]! | (d[1]! << 8) | (d[2]! << 16);
        const type = (b >> 1) & 3;
        const size = b >> 3;
        this.lastBlock = (b & 1) === 1;
        if (type === 3) throw new ReadError('a block has the reserved block type 3');
        if (size > this.frame!.blockMax) throw new ReadError(`a block of ${size} bytes passes the frame's block maximum of ${this.frame!.blockMax}`);
        this.expect('block', 3 + (type === 1 ? 1 : size), true);
        if (this.need === 3) return this.block(d);
        return false;
      }
      case 'block':
        return this.block(d);
      case 'checksum':
        return this.endFrame(d);
      default:
        return false;
    }
  }

  private startFrame(h: FrameHeader, d: Uint8Array): void {
    if (h.dictionary !== 0) throw new ReadError(`a frame needs dictionary ${h.dictionary}, and layers come with none`);
    if (d[4]! & 8) throw new ReadError('a frame header sets its reserved bit');
    if (h.window > MAX_WINDOW) {
      throw new ReadError(`a frame asks for a ${h.window}-byte window, more than the ${MAX_WINDOW} bytes zstd decoders allow by default (128 MiB, zstd --long=27)`);
    }
    this.moved += h.window;
    this.checkMoved(0);
    const decoder = new Decompress((data) => {
      this.frameOut += data.length;
      this.produced += data.length;
      if (data.length) this.push(Buffer.from(data.buffer, data.byteOffset, data.length));
    });
    this.frames++;
    this.frameOut = 0;
    this.frame = { header: h, decoder, blockMax: Math.min(h.window, BLOCK_SIZE_MAX), expected: 0, tables: {} };
    decoder.push(d);
  }

  /** A complete block, its 3-byte header included. */
  private block(d: Uint8Array): boolean {
    const f = this.frame!;
    const type = (d[0]! >> 1) & 3;
    const size = type === 2 ? compressedBlockSize(d.subarray(3), f.blockMax, f.tables) : (d[0]! | (d[1]! << 8) | (d[2]! << 16)) >> 3;
    f.expected += size;
    if (f.header.contentSize !== undefined && f.expected > f.header.contentSize) {
      throw new ReadError(`a frame decodes to more than its Frame_Content_Size of ${f.header.contentSize} bytes`);
    }
    const before = this.produced;
    const total = this.produced + (f.expected - this.frameOut);
    if (total > MAX_RATIO * this.consumed + RATIO_ALLOWANCE) {
      throw new ReadError(`it decompresses to more than ${MAX_RATIO} times its ${this.consumed} compressed bytes read so far plus 64 MiB (a zstd bomb?)`);
    }
    this.moved += f.header.window;
    this.checkMoved(f.expected - this.frameOut);
    f.decoder.push(d);
    if (this.frameOut > f.expected) throw new ReadError('a block decodes to more than its sections say');
    if (!this.lastBlock) this.expect('blockHeader', 3);
    else if (f.header.checksum) this.expect('checksum', 4);
    else this.endFrame(undefined);
    return this.produced > before;
  }

  private checkMoved(pending: number): void {
    if (this.moved > MAX_MOVED_PER_BYTE * (this.produced + pending) + MOVED_ALLOWANCE) {
      throw new ReadError(`its frames' windows cost more than ${MAX_MOVED_PER_BYTE} bytes of copying per byte decoded plus 1 GiB (blocks far smaller than their window)`);
    }
  }

  private endFrame(checksum: Uint8Array | undefined): boolean {
    const f = this.frame!;
    const before = this.produced;
    if (checksum) f.decoder.push(checksum);
    f.decoder.push(new Uint8Array(0), true);
    if (this.frameOut !== f.expected) throw new ReadError(`a frame decoded to ${this.frameOut} bytes where its blocks say ${f.expected}`);
    if (f.header.contentSize !== undefined && this.frameOut !== f.header.contentSize) {
      throw new ReadError(`a frame decoded to ${this.frameOut} bytes, not its Frame_Content_Size of ${f.header.contentSize}`);
    }
    this.frame = undefined;
    this.expect('magic', 4);
    return this.produced > before;
  }
}

/** Frame_Header bytes after the magic and the descriptor (RFC 8878 3.1.1.1). */
function frameSizeAfterDescriptor(fhd: number): number {
  const single = (fhd >> 5) & 1;
  const fcsFlag = fhd >> 6;
  return (single ? 0 : 1) + [0, 1, 2, 4][fhd & 3]! + (fcsFlag === 0 ? single : 1 << fcsFlag);
}
