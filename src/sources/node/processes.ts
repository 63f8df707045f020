// Running processes from <root>/proc/<pid>/cmdline (NUL-separated arguments), and which of them
// are Kubernetes components. A command line read from files instead (a systemd unit on a mounted
// disk: systemd.ts) is recognised the same way.
import path from 'node:path';
import type { SourceLocation } from '../../model/types.js';
import { HYPERKUBE_SUBCOMMANDS, isComponentName, type ComponentName } from '../../model/component-specs.js';
import type { Host } from './host.js';

/** A command line: of a running process, or as a service manager would start it (a systemd unit on a disk). */
export interface Launch {
  /** The process id; undefined for a command line read from files. */
  pid?: number;
  argv: string[];
  /** The cmdline file (or the unit file) as read on this machine. */
  file: string;
  /** Where each word of argv came from, when not all from `file` (a unit's ExecStart and the variables it expands). */
  origins?: Origin[];
}

export interface Proc extends Launch {
  pid: number;
}

/** One argument of an effective command line, with where it came from. */
export interface Origin {
  text: string;
  at: SourceLocation;
}

export type Found =
  | { type: 'component'; name: ComponentName; proc: Launch; args: Origin[] }
  | { type: 'k3s' | 'rke2'; role: 'server' | 'agent'; proc: Launch }
  | { type: 'kubelite'; proc: Launch };

export function listProcesses(host: Host): Proc[] {
  const procs: Proc[] = [];
  for (const entry of host.list('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const p = `/proc/${entry}/cmdline`;
    const raw = host.readQuiet(p);
    if (!raw) continue; // kernel threads, processes that ended, or unreadable
    let argv = raw.split('\0');
    if (argv[argv.length - 1] === '') argv.pop();
    // some programs rewrite their title into one space-separated string
    if (argv.length === 1 && argv[0].includes(' ')) argv = argv[0].split(' ').filter(Boolean);
    if (argv.length) procs.push({ pid: Number(entry), argv, file: host.real(p) });
  }
  return procs.sort((a, b) => a.pid - b.pid);
}

export function cmdlineOrigins(proc: Launch, from: number): Origin[] {
  return proc.argv.slice(from).map((text, i) => proc.origins?.[from + i] ?? { text, at: { file: proc.file } });
}

export function recognise(proc: Launch): Found | undefined {
  const base = path.basename(proc.argv[0]);
  if (isComponentName(base)) return { type: 'component', name: base, proc, args: cmdlineOrigins(proc, 1) };
  if (base === 'hyperkube' && HYPERKUBE_SUBCOMMANDS[proc.argv[1]]) {
    return { type: 'component', name: HYPERKUBE_SUBCOMMANDS[proc.argv[1]], proc, args: cmdlineOrigins(proc, 2) };
  }
  if ((base === 'k3s' || base === 'rke2') && (proc.argv[1] === 'server' || proc.argv[1] === 'agent')) {
    return { type: base, role: proc.argv[1], proc };
  }
  if (base === 'kubelite') return { type: 'kubelite', proc };
  return undefined;
}
