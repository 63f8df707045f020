// Finds the build information the Go linker embeds in a binary, while the binary streams past:
// nothing of it is held but the bytes after the header. The format is Go's debug/buildinfo
// (src/debug/buildinfo/buildinfo.go, Go 1.18+ "inline" form):
//   a 32-byte header starting "\xff Go buildinf:" (14 bytes), then the pointer size (1 byte) and
//   flags (1 byte; 0x2 = strings inline), padded to 32; then two strings, each an unsigned varint
//   length and the bytes: the Go version ("go1.22.3") and the module info, which the go command
//   wraps in 16-byte sentinels (cmd/go/internal/modload/build.go infoStart/infoEnd) that
//   debug/buildinfo strips when the text before the end sentinel ends in "\n".
// debug/buildinfo searches from the start of the data section, at 16-byte alignment. A stream has
// no sections, so the search runs over the whole file at 16-byte file offsets (the data segment
// of a Go ELF binary is page aligned) and a candidate whose header or strings do not decode is
// skipped: the magic also appears as a string in binaries that import debug/buildinfo.
// Binaries built before Go 1.18 (pointer form, flags without 0x2) are not decoded.

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER = 32;
const ALIGN = 16;
const FLAGS_INLINE = 0x2;
const MAX_VERSION = 1024;
const MAX_MODINFO = 4 * 1024 * 1024;
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

export interface GoBuildInfo {
  goVersion: string;
  /** The module info text (path/mod/dep/=>/build lines), sentinels removed; '' when the binary has none. */
  modinfo: string;
}

function uvarint(buf: Buffer, at: number): [value: number, next: number] | undefined {
  let value = 0;
  let shift = 0;
  for (let i = at; i < buf.length && i < at + 10; i++) {
    const b = buf[i]!;
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, i + 1];
    shift += 7;
  }
  return undefined;
}

type Decoded = GoBuildInfo | 'incomplete' | 'invalid';

/** Decodes the header and the two strings at the start of `buf` (which starts with the magic). */
export function decodeBuildInfo(buf: Buffer): Decoded {
  if (buf.length < HEADER) return 'incomplete';
  const ptrSize = buf[14]!;
  const flags = buf[15]!;
  if (ptrSize !== 4 && ptrSize !== 8) return 'invalid';
  if ((flags & FLAGS_INLINE) === 0) return 'invalid';
  const v = uvarint(buf, HEADER);
  if (!v) return buf.length < HEADER + 10 ? 'incomplete' : 'invalid';
  const [vlen, vstart] = v;
  if (vlen > MAX_VERSION) return 'invalid';
  if (buf.length < vstart + vlen) return 'incomplete';
  const goVersion = buf.subarray(vstart, vstart + vlen).toString('utf8');
  if (!/^(go1|devel )/.test(goVersion)) return 'invalid';
  const m = uvarint(buf, vstart + vlen);
  if (!m) return buf.length < vstart + vlen + 10 ? 'incomplete' : 'invalid';
  const [mlen, mstart] = m;
  if (mlen > MAX_MODINFO) return 'invalid';
  if (buf.length < mstart + mlen) return 'incomplete';
  let mod = buf.subarray(mstart, mstart + mlen).toString('utf8');
  // debug/buildinfo: if len(mod) >= 33 && mod[len(mod)-17] == '\n' { mod = mod[16 : len(mod)-16] } else { mod = "" }
  mod = mod.length >= 33 && mod[mod.length - 17] === '\n' ? mod.slice(16, mod.length - 16) : '';
  return { goVersion, modinfo: mod };
}

/** Fed a file chunk by chunk; `result` is the build info once found. Stops looking after a find or when the file is not ELF. */
export class GoScanner {
  result: GoBuildInfo | undefined;
  private done = false;
  private offset = 0; // file offset of carry[0]
  private carry = Buffer.alloc(0);
  private collecting: Buffer | undefined;
  private collectingAt = 0;

  private head: Buffer | undefined = Buffer.alloc(0);

  push(data: Buffer): void {
    if (this.done) return;
    let chunk = data;
    if (this.head) {
      // the first four bytes decide: only ELF files are searched
      this.head = Buffer.concat([this.head, data]);
      if (this.head.length < ELF.length) return;
      if (!this.head.subarray(0, ELF.length).equals(ELF)) {
        this.done = true;
        return;
      }
      chunk = this.head;
      this.head = undefined;
    }
    if (this.collecting) {
      this.collecting = Buffer.concat([this.collecting, chunk]);
      this.tryDecode();
      return;
    }
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let from = 0;
    for (;;) {
      const i = buf.indexOf(MAGIC, from);
      if (i < 0) break;
      if ((this.offset + i) % ALIGN === 0) {
        this.collecting = buf.subarray(i);
        this.collectingAt = this.offset + i;
        this.tryDecode();
        return;
      }
      from = i + 1;
    }
    const keep = Math.min(buf.length, MAGIC.length - 1);
    this.offset += buf.length - keep;
    this.carry = Buffer.from(buf.subarray(buf.length - keep));
  }

  private tryDecode(): void {
    const buf = this.collecting!;
    const d = decodeBuildInfo(buf);
    if (d === 'incomplete') return;
    if (d !== 'invalid') {
      this.result = d;
      this.done = true;
      return;
    }
    // Not a header: search again after this candidate.
    const rest = buf.subarray(1);
    const at = this.collectingAt + 1;
    this.collecting = undefined;
    this.carry = Buffer.alloc(0);
    this.offset = at;
    this.push(rest);
  }
}
