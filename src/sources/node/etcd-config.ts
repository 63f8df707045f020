// etcd started with --config-file (rke2 does: `etcd --config-file=/var/lib/rancher/rke2/server/db/etcd/config`)
// takes every setting from that YAML file and ignores its other command-line flags (etcd --help:
// "if a configuration file is provided, other command line flags and environment variables will be
// ignored"). The file's keys are the flag names, except TLS, which is nested:
// client-transport-security.{cert-file,key-file,client-cert-auth,trusted-ca-file,auto-tls} are
// --cert-file … --auto-tls, and peer-transport-security.* are the --peer-* flags
// (go.etcd.io/etcd/server/embed/config.go, configFromFile).
// The command line is rebuilt from the file, each flag pointing at its line.
import { parseYamlFile } from '../files/yaml-file.js';
import type { Files } from './host.js';
import type { Origin } from './processes.js';

const TLS_KEYS = ['cert-file', 'key-file', 'client-cert-auth', 'trusted-ca-file', 'auto-tls', 'crl-file', 'allowed-cn', 'allowed-hostname'];

export interface EtcdExpansion {
  /** The effective flags: --config-file, then the file's settings as flags. */
  args: Origin[];
  /** Names of the command-line flags etcd ignores because of --config-file. */
  ignored: string[];
  configFile: string;
}

/** The value of --config-file among etcd's arguments (`--config-file=F`, `--config-file F`, one dash too). */
export function etcdConfigFile(args: readonly Origin[]): { file: string; at: number[] } | undefined {
  let found: { file: string; at: number[] } | undefined;
  for (let i = 0; i < args.length; i++) {
    const m = /^--?config-file(?:=(.*))?$/.exec(args[i].text);
    if (!m) continue;
    if (m[1] !== undefined) found = { file: m[1], at: [i] };
    else if (i + 1 < args.length) found = { file: args[i + 1].text, at: [i, i + 1] };
  }
  return found && found.file ? found : undefined;
}

/** Rebuilds etcd's flags from its config file (read as etcd sees it: `view`); undefined when it has none or the file cannot be read. */
export function expandEtcdConfig(view: Files, args: readonly Origin[]): EtcdExpansion | undefined {
  const named = etcdConfigFile(args);
  if (!named) return undefined;
  const file = named.file;
  const text = view.read(file, '--config-file of etcd');
  if (text === undefined) return undefined;
  const parsed = parseYamlFile(text);
  if ('error' in parsed) {
    view.errors.push({ file: view.location(file), line: parsed.error.line, column: parsed.error.column, message: `etcd config file: ${parsed.error.message}` });
    return undefined;
  }
  const doc = parsed.documents[0];
  const value = doc?.value;
  const out: Origin[] = named.at.map((i) => args[i]);
  const at = (p: string[]) => ({ file: view.location(file), ...doc.at(p) });
  const flag = (name: string, v: unknown, p: string[]) => {
    if (v === null || v === undefined || typeof v === 'object' && !Array.isArray(v)) return;
    const text = Array.isArray(v) ? v.map(String).join(',') : String(v);
    out.push({ text: `--${name}=${text}`, at: at(p) });
  };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'client-transport-security' || key === 'peer-transport-security') {
        if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
        const prefix = key === 'peer-transport-security' ? 'peer-' : '';
        for (const [k, tv] of Object.entries(v as Record<string, unknown>)) {
          if (TLS_KEYS.includes(k)) flag(`${prefix}${k}`, tv, [key, k]);
        }
      } else {
        flag(key, v, [key]);
      }
    }
  }
  const ignored = args.filter((_, i) => !named.at.includes(i)).map((a) => a.text).filter((t) => t.startsWith('-')).map((t) => t.replace(/=.*/s, ''));
  return { args: out, ignored, configFile: file };
}
