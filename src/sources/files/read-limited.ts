// Reading a file or standard input with the byte limit counted as the bytes arrive. A size check
// before reading stops no stream: `stat().size` is 0 for standard input, pipes and devices, and
// `yes | palisade scan -` once read 9 GB. Here bytes are read in chunks from the descriptor and
// reading stops one byte past the limit.
//
// What is read:
// - regular files;
// - a named pipe given on the command line: process substitution (`palisade scan <(kubectl get
//   pods -o yaml)`) passes one as /dev/fd/N. It is opened without blocking, so a pipe nobody opens
//   for writing is an error after NO_WRITER_MS instead of a hang; a program that writes is waited
//   for as `cat` would wait for it, up to the byte limit;
// - standard input when it is a pipe, a socket (what Node's child_process gives), a file or a terminal.
// What is never read, and is an error naming it:
// - a named pipe met while walking a directory (walk.ts): nobody asked for it, and nothing may
//   ever write to it;
// - devices and sockets given as paths: /dev/zero never ends, /dev/null is no manifest, and opening
//   some devices does something of its own;
// - standard input that is a device other than a terminal. That includes a closed standard input
//   (`palisade scan - <&-`): Node reopens it as /dev/null, and reading it would pass a scan of
//   nothing for a clean one.
import fs from 'node:fs';
import tty from 'node:tty';
import { describeFsError, fileKind } from './walk.js';

export type ReadBytes =
  | { bytes: Buffer }
  | { refused: { line?: number; message: string } };

/** How long a named pipe may go without a writer before it is given up. */
export const NO_WRITER_MS = 2000;
const CHUNK = 1 << 20;

export function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function overLimit(what: string, maxBytes: number): ReadBytes {
  return { refused: { message: `${what} is over the ${mib(maxBytes)} limit: reading stopped there; not scanned (raise it with --max-file-size)` } };
}

/** Reads a file named on the command line (`pipes`: a named pipe is read too) or found in a directory. */
export function readFileLimited(file: string, maxBytes: number, options: { pipes: boolean }): ReadBytes {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    return { refused: { message: describeFsError(e, file) } };
  }
  const refusal = refuseKind(file, st, options.pipes);
  if (refusal) return refusal;
  if (st.isFile() && st.size > maxBytes) {
    return { refused: { line: 1, message: `file is ${mib(st.size)}, over the ${mib(maxBytes)} limit; not scanned (raise it with --max-file-size)` } };
  }
  let fd: number;
  try {
    // Never blocks: not on a named pipe without a writer, nor on one swapped in since the stat.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { refused: { message: describeFsError(e, file) } };
  }
  try {
    const now = fs.fstatSync(fd); // what is open now is what gets read
    const changed = refuseKind(file, now, options.pipes);
    if (changed) return changed;
    const read = readFd(fd, maxBytes, now.isFile() ? now.size : CHUNK, now.isFIFO());
    if (read === 'over') return overLimit(`${file} (${now.isFile() ? 'a file that grew while read' : 'a named pipe'})`, maxBytes);
    if (read === 'no-writer') {
      return { refused: { message: `named pipe ${file}: nothing was written to it within ${NO_WRITER_MS / 1000} s (no program has it open for writing); not read` } };
    }
    return { bytes: read };
  } catch (e) {
    return { refused: { message: describeFsError(e, file) } };
  } finally {
    fs.closeSync(fd);
  }
}

function refuseKind(file: string, st: fs.Stats, pipes: boolean): ReadBytes | undefined {
  if (st.isFile() || (pipes && st.isFIFO())) return undefined;
  if (st.isDirectory()) return { refused: { message: describeFsError({ code: 'EISDIR' }, file) } };
  return { refused: { message: `not a regular file: ${file} is ${fileKind(st)}; not read` } };
}

/** Reads standard input (or another open descriptor standing for it). */
export function readStdinLimited(maxBytes: number, fd = 0): ReadBytes {
  let st: fs.Stats;
  try {
    st = fs.fstatSync(fd);
  } catch {
    return { refused: { message: 'standard input is closed; nothing to read' } };
  }
  if ((st.isCharacterDevice() && !tty.isatty(fd)) || st.isBlockDevice()) {
    return { refused: { message: `standard input is closed or is ${fileKind(st)} (such as /dev/null), not a pipe or a file; not read` } };
  }
  try {
    const read = readFd(fd, maxBytes, st.isFile() ? st.size : CHUNK, false);
    if (read === 'over') return overLimit('standard input', maxBytes);
    if (read === 'no-writer') throw new Error('unreachable: standard input is not waited for');
    return { bytes: read };
  } catch (e) {
    return { refused: { message: describeFsError(e, 'standard input') } };
  }
}

/**
 * Reads to the end, or stops one byte past `maxBytes` ('over'). `waitForWriter`: the descriptor is
 * a named pipe opened without blocking, which reads as ended until a program opens it for writing;
 * 'no-writer' when none has within NO_WRITER_MS.
 */
function readFd(fd: number, maxBytes: number, sizeHint: number, waitForWriter: boolean): Buffer | 'over' | 'no-writer' {
  const chunks: Buffer[] = [];
  let buf = Buffer.allocUnsafe(Math.min(sizeHint, maxBytes) + 1);
  let filled = 0;
  let total = 0;
  let writerSeen = !waitForWriter;
  const started = Date.now();
  let pauseMs = 0;
  for (;;) {
    if (filled === buf.length) {
      chunks.push(buf);
      buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      filled = 0;
    }
    let n: number;
    try {
      n = fs.readSync(fd, buf, filled, buf.length - filled, null);
    } catch (e) {
      // A descriptor in non-blocking mode with nothing to read yet: a writer is there, wait for it.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      writerSeen = true;
      pauseMs = pause(pauseMs);
      continue;
    }
    if (n === 0) {
      if (writerSeen) break;
      if (Date.now() - started >= NO_WRITER_MS) return 'no-writer';
      pauseMs = pause(pauseMs);
      continue;
    }
    writerSeen = true;
    pauseMs = 0;
    filled += n;
    total += n;
    if (total > maxBytes) return 'over';
  }
  chunks.push(buf.subarray(0, filled));
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Sleeps 1 ms, then twice as long each time in a row, up to 50 ms; returns the time slept. */
function pause(lastMs: number): number {
  const ms = Math.min(50, Math.max(1, lastMs * 2));
  Atomics.wait(sleeper, 0, 0, ms);
  return ms;
}
