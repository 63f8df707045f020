// Reading a host's files under a root directory: a path /etc/x is read at <root>/etc/x.
// A component in another mount namespace (a container: kube-proxy's DaemonSet pod, a static pod)
// names paths as it sees them; its ProcessView reads them through <root>/proc/<pid>/root/<path>.
// Every failure is recorded once, with the file and the reason; nothing here throws.
import fs from 'node:fs';
import { readFileLimited, type ReadBytes } from '../files/read-limited.js';
import os from 'node:os';
import path from 'node:path';
import type { InputError } from '../../model/types.js';
import { describeFsError } from '../files/walk.js';

/** What the node source reads files through: the host itself, or one process's view of it. */
export interface Files {
  readonly errors: InputError[];
  /** Where a path is read on this machine. */
  real(p: string): string;
  /** Where findings and errors about a path point: its real path, or, read in a container, the path as the component names it. */
  location(p: string): string;
  exists(p: string): boolean;
  stat(p: string, why: string): fs.Stats | undefined;
  /** Reads a file; on failure records why and returns undefined. */
  read(p: string, why: string): string | undefined;
  readBuffer(p: string): Buffer | undefined;
  list(dir: string): string[];
}

/** What the scan says of a file that more privileges would let it read: one wording for files on the host and in containers. */
export const ROOT_HINT = 'run as root to evaluate its content';

const isPermission = (code: string | undefined): boolean => code === 'EACCES' || code === 'EPERM';

/** A file a component names that is not on the host and whose component's own view could not be entered. */
export interface Unreachable {
  pid: number;
  component: string;
  path: string;
  why: string;
  /** The directory that could not be entered: <root>/proc/<pid>/root. */
  procRoot: string;
  /** `permission denied`, `the process has ended`, … */
  reason: string;
  /** It is a permission that is missing: root reads it. */
  denied: boolean;
  /** false: the process is known to run in another mount namespace; null: that could not be told. */
  sameMounts: boolean | null;
}

export class Host implements Files {
  readonly errors: InputError[] = [];
  /** Files of components in containers that could not be read: warnings, not input errors. */
  readonly unreachable: Unreachable[] = [];
  /** Files read in their component's own file system view, by process id then component. */
  readonly inOwnView = new Map<string, { pid: number; component: string; paths: string[] }>();
  private readonly reported = new Set<string>();
  private readonly views = new Map<string, ProcessView>();

  constructor(readonly root: string) {}

  /** Where a host path is on this machine. */
  real(p: string): string {
    return this.root === '/' ? p : path.join(this.root, p);
  }

  location(p: string): string {
    return this.real(p);
  }

  exists(p: string): boolean {
    return fs.existsSync(this.real(p));
  }

  stat(p: string, why: string): fs.Stats | undefined {
    return this.statAt(this.real(p), this.real(p), why);
  }

  read(p: string, why: string): string | undefined {
    return this.readAt(this.real(p), this.real(p), why);
  }

  readBuffer(p: string): Buffer | undefined {
    return readBufferAt(this.real(p));
  }

  list(dir: string): string[] {
    return listAt(this.real(dir));
  }

  hostname(): string {
    const fromFile = this.readQuiet('/etc/hostname')?.trim().split('\n')[0]?.trim();
    if (fromFile) return fromFile;
    return this.root === '/' ? os.hostname() : 'node';
  }

  readQuiet(p: string): string | undefined {
    const read = readBounded(this.real(p));
    return 'bytes' in read ? read.bytes.toString('utf8') : undefined;
  }

  /** How process `pid`, the component `component`, sees the paths its flags name. */
  viewOf(pid: number, component: string): ProcessView {
    const key = `${pid}/${component}`;
    let view = this.views.get(key);
    if (!view) this.views.set(key, view = new ProcessView(this, pid, component));
    return view;
  }

  /** stat of the file at `real`; a failure is recorded against `shown`. */
  statAt(real: string, shown: string, why: string): fs.Stats | undefined {
    try {
      return fs.statSync(real);
    } catch (e) {
      this.fail(real, shown, `${describeFsError(e, real)} (${why})`);
      return undefined;
    }
  }

  readAt(real: string, shown: string, why: string): string | undefined {
    const read = readBounded(real);
    if ('bytes' in read) return read.bytes.toString('utf8');
    const hint = read.refused.message.startsWith('permission denied') ? `; ${ROOT_HINT}` : '';
    this.fail(real, shown, `${read.refused.message} (${why})${hint}`);
    return undefined;
  }

  private fail(real: string, shown: string, message: string): void {
    if (this.reported.has(real)) return;
    this.reported.add(real);
    this.errors.push({ file: shown, message });
  }

  /** Records a file of a component that could not be reached (once per process and path). */
  unreachableFile(u: Unreachable): void {
    const key = `unreachable:${u.pid}:${u.path}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.unreachable.push(u);
  }

  ownViewRead(pid: number, component: string, p: string): void {
    const key = `${pid}/${component}`;
    let entry = this.inOwnView.get(key);
    if (!entry) this.inOwnView.set(key, entry = { pid, component, paths: [] });
    if (!entry.paths.includes(p)) entry.paths.push(p);
  }
}

function readBufferAt(real: string): Buffer | undefined {
  const read = readBounded(real);
  return 'bytes' in read ? read.bytes : undefined;
}

/** What a node scan reads at most from one file: configs, certificates, a process's cmdline or environ. */
export const NODE_FILE_LIMIT = 16 * 1024 * 1024;

/**
 * A regular file, within NODE_FILE_LIMIT. Never a named pipe, a device or a socket: a path a
 * component names may be chosen by whoever controls its container (read through
 * /proc/<pid>/root), and a FIFO there must not hang the scan nor /dev/zero fill its memory.
 */
function readBounded(real: string): ReadBytes {
  return readFileLimited(real, NODE_FILE_LIMIT, { pipes: false });
}

function listAt(real: string): string[] {
  try {
    return fs.readdirSync(real).sort();
  } catch {
    return [];
  }
}

/** Where one path is for a process: a file to read (on the host or in its own view), or nowhere it can be read. */
type Where = { real: string; own: boolean } | { unreachable: { reason: string; denied: boolean } };

/** The process's own root, <root>/proc/<pid>/root: enterable, not enterable (why), or absent (a host tree that has none). */
type OwnRoot = { dir: string } | { reason: string; denied: boolean } | undefined;

/**
 * A process's view of the file system. A process in the mount namespace of the scan's root sees
 * the host's files. One in another mount namespace (a container) sees its own: a path it names is
 * read through <root>/proc/<pid>/root/<path> first, then on the host (static pods mount host
 * directories at the same paths). When whether it shares the namespace cannot be told (a host
 * tree without ns links or mountinfo), the host comes first and the process's own view is tried
 * for a path the host lacks. A path the host lacks while the process's view cannot be entered
 * (another user's process: EACCES; the process has ended) is recorded as unreachable — a warning
 * — and not as a missing file; a path on neither side is a missing file.
 */
export class ProcessView implements Files {
  private same?: boolean | null;
  private own?: OwnRoot | 'unknown';
  private readonly where = new Map<string, Where>();

  constructor(private readonly host: Host, readonly pid: number, readonly component: string) {}

  get errors(): InputError[] {
    return this.host.errors;
  }

  real(p: string): string {
    const w = this.resolve(p);
    return 'real' in w ? w.real : this.host.real(p);
  }

  location(p: string): string {
    const w = this.resolve(p);
    return 'real' in w && w.own ? p : this.host.real(p);
  }

  exists(p: string): boolean {
    const w = this.resolve(p);
    return 'real' in w && fs.existsSync(w.real);
  }

  stat(p: string, why: string): fs.Stats | undefined {
    const w = this.resolve(p);
    if ('unreachable' in w) return this.unreachable(p, why, w.unreachable);
    return this.host.statAt(w.real, w.own ? p : w.real, why);
  }

  read(p: string, why: string): string | undefined {
    const w = this.resolve(p);
    if ('unreachable' in w) return this.unreachable(p, why, w.unreachable);
    return this.host.readAt(w.real, w.own ? p : w.real, why);
  }

  readBuffer(p: string): Buffer | undefined {
    const w = this.resolve(p);
    return 'real' in w ? readBufferAt(w.real) : undefined;
  }

  list(dir: string): string[] {
    const w = this.resolve(dir);
    return 'real' in w ? listAt(w.real) : [];
  }

  /** true: the process is in the mount namespace the scan's root shows; false: in another; null: cannot be told. */
  sameMounts(): boolean | null {
    if (this.same === undefined) this.same = this.compareMounts();
    return this.same;
  }

  private resolve(p: string): Where {
    let w = this.where.get(p);
    if (w) return w;
    const hostReal = this.host.real(p);
    const same = this.sameMounts();
    if (same === true) {
      w = { real: hostReal, own: false };
    } else {
      const own = this.ownRoot();
      const ownReal = own && 'dir' in own ? path.join(own.dir, p) : undefined;
      const inOwn = ownReal !== undefined && present(ownReal);
      if (same === false && inOwn) w = { real: ownReal, own: true };
      else if (present(hostReal)) w = { real: hostReal, own: false };
      else if (inOwn) w = { real: ownReal!, own: true };
      else if (own && 'reason' in own) w = { unreachable: own };
      else w = { real: hostReal, own: false }; // missing on both sides: reported as a missing file
    }
    if ('real' in w && w.own) this.host.ownViewRead(this.pid, this.component, p);
    this.where.set(p, w);
    return w;
  }

  private unreachable(p: string, why: string, u: { reason: string; denied: boolean }): undefined {
    this.host.unreachableFile({
      pid: this.pid, component: this.component, path: p, why, procRoot: this.host.real(`/proc/${this.pid}/root`),
      reason: u.reason, denied: u.denied, sameMounts: this.sameMounts(),
    });
    return undefined;
  }

  private ownRoot(): OwnRoot {
    if (this.own !== undefined) return this.own === 'unknown' ? undefined : this.own;
    const dir = this.host.real(`/proc/${this.pid}/root`);
    let own: OwnRoot;
    try {
      fs.statSync(`${dir}/.`); // entering it: the kernel lets only root (or the process's own user) through
      own = { dir };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (isPermission(code)) own = { reason: 'permission denied', denied: true };
      else if (!fs.existsSync(this.host.real(`/proc/${this.pid}`))) own = { reason: 'the process has ended', denied: false };
      else if (code === 'ENOENT') own = undefined; // a host tree without the process's root: nothing to read there
      else own = { reason: describeFsError(e, dir), denied: false };
    }
    this.own = own ?? 'unknown';
    return own;
  }

  /**
   * Compares the process's mount namespace with that of the scan's root: this process's
   * (/proc/self) when the root is /, else the tree's init (<root>/proc/1), whose namespace is the
   * host's. The ns/mnt links say it exactly, but only root (or the process's own user) may read
   * them; mountinfo, readable by everyone, says it too: each mount namespace has mounts of its
   * own, so the id of the mount at / differs between two namespaces.
   */
  private compareMounts(): boolean | null {
    const ref = this.host.root === '/' ? '/proc/self' : '/proc/1';
    const mine = `/proc/${this.pid}`;
    if (mine === ref) return true;
    const link = (dir: string): string | undefined => {
      try {
        return fs.readlinkSync(this.host.real(`${dir}/ns/mnt`));
      } catch {
        return undefined;
      }
    };
    const [a, b] = [link(mine), link(ref)];
    if (a && b) return a === b;
    const [c, d] = [rootMount(this.host.readQuiet(`${mine}/mountinfo`)), rootMount(this.host.readQuiet(`${ref}/mountinfo`))];
    if (c && d) return c === d;
    return null;
  }
}

/** The id of the mount a process sees at / (the last mountinfo line whose mount point is /). */
function rootMount(mountinfo: string | undefined): string | undefined {
  let id: string | undefined;
  for (const line of mountinfo?.split('\n') ?? []) {
    const fields = line.split(' ');
    if (fields[4] === '/') id = fields[0];
  }
  return id;
}

/** There is something at this path (a file that exists but cannot be read counts: its error is reported when it is read). */
function present(real: string): boolean {
  try {
    fs.statSync(real);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}
