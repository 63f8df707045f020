// The files each component uses, with their mode, owner and (certificates only) a fingerprint.
import crypto from 'node:crypto';
import type { NodeFile, NodeFileRole } from '../../model/node.js';
import type { ComponentName } from '../../model/component-specs.js';
import type { Flags } from '../../model/flags.js';
import { CANDIDATES, DEFAULT_DATA_DIRS, FILE_FLAGS, KUBELET_CONFIG_FILES, type Candidate } from './file-table.js';
import type { Files, Host } from './host.js';

type Obj = Record<string, any>;

export class FileList {
  readonly files: NodeFile[] = [];
  /** Where each file's findings point, in the order of `files`. */
  readonly locations: string[] = [];
  private readonly seen = new Set<string>();
  private names?: { users: Map<number, string>; groups: Map<number, string> };

  constructor(private readonly host: Host) {}

  /** User and group names by id, from the node's /etc/passwd and /etc/group (read once, bounded), as `stat -c %U:%G` shows them. */
  private idNames(): { users: Map<number, string>; groups: Map<number, string> } {
    this.names ??= { users: idTable(this.host.readQuiet('/etc/passwd')), groups: idTable(this.host.readQuiet('/etc/group')) };
    return this.names;
  }

  /**
   * Examines a file; `required` files that cannot be examined are reported as input errors. `view`
   * is how the component sees it (a component in a container: its own file system), the host's by default.
   */
  add(path: string, role: NodeFileRole, reason: string, required: boolean, view: Files = this.host): void {
    if (!path.startsWith('/') || this.seen.has(path)) return;
    if (!required && !view.exists(path)) return;
    this.seen.add(path);
    const st = view.stat(path, `named by ${reason}`);
    const file: NodeFile = { path, role, reason };
    if (st) {
      file.mode = (st.mode & 0o777).toString(8).padStart(4, '0');
      file.uid = st.uid;
      file.gid = st.gid;
      const user = this.idNames().users.get(st.uid), group = this.idNames().groups.get(st.gid);
      if (user !== undefined) file.user = user;
      if (group !== undefined) file.group = group;
      if (st.isDirectory()) file.directory = true;
      if (role === 'cert' && st.isFile()) {
        const buf = view.readBuffer(path);
        if (buf) file.sha256 = crypto.createHash('sha256').update(buf).digest('hex');
      }
    }
    this.files.push(file);
    this.locations.push(view.location(path));
  }

  addDir(dir: string, role: NodeFileRole, reason: string, suffix: string | undefined, depth = 1, view: Files = this.host): void {
    for (const name of view.list(dir)) {
      const p = `${dir}/${name}`;
      const st = view.stat(p, reason);
      if (!st) continue;
      if (st.isDirectory()) {
        if (depth > 0) this.addDir(p, role, reason, suffix, depth - 1, view);
      } else if (!suffix || name.endsWith(suffix)) {
        this.add(p, role, reason, false, view);
      }
    }
  }
}

/** `name:x:id:…` lines (passwd(5), group(5)) as id → name; the first entry of an id wins, as getpwuid(3) finds it. */
export function idTable(text: string | undefined): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of (text ?? '').split('\n')) {
    const [name, , id] = line.split(':');
    if (!name || name.startsWith('#') || id === undefined || !/^\d+$/.test(id)) continue;
    if (!out.has(Number(id))) out.set(Number(id), name);
  }
  return out;
}

/** Files named by a component's flags and, for the kubelet, by its config file, as the component sees them (`view`). */
export function namedFiles(list: FileList, name: ComponentName, flags: Flags, view: Files, kubeletConfig?: Obj): void {
  for (const [flag, role] of FILE_FLAGS[name]) {
    const v = flags.value(flag);
    // kubeadm keeps --bootstrap-kubeconfig after the bootstrap file is gone: its absence is normal
    if (v) list.add(v, role, `--${flag}`, flag !== 'bootstrap-kubeconfig', view);
  }
  if (name === 'kubelet' && kubeletConfig) {
    for (const [field, role] of KUBELET_CONFIG_FILES) {
      let v: unknown = kubeletConfig;
      for (const k of field) v = v && typeof v === 'object' ? (v as Obj)[k] : undefined;
      if (typeof v === 'string' && v) list.add(v, role, `${field.join('.')} in the kubelet config`, true, view);
    }
  }
  if (name === 'kubelet') {
    const manifests = flags.value('pod-manifest-path') ?? (typeof kubeletConfig?.staticPodPath === 'string' ? kubeletConfig.staticPodPath : undefined);
    if (manifests) list.addDir(manifests, 'manifest', 'the kubelet\'s static pod path', undefined, 0, view);
  }
}

/**
 * The distribution's well-known files for this component, when they exist (and those of every host).
 * `dataDirs` moves k3s' and rke2's files under the data directory the host uses.
 */
export function candidateFiles(list: FileList, name: ComponentName, distributions: readonly string[], dataDirs: ReadonlyMap<string, string> = new Map()): void {
  for (const d of ['any', ...distributions]) {
    for (const c of (CANDIDATES[d] ?? []) as Candidate[]) {
      if (c.component !== name) continue;
      const reason = d === 'any' ? 'kubelet default location' : `${d} default location`;
      const dataDir = dataDirs.get(d);
      const p = dataDir && DEFAULT_DATA_DIRS[d] && c.path.startsWith(`${DEFAULT_DATA_DIRS[d]}/`) ? dataDir + c.path.slice(DEFAULT_DATA_DIRS[d].length) : c.path;
      if (c.dir) list.addDir(p, c.role, reason, c.suffix, c.depth ?? 1);
      else list.add(p, c.role, reason, false);
    }
  }
}
