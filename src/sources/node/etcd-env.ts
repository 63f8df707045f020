// etcd takes any flag from an environment variable too: --client-cert-auth from
// ETCD_CLIENT_CERT_AUTH, --config-file from ETCD_CONFIG_FILE (go.etcd.io/etcd/pkg/flags,
// SetFlagsFromEnv). A flag given on the command line wins; the variable is then ignored. Systemd
// units and some installers configure etcd this way, so judging its command line alone would
// report TLS settings as missing that it has. The variables are read from /proc/<pid>/environ
// (readable by root and by etcd's own user); only ETCD_* variables are kept, and only their
// translation into flags, each pointing at the environ file.
import type { Host } from './host.js';
import type { Origin, Proc } from './processes.js';

/** `--name=value` for each ETCD_NAME=value that names a flag not already on the command line. */
export function etcdEnvironmentFlags(host: Host, proc: Proc, args: readonly Origin[]): Origin[] {
  const file = `/proc/${proc.pid}/environ`;
  if (!host.exists(file)) return [];
  const text = host.read(file, 'etcd also takes its settings from ETCD_* environment variables');
  if (text === undefined) return [];
  const given = new Set(args.map((a) => /^--?([a-z0-9-]+)/.exec(a.text)?.[1]).filter((n): n is string => !!n));
  const at = { file: host.real(file) };
  const flags: Origin[] = [];
  for (const entry of text.split('\0')) {
    const m = /^ETCD_([A-Z0-9_]+)=(.*)$/s.exec(entry);
    if (!m) continue;
    const name = m[1].toLowerCase().replace(/_/g, '-');
    if (given.has(name)) continue; // the command line wins, as etcd has it
    given.add(name);
    flags.push({ text: `--${name}=${m[2]}`, at });
  }
  return flags;
}
