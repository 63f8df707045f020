// Expanding the paths a user gave into the inputs to read: plain files, and directories that a
// renderer must build (Kustomize, Helm). Directories are walked recursively in name order,
// following symlinks but never twice into the same real directory. A manifest-named entry that is
// not a regular file (a named pipe, a device, a socket) is an error, never read: read-limited.ts.
// A path inside a chart's templates directory is an error too: templates are not manifests.
import fs from 'node:fs';
import path from 'node:path';
import type { InputError } from '../../model/types.js';

export type Input =
  /** `named`: given on the command line, not found in a directory. */
  | { type: 'file'; path: string; named?: boolean }
  | { type: 'stdin' }
  | { type: 'kustomize'; dir: string }
  | { type: 'helm'; dir: string };

const MANIFEST_EXT = /\.(ya?ml|json)$/i;
const KUSTOMIZATION = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** Files that are Palisade's own configuration, not manifests. */
const OWN_FILES = new Set(['.palisade.yaml', '.palisade.yml']);

export function expandPaths(paths: string[]): { inputs: Input[]; errors: InputError[] } {
  const inputs: Input[] = [];
  const errors: InputError[] = [];
  const visited = new Set<string>();
  for (const p of paths) {
    if (p === '-') { inputs.push({ type: 'stdin' }); continue; }
    const chart = chartOfTemplate(p);
    if (chart !== undefined) {
      errors.push({
        file: p,
        message: `${p} is in the templates directory of the Helm chart ${chart}: templates are not manifests until helm renders them; `
          + `scan the chart instead (palisade scan ${chart}); not scanned`,
      });
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      errors.push({ file: p, message: describeFsError(e, p) });
      continue;
    }
    if (st.isDirectory()) walkDirectory(p, inputs, errors, new Set(), visited);
    else inputs.push({ type: 'file', path: p, named: true });
  }
  return { inputs, errors };
}

/** `ancestors`: real paths on the way down (a repeat is a loop); `visited`: every real directory already scanned. */
function walkDirectory(dir: string, inputs: Input[], errors: InputError[], ancestors: Set<string>, visited: Set<string>): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (e) {
    errors.push({ file: dir, message: describeFsError(e, dir) });
    return;
  }
  if (ancestors.has(real)) {
    errors.push({ file: dir, message: `symlink loop: ${dir} leads back to ${real}, a directory above it; not followed` });
    return;
  }
  if (visited.has(real)) return; // the same directory through a second link: its files are already in
  ancestors.add(real);
  visited.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    errors.push({ file: dir, message: describeFsError(e, dir) });
    ancestors.delete(real);
    return;
  }
  const names = new Set(entries.map((e) => e.name));
  if (KUSTOMIZATION.some((k) => names.has(k))) {
    inputs.push({ type: 'kustomize', dir });
  } else if (names.has('Chart.yaml')) {
    inputs.push({ type: 'helm', dir });
  } else {
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let target: fs.Dirent | fs.Stats = entry;
      if (entry.isSymbolicLink()) {
        try {
          target = fs.statSync(full);
        } catch (e) {
          errors.push({ file: full, message: describeFsError(e, full) });
          continue;
        }
      }
      if (target.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walkDirectory(full, inputs, errors, ancestors, visited);
      } else if (MANIFEST_EXT.test(entry.name) && !OWN_FILES.has(entry.name)) {
        // Only regular files are read: a named pipe may never be written to, and a device never ends.
        if (target.isFile()) inputs.push({ type: 'file', path: full });
        else errors.push({ file: full, message: `not a regular file: ${full} is ${fileKind(target)}; not read` });
      }
    }
  }
  ancestors.delete(real);
}

/**
 * The chart, as a path like the one given, when `p` is a chart's `templates` directory or inside it
 * (a directory named `templates` whose parent holds Chart.yaml); undefined otherwise.
 */
export function chartOfTemplate(p: string): string | undefined {
  let dir = path.resolve(p);
  for (;;) {
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    if (path.basename(dir) === 'templates' && isFile(path.join(parent, 'Chart.yaml'))) {
      if (path.isAbsolute(p)) return parent;
      return path.relative(process.cwd(), parent) || '.';
    }
    dir = parent;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** What a directory entry or a stat is, in words: "a named pipe", "a character device". */
export function fileKind(st: fs.Stats | fs.Dirent): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'of an unknown type';
}

export function describeFsError(e: unknown, p: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return `no such file or directory: ${p}`;
    case 'EACCES': case 'EPERM': return `permission denied: ${p}`;
    case 'ELOOP': return `symlink loop: ${p} (too many levels of symbolic links)`;
    case 'EISDIR': return `is a directory: ${p}`;
    default: return `cannot read ${p}: ${code ?? (e instanceof Error ? e.message : String(e))}`;
  }
}
