// The node source: the Kubernetes components running on a host, from its process table and files.
// Each component becomes a NodeComponent resource (`node/<hostname>/<component>`) whose command
// line points back at the file each argument came from; the configuration files its flags name
// (kubelet config, encryption config, audit policy, authorization config) become resources of
// their own, joined to it by path in the inventory. A path a flag names is read as its process
// sees it: a component in a container (kube-proxy's DaemonSet pod) through /proc/<pid>/root (see
// host.ts). A root with no processes under its /proc (a node's disk mounted elsewhere) is read from
// the files that start the components instead: static pods, systemd units, microk8s' args (disk.ts),
// and the result says so (`fromFiles`). Key material is read only to be parsed: it is never copied
// into a message.
import path from 'node:path';
import type { IgnoredDocument, InputError, Locator, Resource, ScanTarget, SourceLocation } from '../../model/types.js';
import { NODE_API_VERSION, NODE_COMPONENT_KIND, type NodeComponentSpec } from '../../model/node.js';
import { FLAG_SPECS, VALUED_FLAGS, type ComponentName } from '../../model/component-specs.js';
import { parseFlags, type Flags } from '../../model/flags.js';
import { readText } from '../files/index.js';
import type { DocumentSink } from '../files/to-resources.js';
import { LineIndex } from '../files/yaml-documents.js';
import { DEFAULT_DATA_DIRS, DISTRIBUTION_MARKERS, KUBELET_CONFIG_CANDIDATES } from './file-table.js';
import { FileList, candidateFiles, namedFiles } from './files.js';
import { Host, ROOT_HINT, type Files, type Unreachable } from './host.js';
import { listProcesses, recognise, type Found, type Origin, type Proc } from './processes.js';
import { diskLaunches, staticPods, type StartFile } from './disk.js';
import { dataDirOf, readOptions, synthesizeK3s, type OptionFile } from './k3s.js';
import { synthesizeKubelite } from './kubelite.js';
import { expandEtcdConfig } from './etcd-config.js';
import { etcdEnvironmentFlags } from './etcd-env.js';
import { mergeDropIns } from './kubelet-dropins.js';

export interface NodeSourceResult extends DocumentSink {
  targets: ScanTarget[];
  hostname: string;
  /** Components found; 0 on a machine that runs none. */
  components: number;
  /** What the scan found or did not find, for the user. */
  notes: string[];
  /** Things the user should know about the result (a config file the kubelet does not read, flags etcd ignores). */
  warnings: string[];
  /**
   * Set when the root has no running processes (a node's disk mounted elsewhere): the components were
   * found in the files that start them, and this says so (and what is not seen).
   */
  fromFiles?: string;
}

interface Running {
  name: ComponentName;
  distribution?: string;
  /** The process; undefined for a component read from its files (a node's disk, without processes). */
  pid?: number;
  /** Where its command line was read: /proc/<pid>/cmdline, the static pod manifest, the systemd unit (on this machine). */
  file: string;
  /** For messages: `process 4242`, `static pod /etc/kubernetes/manifests/etcd.yaml`, `systemd unit kubelet.service`. */
  what: string;
  /** The executable, then the flags. */
  args: Origin[];
  /** The file the flags were rebuilt from (etcd --config-file). */
  settingsFile?: string;
  /** On a disk: the files that start it (its unit, drop-ins and environment files; its static pod manifest). */
  startFiles?: StartFile[];
}

/** Config files a flag names, read as Kubernetes objects. */
const CONFIG_FLAGS: ReadonlyArray<[ComponentName, string]> = [
  ['kube-apiserver', 'encryption-provider-config'], ['kube-apiserver', 'audit-policy-file'],
  ['kube-apiserver', 'authorization-config'], ['kubelet', 'config'],
];

/** Where kubeadm keeps its static pods, when no kubelet found on a disk names a static pod path. */
const KUBEADM_MANIFESTS = '/etc/kubernetes/manifests';

/**
 * The node at `root`, in four steps: discover the components' command lines (running processes, or on
 * a disk the files that start them), expand each into the command line the component runs with,
 * read the configuration files their flags name, and turn each component into a NodeComponent resource.
 */
export function readNode(root = '/'): NodeSourceResult {
  const node = new NodeReading(root);
  const procs = listProcesses(node.host);
  // no process at all: a node's disk mounted elsewhere (or a /proc that is not mounted); its files say how it runs
  const disk = procs.length === 0;
  const running = expandCommands(node, disk ? discoverUnits(node) : discoverProcesses(procs));
  for (const [d, marker] of DISTRIBUTION_MARKERS) if (node.host.exists(marker)) node.distributions.add(d);
  if (disk) discoverOnDisk(node, running);
  const resources = toResources(node, running);
  for (const p of node.extraConfigs) node.readConfig(p, 'k3s secrets encryption');
  return summarise(node, { root, disk, processes: procs.length, running, resources });
}

/** What the steps of a node read share: the host, what they found on it, and the documents read. */
class NodeReading {
  readonly host: Host;
  readonly hostname: string;
  readonly distributions = new Set<string>();
  /** Files that configure a distribution's components, read as Kubernetes objects (k3s' encryption config). */
  readonly extraConfigs: string[] = [];
  readonly warnings: string[] = [];
  /** k3s' and rke2's data directories, when not the default. */
  readonly dataDirs = new Map<string, string>();
  /** k3s' and rke2's own config files (they may hold the cluster token), examined with the kubelet's files. */
  readonly optionFiles: Array<OptionFile & { distribution: string }> = [];
  readonly sink: DocumentSink = { resources: [], ignored: [], errors: [], documents: 0 };
  /** The objects read from each configuration file, by the path a flag gives. */
  readonly configs = new Map<string, Resource[]>();

  constructor(root: string) {
    this.host = new Host(root);
    this.hostname = this.host.hostname();
  }

  /** A configuration file's objects (read once), with ids `node/<hostname>/<kind><path>`. */
  readConfig(p: string, why: string, view: Files = this.host): Resource[] {
    if (this.configs.has(p)) return this.configs.get(p)!;
    const text = view.read(p, why);
    const before = this.sink.resources.length;
    if (text !== undefined) readText(text, [], { file: view.location(p), type: 'node', lines: new LineIndex(text) }, this.sink);
    const added = this.sink.resources.slice(before);
    for (const r of added) r.id = `node/${this.hostname}/${r.kind}${p}`;
    this.configs.set(p, added);
    return added;
  }

  /** The files as a process sees them: through its own root when it runs in a container. */
  viewOf(pid: number | undefined, name: string): Files {
    return pid === undefined ? this.host : this.host.viewOf(pid, name);
  }
}

/** A command line found: recognised (`found`), or (on a disk) a unit that starts something else. */
interface Discovered {
  found: Found | undefined;
  /** For messages: `process 4242`, `static pod /etc/kubernetes/manifests/etcd.yaml`, `systemd unit kubelet.service`. */
  what: string;
  /** On a disk: the files that start it. */
  startFiles?: StartFile[];
  /** Whose static pod it is, when known (`rke2`, `kubeadm`). */
  distribution?: string;
  /** The executable, for a warning when it is not recognised. */
  executable?: string;
}

/** Step 1, running node: the processes that are Kubernetes components (or k3s, rke2, kubelite). */
function discoverProcesses(procs: readonly Proc[]): Discovered[] {
  const out: Discovered[] = [];
  for (const proc of procs) {
    const found = recognise(proc);
    if (found) out.push({ found, what: `process ${proc.pid}` });
  }
  return out;
}

/** Step 1, disk: the command lines the node's service manager would start (systemd units, microk8s' args). */
function discoverUnits(node: NodeReading): Discovered[] {
  return diskLaunches(node.host, node.warnings).map(({ launch, what, files }) => (
    { found: recognise(launch), what, startFiles: files, executable: launch.argv[0] }));
}

/**
 * Step 1, disk, after the units: a kubelet with no unit (its config file at a usual place), and the
 * static pods of the kubelets' manifest directories; then whose kubelet it is, when one distribution says.
 */
function discoverOnDisk(node: NodeReading, running: Running[]): void {
  const { host, distributions, warnings } = node;
  if (!running.some((r) => r.name === 'kubelet')) {
    const config = KUBELET_CONFIG_CANDIDATES.find(([, p]) => host.exists(p));
    if (distributions.has('rke2')) {
      warnings.push('rke2 starts the kubelet with flags it builds when it runs, which no file on the disk holds: '
        + 'the kubelet is not judged from a disk (scan the running node)');
    } else if (config) {
      const [d, p] = config;
      warnings.push(`no systemd unit starts the kubelet on this disk: ${p} (${d} default location) is judged as its configuration, `
        + 'as if given with --config; flags on its command line are not seen');
      const at = { file: host.real(p), exact: false };
      running.push({ name: 'kubelet', file: host.real(p), what: `${p}, no unit`, args: [{ text: 'kubelet', at }, { text: `--config=${p}`, at }] });
    }
  }
  const dirs: string[] = [];
  for (const r of running.filter((x) => x.name === 'kubelet' && x.distribution === undefined)) {
    const flags = parseFlags(r.args.slice(1).map((o, i) => ({ text: o.text, path: [i] })), FLAG_SPECS.kubelet, VALUED_FLAGS).flags;
    const config = flags.value('config');
    const fromConfig = config ? node.readConfig(config, '--config of kubelet').find((x) => x.kind === 'KubeletConfiguration')?.object.staticPodPath : undefined;
    const dir = flags.value('pod-manifest-path') ?? (typeof fromConfig === 'string' ? fromConfig : undefined);
    if (dir) dirs.push(dir);
  }
  if (!dirs.length && distributions.has('kubeadm')) dirs.push(KUBEADM_MANIFESTS);
  const rke2Pods = `${node.dataDirs.get('rke2') ?? DEFAULT_DATA_DIRS.rke2}/agent/pod-manifests`;
  if (distributions.has('rke2')) dirs.push(rke2Pods);
  const pods: Discovered[] = staticPods(host, dirs, node.sink.errors).map((pod) => ({
    found: { type: 'component', name: pod.name, proc: pod.launch, args: pod.args },
    what: `static pod ${pod.manifest}`,
    startFiles: [{ path: pod.manifest, role: 'manifest', reason: 'static pod manifest' }],
    // whose static pod it is, for messages (`kube-apiserver (kubeadm kube-apiserver)`)
    distribution: pod.manifest.startsWith(`${rke2Pods}/`) ? 'rke2' : distributions.has('kubeadm') ? 'kubeadm' : undefined,
  }));
  for (const r of expandCommands(node, pods)) running.push(r);
  // a kubelet started by its unit, on a node of one recognisable distribution: that one's (`kubelet (kubeadm kubelet)`)
  const hosts = ['kubeadm', 'eks', 'gke', 'aks'].filter((d) => distributions.has(d));
  for (const r of running) if (r.name === 'kubelet' && !r.distribution && hosts.length === 1) r.distribution = hosts[0];
}

/**
 * Step 2: each command line as the component runs with it — etcd with its ETCD_* variables and its
 * --config-file, k3s' and microk8s' components with the flags they are given, rke2's data directory.
 * Files that start several components are examined with the kubelet's (or the first component's).
 */
function expandCommands(node: NodeReading, discovered: readonly Discovered[]): Running[] {
  const running: Running[] = [];
  for (const d of discovered) {
    if (!d.found) {
      node.warnings.push(`${d.what} starts ${d.executable}, which is not a Kubernetes component Palisade recognises: not judged`);
      continue;
    }
    const added = expandCommand(node, d.found, d.what);
    const owner = added.find((r) => r.name === 'kubelet') ?? added[0];
    if (owner && d.startFiles?.length) owner.startFiles = d.startFiles;
    for (const r of added) {
      if (d.distribution) r.distribution = d.distribution;
      running.push(r);
    }
  }
  return running;
}

function expandCommand(node: NodeReading, found: Found, what: string): Running[] {
  const { host } = node;
  const proc = found.proc;
  const exe: Origin = proc.origins?.[0] ?? { text: proc.argv[0], at: { file: proc.file } };
  const base = { pid: proc.pid, file: proc.file };
  if (found.type === 'component') {
    let args = [exe, ...found.args];
    let settingsFile: string | undefined;
    if (found.name === 'etcd') {
      // flags from ETCD_* variables count as given after the command line's (which win)
      const withEnv = proc.pid === undefined ? found.args : [...found.args, ...etcdEnvironmentFlags(host, proc as Proc, found.args)];
      args = [exe, ...withEnv];
      const expanded = expandEtcdConfig(node.viewOf(proc.pid, 'etcd'), withEnv);
      if (expanded) {
        args = [exe, ...expanded.args];
        settingsFile = expanded.configFile;
        if (expanded.ignored.length) {
          node.warnings.push(`etcd (${what}) takes its settings from --config-file=${expanded.configFile}: `
            + `etcd ignores its other command-line flags and ETCD_* variables (${expanded.ignored.join(', ')})`);
        }
      }
    }
    return [{ name: found.name, ...base, what, args, ...(settingsFile ? { settingsFile } : {}) }];
  }
  if (found.type === 'k3s') {
    node.distributions.add('k3s');
    const k3s = synthesizeK3s(host, proc, found.role);
    // loops, not push(...): a config.yaml.d directory can hold any number of files
    for (const f of k3s.configFiles) node.extraConfigs.push(f);
    node.dataDirs.set('k3s', k3s.dataDir);
    for (const f of k3s.optionFiles) node.optionFiles.push({ ...f, distribution: 'k3s' });
    return k3s.components.map((c) => ({ name: c.name, distribution: 'k3s', ...base, what, args: [{ text: `${c.name} (k3s ${found.role})`, at: exe.at }, ...c.args] }));
  }
  if (found.type === 'rke2') {
    // rke2 runs each component as a process of its own (the kubelet directly, the control plane as
    // static pods): they are found with their flags. Its config names the data directory.
    node.distributions.add('rke2');
    const { options, files } = readOptions(host, proc, '/etc/rancher/rke2/config.yaml', 'rke2');
    node.dataDirs.set('rke2', dataDirOf(options, DEFAULT_DATA_DIRS.rke2));
    for (const f of files) node.optionFiles.push({ ...f, distribution: 'rke2' });
    return [];
  }
  node.distributions.add('microk8s');
  return synthesizeKubelite(host, proc).map((c) => ({ name: c.name, distribution: 'microk8s', ...base, what, args: [{ text: `${c.name} (kubelite)`, at: exe.at }, ...c.args] }));
}

/** Step 3's result for one component: its parsed flags and the kubelet's effective configuration. */
interface ReadConfigs {
  flags: Flags;
  kubeletConfig?: Record<string, unknown>;
}

/**
 * Step 3: the configuration files a component's flags name, read as Kubernetes objects (as its
 * process sees them); for the kubelet, its --config-dir drop-ins merged over its --config file.
 */
function readConfigs(node: NodeReading, r: Running): ReadConfigs {
  const flags = parseFlags(r.args.slice(1).map((o, i) => ({ text: o.text, path: ['spec', 'command', i + 1] })), FLAG_SPECS[r.name], VALUED_FLAGS).flags;
  const view = node.viewOf(r.pid, r.name);
  let kubeletConfig: Record<string, unknown> | undefined;
  for (const [component, flag] of CONFIG_FLAGS) {
    const p = component === r.name ? flags.value(flag) : undefined;
    if (!p) continue;
    const read = node.readConfig(p, `--${flag} of ${r.name}`, view);
    if (flag === 'config') kubeletConfig = read.find((x) => x.kind === 'KubeletConfiguration')?.object;
  }
  if (r.name === 'kubelet') {
    kubeletConfig = mergeKubeletDropIns(node, view, flags.value('config'), flags.value('config-dir')) ?? kubeletConfig;
    if (!flags.value('config') && !flags.value('config-dir')) warnUnreadCandidates(node, r);
  }
  return { flags, kubeletConfig };
}

/** --config-dir: the drop-ins merged over the --config file into the one configuration the kubelet runs with. */
function mergeKubeletDropIns(node: NodeReading, view: Files, config: string | undefined, dir: string | undefined): Record<string, unknown> | undefined {
  if (!dir) return undefined;
  const { sink, configs } = node;
  const base = config ? configs.get(config)?.find((x) => x.kind === 'KubeletConfiguration') : undefined;
  const merged = mergeDropIns(view, dir, base, `node/${node.hostname}/KubeletConfiguration${config ?? dir}`, sink.errors);
  if (!merged) return undefined;
  const at = base ? sink.resources.indexOf(base) : -1;
  if (at >= 0) sink.resources[at] = merged.resource;
  else sink.resources.push(merged.resource);
  if (config) configs.set(config, [merged.resource]);
  return merged.resource.object;
}

/** A kubelet without --config reads no config file, whatever exists at the usual places: say so. */
function warnUnreadCandidates(node: NodeReading, r: Running): void {
  for (const [d, p] of KUBELET_CONFIG_CANDIDATES) {
    if (!node.host.exists(p)) continue;
    node.warnings.push(`kubelet (${r.what}) has no --config: ${p} (${d} default location) is not read by it; `
      + 'it is judged on its command-line flags and their defaults, and the file only for its permissions');
  }
}

/**
 * Steps 3 and 4 for every component: its configuration files read, then its NodeComponent resource
 * (`node/<hostname>/<component>`, with a suffix when two run) with the files it names or uses.
 */
function toResources(node: NodeReading, running: readonly Running[]): Resource[] {
  const resources: Resource[] = [];
  const ids = new Set<string>();
  for (const r of running) {
    const { flags, kubeletConfig } = readConfigs(node, r);
    let id = `node/${node.hostname}/${r.name}`;
    if (ids.has(id)) id = `${id}-${r.pid ?? path.basename(r.file)}`;
    ids.add(id);
    resources.push(nodeResource(id, node.hostname, r, filesOf(node, r, flags, kubeletConfig)));
  }
  return resources;
}

/** The files a component uses, to be judged for their modes: distribution option files, the files that start it, those its flags and config name, and the usual places. */
function filesOf(node: NodeReading, r: Running, flags: Flags, kubeletConfig: Record<string, unknown> | undefined): FileList {
  const files = new FileList(node.host);
  if (r.name === 'kubelet') {
    for (const f of node.optionFiles) {
      const reason = `${f.distribution} configuration${f.secrets.length ? `, holds ${f.secrets.join(', ')}` : ''}`;
      files.add(f.path, f.secrets.length ? 'key' : 'config', reason, false);
    }
  }
  for (const f of r.startFiles ?? []) files.add(f.path, f.role, f.reason, false);
  namedFiles(files, r.name, flags, node.viewOf(r.pid, r.name), kubeletConfig);
  candidateFiles(files, r.name, [...node.distributions], node.dataDirs);
  return files;
}

/** The source's result: the resources and documents read, and notes and warnings that say what was found and how. */
function summarise(node: NodeReading, read: { root: string; disk: boolean; processes: number; running: readonly Running[]; resources: Resource[] }): NodeSourceResult {
  const { host, hostname, distributions, warnings, sink } = node;
  const { root, disk, running } = read;
  const errors: InputError[] = [...host.errors, ...sink.errors];
  const all = [...read.resources, ...sink.resources];
  const notes: string[] = [];
  /** Said of a node read from its files: in the report's warnings, and in the reason of every node control skipped. */
  const diskNote = disk
    ? `no running processes under ${host.real('/proc')} (a mounted disk?): judged the files found — flags given only on a command line are not seen`
    : undefined;
  if (running.length === 0) {
    notes.push(disk
      ? `no Kubernetes components found on this host: there are no running processes under ${host.real('/proc')} (a mounted disk?), `
        + 'and none of the files that start them where the distributions keep them (static pod manifests, systemd units of the kubelet, '
        + 'k3s or rke2, a kubelet configuration file, microk8s\' args)'
      : `no Kubernetes components found on this host: none of the ${read.processes} processes under ${host.real('/proc')} is `
        + 'kube-apiserver, etcd, kube-controller-manager, kube-scheduler, kubelet, kube-proxy, k3s, rke2 or microk8s kubelite');
  } else if (disk) {
    notes.push(`node ${hostname}, from its files: ${running.map((r) => `${r.name} (${r.what})`).join(', ')}`
      + `${distributions.size ? ` (${[...distributions].join(', ')})` : ''}`);
  } else {
    notes.push(`node ${hostname}: ${running.map((r) => r.name).join(', ')}${distributions.size ? ` (${[...distributions].join(', ')})` : ''}`);
  }
  for (const { pid, component, paths } of host.inOwnView.values()) {
    notes.push(`${component} (process ${pid}) runs in a mount namespace of its own: ${paths.join(', ')} read from its own file system view `
      + `(${host.real(`/proc/${pid}/root`)}); findings name ${paths.length === 1 ? 'it' : 'them'} as ${component} does`);
  }
  for (const u of host.unreachable) warnings.push(unreachableWarning(u));
  const ignored: IgnoredDocument[] = sink.ignored;
  return {
    resources: all, ignored, errors, documents: all.length + ignored.length + errors.length,
    targets: [{ type: 'node', paths: [root] }], hostname, components: running.length, notes, warnings,
    ...(diskNote ? { fromFiles: diskNote } : {}),
  };
}

/** A file a component names that is not on the host and whose own file system view could not be entered: a warning, not an input error. */
function unreachableWarning(u: Unreachable): string {
  const what = u.sameMounts === false
    ? `${u.component} (process ${u.pid}) runs in a container: ${u.path} (${u.why}) could not be read from inside it`
    : `${u.component} (process ${u.pid}): ${u.path} (${u.why}) is not on the host and could not be read from inside its container, if it runs in one`;
  return `${what}: ${u.procRoot} could not be entered (${u.reason}); ${u.denied ? ROOT_HINT : 'scan again'}`;
}

function nodeResource(id: string, hostname: string, r: Running, list: FileList): Resource {
  const files = list.files;
  const spec: NodeComponentSpec = {
    node: hostname, component: r.name, command: r.args.map((a) => a.text), files,
  };
  if (r.pid !== undefined) spec.pid = r.pid;
  if (r.distribution) spec.distribution = r.distribution;
  if (r.settingsFile) spec.settingsFile = r.settingsFile;
  // a setting that is not on the command line is reported at the command: the cmdline file, or (read from files) where the command is
  const cmdline: SourceLocation = r.pid === undefined && r.args[0] ? { ...r.args[0].at, exact: false } : { file: r.file, exact: false };
  const locate: Locator = (p) => {
    if (p[0] === 'spec' && p[1] === 'command' && typeof p[2] === 'number') return r.args[p[2]]?.at ?? cmdline;
    if (p[0] === 'spec' && p[1] === 'files' && typeof p[2] === 'number' && files[p[2]]) return { file: list.locations[p[2]] };
    return cmdline;
  };
  return {
    id, apiVersion: NODE_API_VERSION, kind: NODE_COMPONENT_KIND, name: r.name, clusterScoped: true,
    object: { apiVersion: NODE_API_VERSION, kind: NODE_COMPONENT_KIND, metadata: { name: r.name }, spec: spec as unknown as Record<string, unknown> },
    source: { type: 'node', file: r.file },
    locate,
  };
}
