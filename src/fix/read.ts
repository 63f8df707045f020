// Reading a file `fix` is about to edit: the text to edit, and the exact bytes, which the file must
// still hold when the edited text replaces it (write.ts).
import fs from 'node:fs';

export interface ReadText {
  text: string;
  bom: boolean;
  bytes: Buffer;
}

// O_NONBLOCK: a FIFO put in the file's place must not make the open wait forever
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** `file` is a real path: a symlink there now was put there after the scan resolved it. */
export function readForFix(file: string): ReadText | { refused: string } {
  let bytes: Buffer;
  try {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | NOFOLLOW | NONBLOCK);
    try {
      if (!fs.fstatSync(fd).isFile()) return { refused: 'it is no longer a regular file; not edited' };
      bytes = fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { refused: 'it was replaced by a symlink after the scan; not edited' };
    return { refused: `cannot read it again: ${code ?? String(e)}` };
  }
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    return { refused: 'the file is UTF-16; convert it to UTF-8 to fix it automatically' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { refused: 'the file is not valid UTF-8; not edited' };
  }
  const bom = text.startsWith('\uFEFF');
  return { text: bom ? text.slice(1) : text, bom, bytes };
}
