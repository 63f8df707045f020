// Replacing a file with its edited text, safe in a tree others can write to and against a
// concurrent writer:
// - the temporary file is created new (O_CREAT|O_EXCL, never through a symlink) under a random
//   name in the file's own directory: a link or file planted at a name Palisade would use cannot
//   redirect the write, and the rename stays on one file system;
// - the target must still be a regular file, not a symlink, in the directory the scan resolved;
// - it is written and fsynced, then renamed over the target, so a reader sees the old text or the
//   new one, never half; the file's mode (and owner, when allowed) are kept;
// - just before the rename the target's bytes are compared with those the edit was made from: a
//   change made meanwhile (an editor, an append) is not overwritten. A write landing in the few
//   microseconds between that check and the rename cannot be seen by any rename-based writer.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const CHANGED = 'changed while fixing; not written, run fix again';

export type WriteOutcome = { written: true } | { written: false; reason: string };

// O_NONBLOCK: a FIFO put in the file's place must not make the open wait forever
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** Replaces `file` (a real path) with `text`, if it still holds `expected`. Never throws. */
export function replaceFile(file: string, expected: Buffer, text: string): WriteOutcome {
  const dir = path.dirname(file);
  let tmp: string | undefined;
  let step = 'check';
  try {
    const moved = movedAway(file);
    if (moved) return { written: false, reason: moved };
    const st = fs.statSync(file);
    if (!sameBytes(file, expected)) return { written: false, reason: CHANGED };
    step = 'file';
    fs.accessSync(file, fs.constants.W_OK); // a read-only file stays as it is, even for a rename
    step = 'directory';
    const created = createTemp(dir, path.basename(file));
    tmp = created.path;
    step = 'write';
    try {
      keepOwner(created.fd, st);
      fs.fchmodSync(created.fd, st.mode & 0o7777);
      writeAll(created.fd, Buffer.from(text, 'utf8'));
      fs.fsyncSync(created.fd);
    } finally {
      fs.closeSync(created.fd);
    }
    step = 'check';
    const movedNow = movedAway(file);
    if (movedNow) return { written: false, reason: movedNow };
    if (!sameBytes(file, expected)) return { written: false, reason: CHANGED };
    step = 'rename';
    fs.renameSync(tmp, file);
    tmp = undefined;
    syncDirectory(dir);
    return { written: true };
  } catch (e) {
    return { written: false, reason: whyNot(e as NodeJS.ErrnoException, step) };
  } finally {
    if (tmp) {
      try {
        fs.unlinkSync(tmp);
      } catch {
        // already gone
      }
    }
  }
}

/** Why the file may not be replaced any more: a symlink now, or a directory above it swapped. */
function movedAway(file: string): string | undefined {
  const dir = path.dirname(file);
  if (fs.realpathSync(dir) !== dir) return 'a directory on its path is now a symlink';
  const st = fs.lstatSync(file);
  if (st.isSymbolicLink()) return 'it was replaced by a symlink while fixing';
  if (!st.isFile()) return 'it is no longer a regular file';
  return undefined;
}

/** Whether the file holds exactly `expected`; a file removed meanwhile does not. */
function sameBytes(file: string, expected: Buffer): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP') return false;
    throw e;
  }
  try {
    const st = fs.fstatSync(fd);
    return st.isFile() && st.size === expected.length && fs.readFileSync(fd).equals(expected);
  } finally {
    fs.closeSync(fd);
  }
}

/** A new file beside the target, under a name no one can guess, created only if nothing is there. */
function createTemp(dir: string, base: string): { path: string; fd: number } {
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW;
  for (let attempt = 0; ; attempt++) {
    const tmp = path.join(dir, `.${base}.palisade-fix-${crypto.randomBytes(12).toString('hex')}`);
    try {
      return { path: tmp, fd: fs.openSync(tmp, flags, 0o600) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 4) throw e;
    }
  }
}

/** The same owner and group as the file it replaces, where the user may set them. */
function keepOwner(fd: number, st: fs.Stats): void {
  try {
    fs.fchownSync(fd, st.uid, st.gid);
  } catch {
    // an ordinary user's new file belongs to them, as with any editor
  }
}

function writeAll(fd: number, data: Buffer): void {
  for (let done = 0; done < data.length;) done += fs.writeSync(fd, data, done, data.length - done);
}

/** The rename itself is durable once the directory is synced; not every system allows it. */
function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, fs.constants.O_RDONLY);
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // the file is written; only its durability across a crash is less certain
  }
}

function whyNot(e: NodeJS.ErrnoException, step: string): string {
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      if (step === 'file') return 'permission denied: the file is not writable';
      if (step === 'directory') return 'permission denied: cannot create a file in its directory';
      return 'permission denied';
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'no space left on the device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'ENOENT': return 'it or its directory was removed while fixing';
    case 'ENOTDIR': return 'a directory on its path was replaced while fixing';
    default: return `${e.code ?? e.message}`;
  }
}
