import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBuildInfo, GoScanner } from './go-buildinfo.js';

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
// cmd/go/internal/modload: the sentinels around the module info
const START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const END = Buffer.from('f932433186182072008242104116d8f2', 'hex');

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}
const str = (b: Buffer): Buffer => Buffer.concat([varint(b.length), b]);

function header(flags = 2, ptr = 8): Buffer {
  const h = Buffer.alloc(32);
  MAGIC.copy(h, 0);
  h[14] = ptr;
  h[15] = flags;
  return h;
}

const MOD = 'path\texample.com/app\nmod\texample.com/app\t(devel)\t\ndep\tgolang.org/x/text\tv0.3.7\th1:x=\n';
function buildInfo(version = 'go1.22.3', mod = MOD): Buffer {
  return Buffer.concat([header(), str(Buffer.from(version)), str(Buffer.concat([START, Buffer.from(mod), END]))]);
}

/** An ELF file with the build info at `at` (a multiple of 16 unless testing), filler around it. */
function elf(info: Buffer, at = 4096, before: Buffer = Buffer.alloc(0)): Buffer {
  const file = Buffer.alloc(at + info.length + 3000, 0x41);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46]).copy(file, 0);
  before.copy(file, 64);
  info.copy(file, at);
  return file;
}

function scan(file: Buffer, chunk: number): ReturnType<GoScanner['result'] extends infer R ? () => R : never> {
  const s = new GoScanner();
  for (let i = 0; i < file.length; i += chunk) s.push(file.subarray(i, i + chunk));
  return s.result;
}

describe('Go build info', () => {
  it('decodes the inline header: version and module info without sentinels', () => {
    assert.deepEqual(decodeBuildInfo(buildInfo()), { goVersion: 'go1.22.3', modinfo: MOD });
    assert.equal(decodeBuildInfo(buildInfo().subarray(0, 40)), 'incomplete');
    assert.equal(decodeBuildInfo(Buffer.concat([header(0), Buffer.alloc(32)])), 'invalid', 'pre-1.18 pointer form');
    assert.equal(decodeBuildInfo(Buffer.concat([header(2, 5), Buffer.alloc(32)])), 'invalid');
    // module info too short or without the newline before the end sentinel: Go reads it as ""
    assert.deepEqual(decodeBuildInfo(Buffer.concat([header(), str(Buffer.from('go1.20')), str(Buffer.from('short'))])), { goVersion: 'go1.20', modinfo: '' });
  });

  it('finds it while streaming, whatever the chunk size', () => {
    const file = elf(buildInfo());
    for (const chunk of [1, 7, 13, 16, 100, 4096, 65536, file.length]) {
      assert.deepEqual(scan(file, chunk), { goVersion: 'go1.22.3', modinfo: MOD }, `chunks of ${chunk}`);
    }
  });

  it('skips the magic at an unaligned offset, and an aligned one that does not decode (a string in rodata)', () => {
    assert.equal(scan(elf(buildInfo(), 4099), 512), undefined);
    const decoy = Buffer.concat([MAGIC, Buffer.from([0x41, 0x41])]);
    const file = elf(buildInfo(), 8192, Buffer.concat([Buffer.alloc(64 - 64), decoy]));
    decoy.copy(file, 1024); // aligned decoy before the real header
    assert.deepEqual(scan(file, 333), { goVersion: 'go1.22.3', modinfo: MOD });
  });

  it('ignores files that are not ELF', () => {
    const file = elf(buildInfo());
    file[0] = 0;
    assert.equal(scan(file, 1000), undefined);
  });
});
