// Times zstd against gzip layers: `node bench/zstd-layer.mjs LAYER.tar` (after `npm run build`).
// Compresses the tar with the zstd and gzip programs (defaults: zstd -3, gzip -6), then reports
// (1) decompression alone through dist's ZstdDecompress and through zlib's gunzip, and (2) the whole
// applyLayers (tar reading, whiteouts, Go build-info scan of every ELF file) on each, best of 3.
// Make a ~100 MB tar of /usr with e.g.:
//   tar -C / -cf /tmp/usr.tar usr/bin usr/sbin usr/libexec
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { applyLayers } from '../dist/sources/image/layers.js';
import { ZstdDecompress } from '../dist/sources/image/zstd.js';

const tar = process.argv[2];
if (!tar) throw new Error('usage: node bench/zstd-layer.mjs LAYER.tar');
const dir = fs.mkdtempSync(path.join(path.dirname(tar), 'zstd-bench-'));
const zst = path.join(dir, 'layer.tar.zst');
const gz = path.join(dir, 'layer.tar.gz');
execFileSync('zstd', ['-q', '-3', '-f', tar, '-o', zst]);
fs.writeFileSync(gz, execFileSync('gzip', ['-6', '-c', tar], { maxBuffer: 2 ** 31 }));
const mb = (n) => (n / 1e6).toFixed(1);
console.log(`tar ${mb(fs.statSync(tar).size)} MB, zstd -3 ${mb(fs.statSync(zst).size)} MB, gzip -6 ${mb(fs.statSync(gz).size)} MB`);

async function best(label, run) {
  let ms = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await run();
    ms = Math.min(ms, performance.now() - t);
  }
  console.log(`${label}: ${ms.toFixed(0)} ms (${mb(fs.statSync(tar).size / (ms / 1000))} MB/s of tar)`);
}

const drain = async (src) => {
  for await (const _ of src);
};
await best('decompress zstd (fzstd + frame walk)', () => pipeline(fs.createReadStream(zst), new ZstdDecompress('bench'), drain));
await best('decompress gzip (zlib)', () => pipeline(fs.createReadStream(gz), createGunzip(), drain));
const layer = (file, mediaType) => [{ ref: { index: 0, digest: 'sha256:bench' }, mediaType, open: async () => fs.createReadStream(file) }];
const opts = { wants: (p) => p.endsWith('/status') || p.endsWith('package.json'), warn: () => undefined };
await best('applyLayers zstd', () => applyLayers(layer(zst, 'application/vnd.oci.image.layer.v1.tar+zstd'), opts));
await best('applyLayers gzip', () => applyLayers(layer(gz, 'application/vnd.oci.image.layer.v1.tar+gzip'), opts));
fs.rmSync(dir, { recursive: true, force: true });
