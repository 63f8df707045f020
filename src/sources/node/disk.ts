// A node's disk mounted elsewhere (a snapshot, a stopped VM's volume, an image of a node): its
// <root>/proc lists no process, so the components are found where the distributions keep the files
// that start them, and judged on what those files say:
// - the systemd units of the kubelet, k3s and rke2 (kubelet.service, k3s.service, k3s-agent.service,
//   rke2-server.service, rke2-agent.service), composed as systemd would start them (systemd.ts):
//   kubeadm's kubelet takes its flags from the drop-in 10-kubeadm.conf and kubeadm-flags.env,
//   EKS', GKE's and AKS' from their units and /etc/default/kubelet;
// - microk8s' args files (/var/snap/microk8s/current/args/*), read as kubelite reads them;
// - static pod manifests (the kubelet's staticPodPath or --pod-manifest-path, kubeadm's
//   /etc/kubernetes/manifests, rke2's <data-dir>/agent/pod-manifests): Pods whose containers'
//   commands are the components' command lines, recognised by the inventory as when those
//   manifests are scanned as files;
// - a kubelet with no unit: its configuration file at the distribution's usual place, as if given
//   with --config (a warning says that its command line is not known).
// What only a running process shows is not seen: flags given on a command line no file holds,
// environment variables set at run time, and what rke2 passes to the kubelet it starts.
import path from 'node:path';
import type { InputError, PathSegments, Resource } from '../../model/types.js';
import type { ComponentName } from '../../model/component-specs.js';
import type { NodeFileRole } from '../../model/node.js';
import { Inventory } from '../../inventory/index.js';
import { readText } from '../files/index.js';
import type { DocumentSink } from '../files/to-resources.js';
import { LineIndex } from '../files/yaml-documents.js';
import { etcdFlagsOf } from './etcd-env.js';
import type { Host } from './host.js';
import type { Launch, Origin } from './processes.js';
import { unitCommand } from './systemd.js';

/** A command line read from files, and what it was read from (for messages: `systemd unit kubelet.service`). */
export interface DiskLaunch {
  launch: Launch;
  what: string;
  /** The files that start it, examined with its component's files (node-file-permissions). */
  files: StartFile[];
}

/** A file that starts a component: whoever may write it chooses its flags. */
export interface StartFile {
  path: string;
  role: NodeFileRole;
  reason: string;
}

/** Variables whose value is a credential (k3s' installer writes K3S_TOKEN to k3s.service.env): their file is judged as a key. */
const SECRET_VARIABLE = /TOKEN|SECRET|PASSWORD|PRIVATE_KEY|ACCESS_KEY/i;

/** Services whose units start a component (or a distribution that runs them). */
const UNITS = ['kubelet.service', 'k3s.service', 'k3s-agent.service', 'rke2-server.service', 'rke2-agent.service'];

const MICROK8S_ARGS = '/var/snap/microk8s/current/args';

/** kubelite's flags as microk8s' snap starts it (run-kubelite-with-args): each component's args file. */
const KUBELITE_ARGS: ReadonlyArray<[string, string]> = [
  ['scheduler-args-file', 'kube-scheduler'], ['controller-manager-args-file', 'kube-controller-manager'],
  ['proxy-args-file', 'kube-proxy'], ['kubelet-args-file', 'kubelet'], ['apiserver-args-file', 'kube-apiserver'],
];

/** The command lines the node's service manager would start, from its unit files, microk8s' args, and k3s'/rke2's files. */
export function diskLaunches(host: Host, warnings: string[]): DiskLaunch[] {
  const out: DiskLaunch[] = [];
  for (const unit of UNITS) {
    const found = unitCommand(host, unit);
    if (!found) continue;
    if ('masked' in found) {
      warnings.push(`${unit} is masked (${found.masked} is linked to /dev/null): systemd does not start it, and it is not judged`);
      continue;
    }
    for (const gap of found.gaps) warnings.push(gap);
    const launch: Launch = { argv: found.args.map((a) => a.text), file: host.real(found.files[0]), origins: found.args };
    const files: StartFile[] = [];
    const environment = new Map(found.environmentFiles.map((f) => [f.path, f.names.filter((n) => SECRET_VARIABLE.test(n))]));
    for (const f of found.files) {
      const secrets = environment.get(f);
      files.push(secrets === undefined ? { path: f, role: 'config', reason: `systemd unit ${unit}` }
        : { path: f, role: secrets.length ? 'key' : 'config', reason: `EnvironmentFile= of ${unit}${secrets.length ? `, holds ${secrets.join(', ')}` : ''}` });
    }
    out.push({ launch, what: `systemd unit ${unit}`, files });
  }
  const started = (name: string) => out.some((d) => path.basename(d.launch.argv[0]) === name);
  for (const [distribution, config, dataDir] of [['k3s', '/etc/rancher/k3s', '/var/lib/rancher/k3s'], ['rke2', '/etc/rancher/rke2', '/var/lib/rancher/rke2']]) {
    if (started(distribution) || !(host.exists(config) || host.exists(dataDir))) continue;
    // no unit (an installation that starts it otherwise): its config files still say how it runs
    const role = host.exists(`${dataDir}/server`) || !host.exists(`${dataDir}/agent`) ? 'server' : 'agent';
    const file = host.exists(`${config}/config.yaml`) ? `${config}/config.yaml` : host.exists(config) ? config : dataDir;
    warnings.push(`no systemd unit starts ${distribution} on this disk: judged as \`${distribution} ${role}\` with ${config}/config.yaml; `
      + `flags and ${distribution.toUpperCase()}_* variables given where it is started are not seen`);
    out.push({ launch: { argv: [distribution, role], file: host.real(file) }, what: `${distribution} ${role} (${file})`, files: [] });
  }
  if (host.exists(MICROK8S_ARGS)) {
    const argv = ['kubelite'];
    for (const [flag, file] of KUBELITE_ARGS) if (host.exists(`${MICROK8S_ARGS}/${file}`)) argv.push(`--${flag}=\${SNAP_DATA}/args/${file}`);
    if (argv.length > 1) out.push({ launch: { argv, file: host.real(MICROK8S_ARGS) }, what: `microk8s kubelite (${MICROK8S_ARGS})`, files: [] });
  }
  return out;
}

/** A component found in a static pod manifest, its flags as arguments that point at their lines in the manifest. */
export interface StaticPod {
  name: ComponentName;
  launch: Launch;
  args: Origin[];
  /** The manifest, as a path on the node. */
  manifest: string;
}

/** How many files of a static pod directory are read at most (the kubelet reads every one). */
const MAX_MANIFESTS = 256;

/**
 * The components run by the static pods of these directories. Every file not starting with a dot
 * is a manifest to the kubelet, whatever its extension; files that hold no Pod are passed over, and
 * a file that does not parse is an input error (the kubelet would not run it either).
 */
export function staticPods(host: Host, dirs: readonly string[], errors: InputError[]): StaticPod[] {
  const pods: Resource[] = [];
  const manifestOf = new Map<Resource, string>();
  const seen = new Set<string>();
  for (const dir of dirs) {
    const names = host.list(dir).filter((n) => !n.startsWith('.')).slice(0, MAX_MANIFESTS);
    for (const name of names) {
      const p = `${dir.replace(/\/$/, '')}/${name}`;
      if (seen.has(p)) continue;
      seen.add(p);
      const st = host.stat(p, 'a static pod manifest');
      if (!st?.isFile()) continue;
      const text = host.read(p, 'a static pod manifest');
      if (text === undefined) continue;
      const sink: DocumentSink = { resources: [], ignored: [], errors: [], documents: 0 };
      readText(text, [], { file: host.real(p), type: 'node', lines: new LineIndex(text) }, sink);
      for (const e of sink.errors) errors.push(e);
      for (const r of sink.resources) {
        if (r.kind !== 'Pod') continue;
        pods.push(r);
        manifestOf.set(r, p);
      }
    }
  }
  if (!pods.length) return [];
  const out: StaticPod[] = [];
  for (const c of new Inventory(pods).components().all) {
    const manifest = manifestOf.get(c.resource)!;
    const file = host.real(manifest);
    const at = (p: PathSegments) => c.resource.locate?.(p) ?? { file, exact: false };
    // the flags as the component parses them, one argument each, in their order
    const args: Origin[] = c.flags.occurrences.map((o) => ({ text: o.bare ? `--${o.name}` : `--${o.name}=${o.value}`, at: at(o.flagPath) }));
    if (c.name === 'etcd') {
      // etcd also takes ETCD_* variables: those of the container's env with a literal value
      const containers: unknown = (c.resource.object.spec as Record<string, unknown> | undefined)?.containers;
      const container = /^container "(.*)"$/.exec(c.where)?.[1];
      const i = Array.isArray(containers) ? containers.findIndex((x) => x && typeof x === 'object' && (x as Record<string, unknown>).name === container) : -1;
      const env: unknown = i >= 0 ? (containers as Array<Record<string, unknown>>)[i].env : undefined;
      if (Array.isArray(env)) {
        const variables = env.flatMap((e, j) => e && typeof e === 'object' && typeof e.name === 'string' && typeof e.value === 'string'
          ? [{ name: e.name as string, value: e.value as string, at: at(['spec', 'containers', i, 'env', j, 'value']) }] : []);
        for (const f of etcdFlagsOf(variables, args)) args.push(f);
      }
    }
    const exe: Origin = { text: c.name, at: at(c.flagsAt) };
    out.push({ name: c.name, manifest, args, launch: { argv: [c.name, ...args.map((a) => a.text)], file, origins: [exe, ...args] } });
  }
  return out;
}
