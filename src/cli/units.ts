// Durations and sizes given on the command line (`palisade cache prune --older-than 30d
// --max-size 2GiB`), parsed strictly: a number without sign or exponent, one unit from a closed
// list, nothing else. Sizes follow IEC 80000-13 (KiB = 1024 bytes) and SI (KB = 1000 bytes), as
// `du --si` and Docker's units do; a plain number is bytes. A duration needs its unit: "30" could
// be seconds or days.
import { UsageError } from '../model/errors.js';
import { escapeControls } from '../report/safe-text.js';

const SECOND = 1000;
const DURATION_UNITS: Record<string, number> = { s: SECOND, m: 60 * SECOND, h: 3600 * SECOND, d: 86_400 * SECOND, w: 7 * 86_400 * SECOND };
const SIZE_UNITS: Record<string, number> = {
  B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40,
  KB: 1e3, MB: 1e6, GB: 1e9,
};

// digits, then at most one fraction; no sign, exponent, separators or spaces
const DURATION = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/;
const SIZE = /^(\d+(?:\.\d+)?)(B|KiB|MiB|GiB|TiB|KB|MB|GB)?$/;
const MAX_SHOWN = 80;

/** The value as it may appear in an error: at most 80 characters, control characters escaped. */
function shown(value: string): string {
  const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  return escapeControls(cut);
}

/** `30d`, `12h`, `90m`, `45s`, `2w`, `1.5d` → milliseconds. */
export function parseDuration(flag: string, value: string): number {
  const m = DURATION.exec(value);
  if (!m) throw new UsageError(`${flag}: "${shown(value)}" is not a duration: a number and one unit of s, m, h, d or w (e.g. 30d, 12h)`);
  const ms = Math.round(Number(m[1]) * DURATION_UNITS[m[2]!]!);
  if (!Number.isSafeInteger(ms)) throw new UsageError(`${flag}: "${shown(value)}" is too long a duration`);
  return ms;
}

/** `500MiB`, `2GiB`, `1.5GB`, `1048576` (bytes) → bytes, rounded down. */
export function parseSize(flag: string, value: string): number {
  const m = SIZE.exec(value);
  // a fraction of a byte means nothing: "1.5" and "1.5B" are refused, "1.5KiB" is 1536 bytes
  if (!m || ((m[2] ?? 'B') === 'B' && m[1]!.includes('.'))) {
    throw new UsageError(`${flag}: "${shown(value)}" is not a size: a whole number of bytes, or a number and one unit of B, KiB, MiB, GiB, TiB, KB, MB or GB (e.g. 500MiB, 2GiB)`);
  }
  const bytes = Math.floor(Number(m[1]) * SIZE_UNITS[m[2] ?? 'B']!);
  if (!Number.isSafeInteger(bytes)) throw new UsageError(`${flag}: "${shown(value)}" is too large a size`);
  return bytes;
}

/** Bytes for a person: `1.2 GiB`, `340 KiB`, `17 B` (binary units, one decimal under 10). */
export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  if (i === 0) return `${bytes} B`;
  return `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[i]}`;
}
