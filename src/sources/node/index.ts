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
import { parseFlags } from '../../model/flags.js';
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

export function readNode(root = '/'): NodeSourceResult {
  const host = new Host(root);
  const hostname = host.hostname();
  const procs = listProcesses(host);
  // no process at all: a node's disk mounted elsewhere (or a /proc that is not mounted); its files say how it runs
  const disk = procs.length === 0;
  const running: Running[] = [];
  const distributions = new Set<string>();
  const extraConfigs: string[] = [];
  const warnings: string[] = [];
  /** k3s' and rke2's data directories, when not the default. */
  const dataDirs = new Map<string, string>();
  /** k3s' and rke2's own config files (they may hold the cluster token), examined with the kubelet's files. */
  const optionFiles: Array<OptionFile & { distribution: string }> = [];
  const sink: DocumentSink = { resources: [], ignored: [], errors: [], documents: 0 };
  const configs = new Map<string, Resource[]>();
  const readConfig = (p: string, why: string, view: Files = host): Resource[] => {
    if (configs.has(p)) return configs.get(p)!;
    const text = view.read(p, why);
    const before = sink.resources.length;
    if (text !== undefined) readText(text, [], { file: view.location(p), type: 'node', lines: new LineIndex(text) }, sink);
    const added = sink.resources.slice(before);
    for (const r of added) r.id = `node/${hostname}/${r.kind}${p}`;
    configs.set(p, added);
    return added;
  };
  const viewOf = (pid: number | undefined, name: string): Files => (pid === undefined ? host : host.viewOf(pid, name));

  /** A command line found running, or read from the files that start it on a disk (examined with the kubelet's files, or the first component's). */
  const admit = (found: Found, what: string, startFiles: StartFile[] = []): void => {
    const before = running.length;
    admitOne(found, what);
    const added = running.slice(before);
    const owner = added.find((r) => r.name === 'kubelet') ?? added[0];
    if (owner && startFiles.length) owner.startFiles = startFiles;
  };
  const admitOne = (found: Found, what: string): void => {
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
        const expanded = expandEtcdConfig(viewOf(proc.pid, 'etcd'), withEnv);
        if (expanded) {
          args = [exe, ...expanded.args];
          settingsFile = expanded.configFile;
          if (expanded.ignored.length) {
            warnings.push(`etcd (${what}) takes its settings from --config-file=${expanded.configFile}: `
              + `etcd ignores its other command-line flags and ETCD_* variables (${expanded.ignored.join(', ')})`);
          }
        }
      }
      running.push({ name: found.name, ...base, what, args, ...(settingsFile ? { settingsFile } : {}) });
    } else if (found.type === 'k3s') {
      distributions.add('k3s');
      const k3s = synthesizeK3s(host, proc, found.role);
      // loops, not push(...): a config.yaml.d directory can hold any number of files
      for (const f of k3s.configFiles) extraConfigs.push(f);
      dataDirs.set('k3s', k3s.dataDir);
      for (const f of k3s.optionFiles) optionFiles.push({ ...f, distribution: 'k3s' });
      for (const c of k3s.components) running.push({ name: c.name, distribution: 'k3s', ...base, what, args: [{ text: `${c.name} (k3s ${found.role})`, at: exe.at }, ...c.args] });
    } else if (found.type === 'rke2') {
      // rke2 runs each component as a process of its own (the kubelet directly, the control plane as
      // static pods): they are found with their flags. Its config names the data directory.
      distributions.add('rke2');
      const { options, files } = readOptions(host, proc, '/etc/rancher/rke2/config.yaml', 'rke2');
      dataDirs.set('rke2', dataDirOf(options, DEFAULT_DATA_DIRS.rke2));
      for (const f of files) optionFiles.push({ ...f, distribution: 'rke2' });
    } else {
      distributions.add('microk8s');
      for (const c of synthesizeKubelite(host, proc)) running.push({ name: c.name, distribution: 'microk8s', ...base, what, args: [{ text: `${c.name} (kubelite)`, at: exe.at }, ...c.args] });
    }
  };

  if (!disk) {
    for (const proc of procs) {
      const found = recognise(proc);
      if (found) admit(found, `process ${proc.pid}`);
    }
  } else {
    for (const { launch, what, files } of diskLaunches(host, warnings)) {
      const found = recognise(launch);
      if (found) admit(found, what, files);
      else warnings.push(`${what} starts ${launch.argv[0]}, which is not a Kubernetes component Palisade recognises: not judged`);
    }
  }
  for (const [d, marker] of DISTRIBUTION_MARKERS) if (host.exists(marker)) distributions.add(d);
  if (disk) fromDisk();

  /** On a disk: a kubelet with no unit (its config file), and the static pods of the kubelet's directory. */
  function fromDisk(): void {
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
      const fromConfig = config ? readConfig(config, '--config of kubelet').find((x) => x.kind === 'KubeletConfiguration')?.object.staticPodPath : undefined;
      const dir = flags.value('pod-manifest-path') ?? (typeof fromConfig === 'string' ? fromConfig : undefined);
      if (dir) dirs.push(dir);
    }
    if (!dirs.length && distributions.has('kubeadm')) dirs.push(KUBEADM_MANIFESTS);
    const rke2Pods = `${dataDirs.get('rke2') ?? DEFAULT_DATA_DIRS.rke2}/agent/pod-manifests`;
    if (distributions.has('rke2')) dirs.push(rke2Pods);
    for (const pod of staticPods(host, dirs, sink.errors)) {
      const before = running.length;
      admit({ type: 'component', name: pod.name, proc: pod.launch, args: pod.args }, `static pod ${pod.manifest}`,
        [{ path: pod.manifest, role: 'manifest', reason: 'static pod manifest' }]);
      // whose static pod it is, for messages (`kube-apiserver (kubeadm kube-apiserver)`)
      const distribution = pod.manifest.startsWith(`${rke2Pods}/`) ? 'rke2' : distributions.has('kubeadm') ? 'kubeadm' : undefined;
      for (const r of running.slice(before)) if (distribution) r.distribution = distribution;
    }
    // a kubelet started by its unit, on a node of one recognisable distribution: that one's (`kubelet (kubeadm kubelet)`)
    const hosts = ['kubeadm', 'eks', 'gke', 'aks'].filter((d) => distributions.has(d));
    for (const r of running) if (r.name === 'kubelet' && !r.distribution && hosts.length === 1) r.distribution = hosts[0];
  }

  const resources: Resource[] = [];
  const ids = new Set<string>();
  for (const r of running) {
    const flags = parseFlags(r.args.slice(1).map((o, i) => ({ text: o.text, path: ['spec', 'command', i + 1] })), FLAG_SPECS[r.name], VALUED_FLAGS).flags;
    const view = viewOf(r.pid, r.name);
    let kubeletConfig: Record<string, unknown> | undefined;
    for (const [component, flag] of CONFIG_FLAGS) {
      const p = component === r.name ? flags.value(flag) : undefined;
      if (!p) continue;
      const read = readConfig(p, `--${flag} of ${r.name}`, view);
      if (flag === 'config') kubeletConfig = read.find((x) => x.kind === 'KubeletConfiguration')?.object;
    }
    const files = new FileList(host);
    if (r.name === 'kubelet') {
      kubeletConfig = kubeletDropIns(view, flags.value('config'), flags.value('config-dir')) ?? kubeletConfig;
      if (!flags.value('config') && !flags.value('config-dir')) unreadCandidates(r);
      for (const f of optionFiles) {
        const reason = `${f.distribution} configuration${f.secrets.length ? `, holds ${f.secrets.join(', ')}` : ''}`;
        files.add(f.path, f.secrets.length ? 'key' : 'config', reason, false);
      }
    }
    for (const f of r.startFiles ?? []) files.add(f.path, f.role, f.reason, false);
    namedFiles(files, r.name, flags, view, kubeletConfig);
    candidateFiles(files, r.name, [...distributions], dataDirs);
    let id = `node/${hostname}/${r.name}`;
    if (ids.has(id)) id = `${id}-${r.pid ?? path.basename(r.file)}`;
    ids.add(id);
    resources.push(nodeResource(id, hostname, r, files));
  }
  for (const p of extraConfigs) readConfig(p, 'k3s secrets encryption');

  /** --config-dir: the drop-ins merged over the --config file into the one configuration the kubelet runs with. */
  function kubeletDropIns(view: Files, config: string | undefined, dir: string | undefined): Record<string, unknown> | undefined {
    if (!dir) return undefined;
    const base = config ? configs.get(config)?.find((x) => x.kind === 'KubeletConfiguration') : undefined;
    const merged = mergeDropIns(view, dir, base, `node/${hostname}/KubeletConfiguration${config ?? dir}`, sink.errors);
    if (!merged) return undefined;
    const at = base ? sink.resources.indexOf(base) : -1;
    if (at >= 0) sink.resources[at] = merged.resource;
    else sink.resources.push(merged.resource);
    if (config) configs.set(config, [merged.resource]);
    return merged.resource.object;
  }

  /** A kubelet without --config reads no config file, whatever exists at the usual places: say so. */
  function unreadCandidates(r: Running): void {
    for (const [d, p] of KUBELET_CONFIG_CANDIDATES) {
      if (!host.exists(p)) continue;
      warnings.push(`kubelet (${r.what}) has no --config: ${p} (${d} default location) is not read by it; `
        + 'it is judged on its command-line flags and their defaults, and the file only for its permissions');
    }
  }

  const errors: InputError[] = [...host.errors, ...sink.errors];
  const all = [...resources, ...sink.resources];
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
      : `no Kubernetes components found on this host: none of the ${procs.length} processes under ${host.real('/proc')} is `
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
