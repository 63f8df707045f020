// k3s runs the API server, controller manager, scheduler, kubelet (and embedded etcd) inside one
// process: their command lines are not in /proc. We rebuild them the way k3s does: its own
// defaults for each component (k3s v1.30: pkg/daemons/control/server.go, pkg/daemons/agent/agent_linux.go),
// then its options from /etc/rancher/k3s/config.yaml (and config.yaml.d/*.yaml), then its command
// line, then the user's --<component>-arg values. Each argument keeps where it came from.
import type { ComponentName } from '../../model/component-specs.js';
import { parseYamlFile } from '../files/yaml-file.js';
import type { Host } from './host.js';
import type { Launch, Origin } from './processes.js';

interface Option { name: string; value: string; at: Origin['at'] }

export interface Synthesized {
  name: ComponentName;
  args: Origin[];
}

/** Options whose value is a credential: a config file that sets one is judged as a key file. */
const SECRET_OPTIONS = new Set(['token', 'agent-token', 'datastore-endpoint', 'etcd-s3-secret-key', 'etcd-s3-access-key']);

/** A configuration file of k3s or rke2 that exists on the host. */
export interface OptionFile {
  path: string;
  /** Options in it whose value is a credential (names only). */
  secrets: string[];
}

export interface Options {
  options: Option[];
  files: OptionFile[];
}

/**
 * k3s' (or rke2's: the same code, k3s-io/k3s pkg/configfilearg) options from its config files and
 * command line, in order (later wins for scalars; slices accumulate). `--config`/`-c` names the
 * main file; `<main>.d/*.yaml` are read after it.
 */
export function readOptions(host: Host, proc: Launch, defaultConfig = '/etc/rancher/k3s/config.yaml', label = 'k3s'): Options {
  const cli: Option[] = [];
  const argv = proc.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) continue;
    // a command line from a systemd unit points at the line of the unit (or variable) it came from
    const at = proc.origins?.[i + 2]?.at ?? { file: proc.file };
    let value = m[2];
    if (value === undefined) {
      const next = argv[i + 1];
      value = next !== undefined && !next.startsWith('-') ? (i++, next) : 'true';
    }
    cli.push({ name: m[1], value, at });
  }
  const configFlag = cli.filter((o) => o.name === 'config' || o.name === 'c').pop()?.value;
  const main = configFlag ?? defaultConfig;
  const paths = [main, ...host.list(`${main}.d`).filter((f) => /\.ya?ml$/.test(f)).map((f) => `${main}.d/${f}`)];
  const fromFiles: Option[] = [];
  const files: OptionFile[] = [];
  for (const file of paths) {
    if (!host.exists(file)) continue;
    const text = host.read(file, `${label} configuration`);
    if (text === undefined) {
      files.push({ path: file, secrets: [] });
      continue;
    }
    const parsed = parseYamlFile(text);
    if ('error' in parsed) {
      host.errors.push({ file: host.real(file), line: parsed.error.line, column: parsed.error.column, message: `${label} config: ${parsed.error.message}` });
      files.push({ path: file, secrets: [] });
      continue;
    }
    const doc = parsed.documents[0];
    const value = doc?.value;
    const secrets: string[] = [];
    files.push({ path: file, secrets });
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const [rawKey, v] of Object.entries(value as Record<string, unknown>)) {
      const key = rawKey.replace(/\+$/, ''); // `key+:` appends in drop-ins
      if (SECRET_OPTIONS.has(key)) secrets.push(key);
      const where = (p: (string | number)[]) => ({ file: host.real(file), ...doc.at(p) });
      if (Array.isArray(v)) v.forEach((item, i) => fromFiles.push({ name: key, value: String(item), at: where([rawKey, i]) }));
      else fromFiles.push({ name: key, value: String(v), at: where([rawKey]) });
    }
  }
  return { options: [...fromFiles, ...cli], files };
}

const last = (opts: Option[], name: string) => opts.filter((o) => o.name === name).pop();
const truthy = (o: Option | undefined) => o !== undefined && ['true', '1', 't', 'True', 'TRUE'].includes(o.value);

export interface K3sResult {
  components: Synthesized[];
  /** Files to read as configuration objects (the encryption config). */
  configFiles: string[];
  dataDir: string;
  /** k3s' own configuration files. */
  optionFiles: OptionFile[];
}

/** The data directory k3s or rke2 uses (`--data-dir`/`-d`, or `data-dir:` in its config). */
export function dataDirOf(opts: Option[], fallback: string): string {
  return last(opts, 'data-dir')?.value ?? last(opts, 'd')?.value ?? fallback;
}

export function synthesizeK3s(host: Host, proc: Launch, role: 'server' | 'agent'): K3sResult {
  const { options: opts, files: optionFiles } = readOptions(host, proc);
  const data = dataDirOf(opts, '/var/lib/rancher/k3s');
  const tls = `${data}/server/tls`;
  const builtin = { file: proc.file, exact: false };
  const def = (texts: string[]): Origin[] => texts.map((text) => ({ text, at: builtin }));
  const user = (option: string): Origin[] => opts.filter((o) => o.name === option).map((o) => ({ text: `--${o.value}`, at: o.at }));
  const components: Synthesized[] = [];
  const configFiles: string[] = [];

  if (role === 'server') {
    const endpoint = last(opts, 'datastore-endpoint');
    const embeddedEtcd = truthy(last(opts, 'cluster-init')) || last(opts, 'server') !== undefined || host.exists(`${data}/server/db/etcd`);
    const etcdClient = embeddedEtcd
      ? [`--etcd-servers=https://127.0.0.1:2379`, `--etcd-cafile=${tls}/etcd/server-ca.crt`, `--etcd-certfile=${tls}/etcd/client.crt`, `--etcd-keyfile=${tls}/etcd/client.key`]
      : ['--etcd-servers=unix://kine.sock'];
    const apiserver = def([
      '--allow-privileged=true', '--anonymous-auth=false', '--authorization-mode=Node,RBAC', '--bind-address=127.0.0.1',
      `--client-ca-file=${tls}/client-ca.crt`, '--enable-admission-plugins=NodeRestriction', ...etcdClient,
      `--kubelet-certificate-authority=${tls}/server-ca.crt`, `--kubelet-client-certificate=${tls}/client-kube-apiserver.crt`,
      `--kubelet-client-key=${tls}/client-kube-apiserver.key`, '--profiling=false', '--secure-port=6444',
      `--service-account-key-file=${tls}/service.key`, `--service-account-signing-key-file=${tls}/service.current.key`,
      `--tls-cert-file=${tls}/serving-kube-apiserver.crt`, `--tls-private-key-file=${tls}/serving-kube-apiserver.key`,
    ]);
    if (endpoint) {
      // an external datastore: k3s passes it to kine or, for etcd URLs, to the API server; never shown (it may hold a password)
      apiserver.push({ text: /^https?:\/\//.test(endpoint.value) ? `--etcd-servers=${endpoint.value}` : '--etcd-servers=unix://kine.sock', at: endpoint.at });
    }
    const secrets = last(opts, 'secrets-encryption');
    if (truthy(secrets)) {
      const file = `${data}/server/cred/encryption-config.json`;
      apiserver.push({ text: `--encryption-provider-config=${file}`, at: secrets!.at });
      configFiles.push(file);
    }
    components.push({ name: 'kube-apiserver', args: [...apiserver, ...user('kube-apiserver-arg')] });
    components.push({ name: 'kube-controller-manager', args: [...def([
      '--bind-address=127.0.0.1', '--profiling=false', '--use-service-account-credentials=true',
      `--kubeconfig=${data}/server/cred/controller.kubeconfig`, `--root-ca-file=${tls}/server-ca.crt`,
      `--service-account-private-key-file=${tls}/service.current.key`,
      `--cluster-signing-kube-apiserver-client-cert-file=${tls}/client-ca.nochain.crt`,
    ]), ...user('kube-controller-manager-arg')] });
    components.push({ name: 'kube-scheduler', args: [...def([
      '--bind-address=127.0.0.1', '--profiling=false', `--kubeconfig=${data}/server/cred/scheduler.kubeconfig`,
    ]), ...user('kube-scheduler-arg')] });
    if (embeddedEtcd && !endpoint) {
      const etcdTls = `${tls}/etcd`;
      components.push({ name: 'etcd', args: [...def([
        `--data-dir=${data}/server/db/etcd`, '--listen-client-urls=https://127.0.0.1:2379', '--client-cert-auth=true',
        `--cert-file=${etcdTls}/server-client.crt`, `--key-file=${etcdTls}/server-client.key`, `--trusted-ca-file=${etcdTls}/server-ca.crt`,
        '--peer-client-cert-auth=true', `--peer-cert-file=${etcdTls}/peer-server-client.crt`, `--peer-key-file=${etcdTls}/peer-server-client.key`,
        `--peer-trusted-ca-file=${etcdTls}/peer-ca.crt`,
      ]), ...user('etcd-arg')] });
    }
  }
  const kubelet = def([
    '--anonymous-auth=false', '--authentication-token-webhook=true', '--authorization-mode=Webhook',
    `--client-ca-file=${data}/agent/client-ca.crt`, '--read-only-port=0', `--kubeconfig=${data}/agent/kubelet.kubeconfig`,
    `--tls-cert-file=${data}/agent/serving-kubelet.crt`, `--tls-private-key-file=${data}/agent/serving-kubelet.key`,
  ]);
  const protect = last(opts, 'protect-kernel-defaults');
  if (truthy(protect)) kubelet.push({ text: '--protect-kernel-defaults=true', at: protect!.at });
  components.push({ name: 'kubelet', args: [...kubelet, ...user('kubelet-arg')] });
  return { components, configFiles, dataDir: data, optionFiles };
}
