// Walking up from a scanned path: the repository it lies in (the nearest directory with a `.git`,
// a directory in a clone, a file in a worktree or submodule) and the files found on the way. No git
// program is needed.
import fs from 'node:fs';
import path from 'node:path';

/** The directory a path starts from: the path itself when it is a directory, else its parent; undefined for `-`. */
export function startDirectory(p: string): string | undefined {
  if (p === '-') return undefined;
  const abs = path.resolve(p);
  try {
    return fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
  } catch {
    // a path that cannot be read is reported by the files source; its directory is still where it would be
    return path.dirname(abs);
  }
}

/** Whether `dir` is the top of a repository: it holds `.git`. */
export function isRepositoryRoot(dir: string): boolean {
  return fs.existsSync(path.join(dir, '.git'));
}

/** The nearest directory at or above `dir` that holds `.git`, or undefined when there is none up to the file-system root. */
export function repositoryRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (isRepositoryRoot(d)) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * The first of `names` found in `dir` or a directory above it, the nearest first; the search stops
 * after the repository root (a directory with `.git`), or at the file-system root.
 */
export function findUp(dir: string, names: readonly string[]): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    for (const name of names) {
      const full = path.join(d, name);
      if (fs.existsSync(full)) return full;
    }
    if (isRepositoryRoot(d) || path.dirname(d) === d) return undefined;
  }
}
