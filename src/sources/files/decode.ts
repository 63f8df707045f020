// Bytes → text, refusing what is not text: binary files, files over the size limit, and invalid
// UTF-8 (reported at its line; the documents around it are still read).
import { isUtf8 } from 'node:buffer';

export type Decoded =
  | { text: string; invalidAt: number[] }
  | { refused: string };

const REPLACEMENT = '\uFFFD';

export function decode(buf: Buffer): Decoded {
  const probe = buf.subarray(0, 8000);
  if (probe.includes(0)) return { refused: 'binary file (contains NUL bytes); not scanned' };
  let start = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3; // UTF-8 byte order mark
  const body = buf.subarray(start);
  const text = body.toString('utf8');
  if (isUtf8(body)) return { text, invalidAt: [] };
  // Every U+FFFD that is not literally in the input marks an invalid byte sequence.
  if (body.includes(Buffer.from(REPLACEMENT, 'utf8'))) {
    return { refused: 'invalid UTF-8 (and literal U+FFFD characters make its place ambiguous); not scanned' };
  }
  const invalidAt: number[] = [];
  for (let i = text.indexOf(REPLACEMENT); i >= 0; i = text.indexOf(REPLACEMENT, i + 1)) invalidAt.push(i);
  return { text, invalidAt };
}
