// The decoded size of a zstd Compressed_Block, read from its literals and sequences sections
// without running them (RFC 8878 section 3.1.1.3 and section 4.1 for the FSE tables). fzstd
// (0.1.1) copies every sequence's literals and match without checking that they fit the block:
// a hostile block of 128 KiB can ask for 65 000 matches of 65 539+ bytes and keeps it busy for
// minutes (measured: 124 s for one block). libzstd refuses such a block (zstd_decompress_block.c,
// ZSTD_execSequence: a sequence must end inside the block's output, its literals inside the
// literals section; ZSTD_decompressSequences: the bitstream must be read exactly to its start).
// This walk enforces the same before fzstd sees the block, so fzstd never does more than
// Block_Maximum_Size bytes of copying per block. The walk costs a few table look-ups per sequence.
import { ReadError } from './errors.js';

interface FseTable {
  log: number;
  symbol: Uint8Array;
  bits: Uint8Array;
  base: Uint16Array;
}

/** Extra bits of the literals-length codes 0-35 and the match-length codes 0-52 (RFC 8878 3.1.1.3.2.1.1). */
const LL_BITS = [...new Array<number>(16).fill(0), 1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
const ML_BITS = [...new Array<number>(32).fill(0), 1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
/** Each code's baseline is the previous code's baseline plus 2^its extra bits: LL from 0, ML from 3. */
const baselines = (bits: number[], first: number): number[] => {
  const out: number[] = [];
  for (const b of bits) {
    out.push(first);
    first += 1 << b;
  }
  return out;
};
const LL_BASE = baselines(LL_BITS, 0);
const ML_BASE = baselines(ML_BITS, 3);
const MAX_LL = 35;
const MAX_ML = 52;
const MAX_OF = 31;

const fail = (why: string): never => {
  throw new ReadError(why);
};

const highBit = (v: number): number => 31 - Math.clz32(v);

/** FSE decoding table from a normalized distribution (RFC 8878 4.1.1, "From normalized distribution to decoding tables"). */
function buildTable(norm: number[], log: number): FseTable {
  const size = 1 << log;
  const symbol = new Uint8Array(size);
  const bits = new Uint8Array(size);
  const base = new Uint16Array(size);
  const next = new Array<number>(norm.length).fill(0);
  let high = size - 1;
  norm.forEach((p, s) => {
    if (p === -1) {
      symbol[high--] = s;
      next[s] = 1;
    } else next[s] = p;
  });
  const step = (size >> 1) + (size >> 3) + 3;
  let pos = 0;
  norm.forEach((p, s) => {
    for (let i = 0; i < p; i++) {
      symbol[pos] = s;
      do pos = (pos + step) & (size - 1); while (pos > high);
    }
  });
  if (pos !== 0) fail('an FSE table does not fill its states');
  for (let i = 0; i < size; i++) {
    const x = next[symbol[i]!]!++;
    bits[i] = log - highBit(x);
    base[i] = (x << bits[i]!) - size;
  }
  return { log, symbol, bits, base };
}

/** The predefined distributions (RFC 8878 3.1.1.3.2.2). */
const PREDEFINED = {
  ll: buildTable([4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1, -1, -1, -1, -1], 6),
  of: buildTable([1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1], 5),
  ml: buildTable([1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1], 6),
};

/** An FSE table description (RFC 8878 4.1.1): returns the table and the byte after the description. */
function readTable(d: Uint8Array, at: number, end: number, maxLog: number, maxSymbol: number): [FseTable, number] {
  if (at >= end) fail('an FSE table description is cut');
  const log = (d[at]! & 15) + 5;
  if (log > maxLog) fail(`an FSE table's accuracy log ${log} is above ${maxLog}`);
  let bit = at * 8 + 4;
  const peek = (): number => ((d[bit >> 3] ?? 0) | ((d[(bit >> 3) + 1] ?? 0) << 8) | ((d[(bit >> 3) + 2] ?? 0) << 16)) >>> (bit & 7);
  let remaining = 1 << log;
  const norm: number[] = [];
  while (remaining > 0) {
    if (norm.length > maxSymbol) fail('an FSE table has too many symbols');
    const max = remaining + 1;
    const nbBits = highBit(max) + 1;
    const low = (1 << nbBits) - 1 - max;
    const v = peek() & ((1 << nbBits) - 1);
    let value: number;
    if ((v & ((1 << (nbBits - 1)) - 1)) < low) {
      value = v & ((1 << (nbBits - 1)) - 1);
      bit += nbBits - 1;
    } else {
      value = v >= 1 << (nbBits - 1) ? v - low : v;
      bit += nbBits;
    }
    const p = value - 1;
    norm.push(p);
    remaining -= p === -1 ? 1 : p;
    if (p === 0) {
      for (;;) {
        const repeat = peek() & 3;
        bit += 2;
        for (let i = 0; i < repeat; i++) norm.push(0);
        if (repeat !== 3) break;
        if (norm.length > maxSymbol + 1) fail('an FSE table has too many symbols');
      }
    }
    if ((bit + 7) >> 3 > end) fail('an FSE table description is cut');
  }
  if (remaining < 0 || norm.length > maxSymbol + 1) fail('an FSE table description is invalid');
  return [buildTable(norm, log), (bit + 7) >> 3];
}

/** The tables a later block may repeat (Repeat_Mode): per frame. */
export interface SequenceTables {
  ll?: FseTable;
  of?: FseTable;
  ml?: FseTable;
}

/** Literals_Section_Header (RFC 8878 3.1.1.3.1.1): regenerated size and where the sequences section starts. */
function literals(d: Uint8Array): { size: number; end: number } {
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0] = d;
  const type = b0 & 3;
  const format = (b0 >> 2) & 3;
  if (type < 2) {
    const [size, header] = format === 1 ? [(b0 >> 4) | (b1 << 4), 2] : format === 3 ? [(b0 >> 4) | (b1 << 4) | (b2 << 12), 3] : [b0 >> 3, 1];
    return { size, end: header + (type === 0 ? size : 1) };
  }
  const [size, compressed, header] = format < 2 ? [(b0 >> 4) | ((b1 & 63) << 4), (b1 >> 6) | (b2 << 2), 3]
    : format === 2 ? [(b0 >> 4) | (b1 << 4) | ((b2 & 3) << 12), (b2 >> 2) | (b3 << 6), 4]
      : [(b0 >> 4) | (b1 << 4) | ((b2 & 63) << 12), (b2 >> 6) | (b3 << 2) | (b4 << 10), 5];
  return { size, end: header + compressed };
}

/**
 * The number of bytes a Compressed_Block (its content, after the 3-byte block header) decodes to.
 * Throws a ReadError when it would pass `blockMax`, when a sequence takes more literals than the
 * literals section has, or when the sections are malformed.
 */
export function compressedBlockSize(d: Uint8Array, blockMax: number, tables: SequenceTables): number {
  const lit = literals(d);
  if (lit.end > d.length) fail('a block\'s literals section is cut');
  if (lit.size > blockMax) fail(`a block's literals (${lit.size} bytes) pass the block maximum of ${blockMax}`);
  let at = lit.end;
  if (at >= d.length) fail('a block has no sequences section');
  // Number_of_Sequences (RFC 8878 3.1.1.3.2.1)
  const b0 = d[at++]!;
  let count = b0;
  if (b0 === 0) {
    if (at !== d.length) fail('a block without sequences has bytes after its sequences header');
    return lit.size;
  }
  if (b0 === 255) {
    count = (d[at]! | (d[at + 1]! << 8)) + 0x7f00;
    at += 2;
  } else if (b0 >= 128) count = ((b0 - 128) << 8) | d[at++]!;
  if (at >= d.length) fail('a block\'s sequences header is cut');
  const modes = d[at++]!;
  if (modes & 3) fail('a block\'s sequence compression modes set reserved bits');
  const table = (mode: number, kind: 'll' | 'of' | 'ml', maxLog: number, maxSymbol: number): FseTable => {
    if (mode === 0) return PREDEFINED[kind];
    if (mode === 1) {
      if (at >= d.length) fail('a block\'s sequences header is cut');
      return { log: 0, symbol: Uint8Array.of(d[at++]!), bits: Uint8Array.of(0), base: Uint16Array.of(0) };
    }
    if (mode === 2) {
      const [t, next] = readTable(d, at, d.length, maxLog, maxSymbol);
      at = next;
      return t;
    }
    return tables[kind] ?? fail('a block repeats a sequence table no earlier block of its frame defined');
  };
  // Literals_Lengths, Offsets, Match_Lengths: modes in bits 7-6, 5-4, 3-2, tables in that order
  const ll = table(modes >> 6, 'll', 9, MAX_LL);
  const of = table((modes >> 4) & 3, 'of', 8, MAX_OF);
  const ml = table((modes >> 2) & 3, 'ml', 9, MAX_ML);
  Object.assign(tables, { ll, of, ml });
  // The bitstream is read backwards from its last byte, whose highest set bit marks its end (RFC 8878 4.1).
  if (at >= d.length || d[d.length - 1] === 0) fail('a block\'s sequences bitstream is empty or not terminated');
  const start = at * 8;
  let bit = (d.length - 1) * 8 + highBit(d[d.length - 1]!);
  const read = (n: number): number => {
    bit -= n;
    if (bit < start) fail('a block\'s sequences bitstream is read past its start');
    if (n === 0) return 0;
    const c = bit >> 3;
    return (((d[c]! | (d[c + 1]! << 8) | ((d[c + 2] ?? 0) << 16)) >>> (bit & 7)) & ((1 << n) - 1));
  };
  let llState = read(ll.log);
  let ofState = read(of.log);
  let mlState = read(ml.log);
  let literalBytes = 0;
  let size = lit.size;
  for (let k = 0; k < count; k++) {
    const llCode = ll.symbol[llState]!;
    const ofCode = of.symbol[ofState]!;
    const mlCode = ml.symbol[mlState]!;
    if (llCode > MAX_LL || mlCode > MAX_ML || ofCode > MAX_OF) fail('a sequence has a code out of range');
    // Offset extra bits first (they decide no size: skipped), then match length, then literals length.
    bit -= ofCode;
    if (bit < start) fail('a block\'s sequences bitstream is read past its start');
    // fzstd reads an offset's extra bits from one 32-bit word shifted by the bit position, and
    // 1 << 31 is negative in JavaScript: past that it decodes a wrong offset, silently (seen on
    // zstd --long=27 and --ultra -22 output). Such a match reaches back more than 64 MiB.
    if (ofCode > 30 || (bit & 7) + ofCode > 32) fail(`a match reaches back more than 64 MiB (offset code ${ofCode}), which fzstd 0.1.1 cannot decode`);
    size += ML_BASE[mlCode]! + read(ML_BITS[mlCode]!);
    literalBytes += LL_BASE[llCode]! + read(LL_BITS[llCode]!);
    if (literalBytes > lit.size) fail('a block\'s sequences take more literals than its literals section holds');
    if (size > blockMax) fail(`a block's sequences pass the block maximum of ${blockMax} bytes`);
    if (k + 1 < count) {
      // states update in the order literals length, match length, offset; not after the last sequence
      llState = ll.base[llState]! + read(ll.bits[llState]!);
      mlState = ml.base[mlState]! + read(ml.bits[mlState]!);
      ofState = of.base[ofState]! + read(of.bits[ofState]!);
    }
  }
  if (bit !== start) fail('a block\'s sequences bitstream is not read to its start');
  return size;
}
