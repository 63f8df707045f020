// etcd takes any flag from an environment variable too: --client-cert-auth from
// ETCD_CLIENT_CERT_AUTH, --config-file from ETCD_CONFIG_FILE (go.etcd.io/etcd/pkg/flags,
// SetFlagsFromEnv). A flag given on the command line wins; the variable is then ignored. Systemd
// units and some installers configure etcd this way, so judging its command line alone would
// report TLS settings as missing that it has. The variables are read from /proc/<pid>/environ
// (readable by root and by etcd's own user); only ETCD_* variables are kept, and only their
// translation into flags, each pointing at the environ file.
import type { SourceLocation } from '../../model/types.js';
import type { Host } from './host.js';
import type { Origin, Proc } from './processes.js';

/** `--name=value` for each ETCD_NAME=value that names a flag not already on the command line. */
export function etcdEnvironmentFlags(host: Host, proc: Proc, args: readonly Origin[]): Origin[] {
  const file = `/proc/${proc.pid}/environ`;
  if (!host.exists(file)) return [];
  const text = host.read(file, 'etcd also takes its settings from ETCD_* environment variables');
  if (text === undefined) return [];
  const at = { file: host.real(file) };
  return etcdFlagsOf(text.split('\0').map((entry) => {
    const eq = entry.indexOf('=');
    return { name: eq < 0 ? entry : entry.slice(0, eq), value: eq < 0 ? '' : entry.slice(eq + 1), at };
  }), args);
}

/**
 * The flags etcd takes from these variables (ETCD_* only; others are dropped unread): from its
 * environ, or from the `env:` of its static pod's container (a node's disk, read without processes).
 */
export function etcdFlagsOf(variables: ReadonlyArray<{ name: string; value: string; at: SourceLocation }>, args: readonly Origin[]): Origin[] {
  const given = new Set(args.map((a) => /^--?([a-z0-9-]+)/.exec(a.text)?.[1]).filter((n): n is string => !!n));
  const flags: Origin[] = [];
  for (const v of variables) {
    const m = /^ETCD_([A-Z0-9_]+)$/.exec(v.name);
    if (!m) continue;
    const name = m[1].toLowerCase().replace(/_/g, '-');
    if (given.has(name)) continue; // the command line wins, as etcd has it
    given.add(name);
    flags.push({ text: `--${name}=${v.value}`, at: v.at });
  }
  return flags;
}
