// zstd frames written by hand for tests, after RFC 8878: frame headers (3.1.1.1), Raw and RLE
// blocks (3.1.1.2), skippable frames (3.1.2), and a plain encoder that turns runs of one byte into
// RLE blocks and the rest into Raw blocks, so that a tar can be carried without a compressor.

/** Block_Header: Last_Block bit 0, Block_Type bits 1-2, Block_Size bits 3-23, little-endian. */
export function blockHeader(last: boolean, type: 0 | 1 | 2 | 3, size: number): Buffer {
  const v = (last ? 1 : 0) | (type << 1) | (size << 3);
  return Buffer.from([v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff]);
}

export const rawBlock = (data: Uint8Array, last = false): Buffer => Buffer.concat([blockHeader(last, 0, data.length), data]);
export const rleBlock = (byte: number, size: number, last = false): Buffer => Buffer.concat([blockHeader(last, 1, size), Buffer.of(byte)]);

export interface HeaderOptions {
  /** Window_Descriptor byte (Exponent << 3 | Mantissa); default 0x50, a 1 MiB window. */
  windowDescriptor?: number;
  /** Single_Segment_flag with this Frame_Content_Size (its field is 8 bytes when `fcsBytes` says so). */
  contentSize?: number;
  fcsBytes?: 1 | 2 | 4 | 8;
  checksum?: boolean;
  dictionary?: number;
  reservedBit?: boolean;
}

/** Magic and Frame_Header. */
export function frameHeader(o: HeaderOptions = {}): Buffer {
  const single = o.contentSize !== undefined;
  const fcsBytes = single ? o.fcsBytes ?? 8 : 0;
  const fcsFlag = { 0: 0, 1: 0, 2: 1, 4: 2, 8: 3 }[fcsBytes]!;
  const didFlag = o.dictionary ? 3 : 0;
  const fhd = (fcsFlag << 6) | (single ? 1 << 5 : 0) | (o.reservedBit ? 8 : 0) | (o.checksum ? 4 : 0) | didFlag;
  const parts = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, fhd])];
  if (!single) parts.push(Buffer.of(o.windowDescriptor ?? 0x50));
  if (didFlag) {
    const d = Buffer.alloc(4);
    d.writeUInt32LE(o.dictionary!);
    parts.push(d);
  }
  if (single) {
    const f = Buffer.alloc(fcsBytes);
    const v = fcsBytes === 2 ? o.contentSize! - 256 : o.contentSize!;
    for (let i = 0; i < fcsBytes; i++) f[i] = Math.floor(v / 2 ** (8 * i)) & 0xff;
    parts.push(f);
  }
  return Buffer.concat(parts);
}

/** A skippable frame (magic 0x184D2A5N, a 4-byte size, that many bytes). */
export function skippableFrame(content: Uint8Array, nibble = 0): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32LE(0x184d2a50 + nibble, 0);
  h.writeUInt32LE(content.length, 4);
  return Buffer.concat([h, content]);
}

/** Blocks for `data`: runs of 16 or more equal bytes as RLE blocks, the rest as Raw blocks, each at most `max` bytes. */
export function blocks(data: Uint8Array, max = 128 * 1024): Buffer[] {
  const out: Buffer[] = [];
  let raw = 0;
  let i = 0;
  const flushRaw = (end: number): void => {
    for (let s = raw; s < end; s += max) out.push(rawBlock(data.subarray(s, Math.min(end, s + max))));
  };
  while (i < data.length) {
    let j = i;
    while (j < data.length && data[j] === data[i]) j++;
    if (j - i >= 16) {
      flushRaw(i);
      for (let s = i; s < j; s += max) out.push(rleBlock(data[i]!, Math.min(max, j - s)));
      raw = j;
    }
    i = j;
  }
  flushRaw(data.length);
  if (out.length === 0) out.push(rawBlock(new Uint8Array(0)));
  // mark the last block
  const last = out[out.length - 1]!;
  last[0] = last[0]! | 1;
  return out;
}

/** One frame holding `data` (Raw and RLE blocks), with a made-up checksum when asked (fzstd does not check it). */
export function frame(data: Uint8Array, o: HeaderOptions = {}): Buffer {
  return Buffer.concat([frameHeader(o), ...blocks(data), ...(o.checksum ? [Buffer.from([1, 2, 3, 4])] : [])]);
}
