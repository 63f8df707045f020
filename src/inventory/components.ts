// The component index: which resources run Kubernetes' own components (static pods, workloads,
// node processes), their parsed flags, and the configuration files those flags point at.
import path from 'node:path';
import type { PathSegments, Resource } from '../model/types.js';
import { apiGroup } from '../model/kinds.js';
import { NODE_COMPONENT_KIND } from '../model/node.js';
import type { ContainerInfo, PodInfo } from './pods.js';
import { imageBaseName, type ImageRef } from '../model/image-ref.js';
import { parseFlags, type Arg, type Flags } from '../model/flags.js';
import {
  FLAG_SPECS, HYPERKUBE_SUBCOMMANDS, VALUED_FLAGS, isComponentName, type ComponentName,
} from '../model/component-specs.js';

export interface Component {
  name: ComponentName;
  resource: Resource;
  /** For messages: `container "kube-apiserver"` or `process 1234`. */
  where: string;
  flags: Flags;
  /** The list that holds the flags: where an unset flag would be added. */
  flagsAt: PathSegments;
  /**
   * The configuration files of the input its flags name (see CONFIG_FLAGS). A control reports a
   * finding inside one with `ctx.failIn(config, path, …)`: on the component's resource, at
   * `<kind>.<path>` (`encryption.resources[0].providers[0].identity`), located in the file.
   */
  configs: Partial<Record<ConfigFileKind, JoinedConfig>>;
  /**
   * etcd started with --config-file takes every setting from that file and ignores its flags. A node
   * scan rebuilds the flags from the file; when the input does not hold it (a static pod manifest,
   * or a file the node scan could not read) this is its path, and the flags say nothing.
   */
  settingsNotInInput?: string;
  /** For a component found in a pod: its container. */
  container?: ContainerInfo;
  /**
   * For a component found in a pod: true when its executable is in the container's command or args
   * (also behind go-runner, hyperkube or `sh -c`), false when only the container's name or image said which.
   */
  byExecutable?: boolean;
}

/** etcd's --config-file, when the flags were not rebuilt from it. */
function unreadSettings(name: ComponentName, flags: Flags, rebuiltFrom: unknown): string | undefined {
  if (name !== 'etcd') return undefined;
  const file = flags.value('config-file');
  return file && file !== rebuiltFrom ? file : undefined;
}

/** A configuration file joined to a component: which resource holds it and which flag named it. */
export interface JoinedConfig {
  /** Its kind of configuration: the first segment of the paths reported inside it. */
  name: ConfigFileKind;
  resource: Resource;
  /** The argument of the flag that names it, in the component's resource (`spec.command[3]`): where its path is given. */
  flagPath: PathSegments;
}

/** A component as recognised, before its configuration files are joined. */
type Recognised = Omit<Component, 'configs'>;

type Obj = Record<string, any>;

/** The configuration files a flag can name, by the kind and API group of their objects. */
export const CONFIG_FILES = {
  encryption: { kind: 'EncryptionConfiguration', group: 'apiserver.config.k8s.io' },
  auditPolicy: { kind: 'Policy', group: 'audit.k8s.io' },
  kubeletConfig: { kind: 'KubeletConfiguration', group: 'kubelet.config.k8s.io' },
  authorization: { kind: 'AuthorizationConfiguration', group: 'apiserver.config.k8s.io' },
  kubeProxyConfig: { kind: 'KubeProxyConfiguration', group: 'kubeproxy.config.k8s.io' },
} as const;
export type ConfigFileKind = keyof typeof CONFIG_FILES;

/** Which flag of which component names each configuration file. */
const CONFIG_FLAGS: ReadonlyArray<{ component: ComponentName; flag: string; kind: ConfigFileKind }> = [
  { component: 'kube-apiserver', flag: 'encryption-provider-config', kind: 'encryption' },
  { component: 'kube-apiserver', flag: 'audit-policy-file', kind: 'auditPolicy' },
  { component: 'kube-apiserver', flag: 'authorization-config', kind: 'authorization' },
  { component: 'kubelet', flag: 'config', kind: 'kubeletConfig' },
  // a node scan merges --config-dir drop-ins into one configuration, named after --config when given, else after the directory
  { component: 'kubelet', flag: 'config-dir', kind: 'kubeletConfig' },
  { component: 'kube-proxy', flag: 'config', kind: 'kubeProxyConfig' },
];

export class ComponentIndex {
  readonly all: readonly Component[];
  private readonly byName = new Map<ComponentName, Component[]>();

  constructor(workloads: ReadonlyArray<{ resource: Resource; pod: PodInfo }>, nodeResources: readonly Resource[],
    private readonly configs: (kind: string) => readonly Resource[]) {
    const all: Component[] = [];
    const add = (found: Recognised | undefined): void => {
      if (found) all.push({ ...found, configs: this.joinConfigs(found) });
    };
    for (const w of workloads) {
      for (const c of w.pod.containers) {
        if (c.type !== 'containers' || !mayRunComponent(c)) continue;
        add(fromContainer(w.resource, w.pod, c));
      }
    }
    for (const r of nodeResources) add(fromNodeResource(r));
    this.all = all;
    for (const c of all) {
      let list = this.byName.get(c.name);
      if (!list) this.byName.set(c.name, (list = []));
      list.push(c);
      let here = this.byResource.get(c.resource);
      if (!here) this.byResource.set(c.resource, (here = []));
      here.push(c);
    }
  }

  private readonly byResource = new Map<Resource, Component[]>();

  /** The configuration files of the input a component's flags name (the first flag that names one of a kind). */
  private joinConfigs(c: Recognised): Component['configs'] {
    const configs: Component['configs'] = {};
    for (const j of CONFIG_FLAGS) {
      if (j.component !== c.name || configs[j.kind]) continue;
      const flag = c.flags.get(j.flag);
      const resource = flag?.value ? joinByPath(flag.value, this.configsOf(j.kind)) : undefined;
      if (resource) configs[j.kind] = { name: j.kind, resource, flagPath: flag!.path };
    }
    return configs;
  }

  /** The resources that run components with these names, in input order. */
  targets(...names: ComponentName[]): Resource[] {
    const out = new Set<Resource>();
    for (const c of this.all) if (names.includes(c.name)) out.add(c.resource);
    return [...out];
  }

  /** The components a resource runs. */
  at(resource: Resource, name?: ComponentName): Component[] {
    return (this.byResource.get(resource) ?? []).filter((c) => !name || c.name === name);
  }

  of(name: ComponentName): readonly Component[] {
    return this.byName.get(name) ?? [];
  }

  configsOf(which: ConfigFileKind): Resource[] {
    const { kind, group } = CONFIG_FILES[which];
    return this.configs(kind).filter((r) => apiGroup(r.apiVersion) === group);
  }
}

/**
 * The configuration object a flag points at, when the input holds it: a resource whose file path
 * ends with the same segments as the flag's path (the file name at least); the longest match wins.
 */
export function joinByPath(target: string, candidates: readonly Resource[]): Resource | undefined {
  const want = segments(target);
  let best: Resource | undefined;
  let bestLength = 0;
  for (const r of candidates) {
    if (!r.source.file || r.source.type === 'stdin') continue;
    const have = segments(r.source.file);
    let n = 0;
    while (n < want.length && n < have.length && want[want.length - 1 - n] === have[have.length - 1 - n]) n++;
    if (n > bestLength) { best = r; bestLength = n; }
  }
  return best;
}

function segments(p: string): string[] {
  return p.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
}

const SHELL_STOP = /^(\d?>>?|<|\||\|\||&&|;|&|2>&1|1>&2)$/;

/**
 * Whether fromContainer could find a component in a container: every way it finds one (an
 * executable, a word of an `sh -c` script, the container's name, its image) names the component,
 * and every component's name has "kube" or "etcd" in it, as hyperkube does. Most containers name
 * neither, and are passed over without building their arguments (10 ms for the 2,000 containers of
 * the 10k benchmark input, on the first control-plane control).
 */
function mayRunComponent(c: ContainerInfo): boolean {
  if (names(c.name) || names(c.spec.image)) return true;
  for (const list of [c.spec.command, c.spec.args]) {
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) if (names(typeof list[i] === 'string' ? list[i] : String(list[i]))) return true; // as strings() reads them
  }
  return false;
}

function names(v: unknown): boolean {
  return typeof v === 'string' && (v.includes('kube') || v.includes('etcd'));
}

/** Finds the component a container runs: by executable (also behind go-runner, hyperkube or `sh -c`), else by name or image. */
function fromContainer(resource: Resource, pod: PodInfo, c: ContainerInfo): Recognised | undefined {
  const cmd = strings(c.spec.command), args = strings(c.spec.args);
  const argv: Arg[] = [
    ...cmd.map((text, i) => ({ text, path: [...c.path, 'command', i] })),
    ...args.map((text, i) => ({ text, path: [...c.path, 'args', i] })),
  ];
  const listAt: PathSegments = args.length ? [...c.path, 'args'] : [...c.path, 'command'];
  const where = `container "${c.name}"`;
  for (let i = 0; i < argv.length; i++) {
    const text = argv[i].text;
    const name = executableComponent(text, argv[i + 1]?.text);
    if (name) {
      const skip = path.basename(text) === 'hyperkube' ? 2 : 1;
      return inContainer(accept(name, resource, pod, where, argv.slice(i + skip), listAt), c, true);
    }
    // `sh -c "kube-apiserver --a=b ..."`: split the script into words, each pointing at the script
    if (i > 0 && argv[i - 1].text === '-c' && /\s/.test(text)) {
      const words = text.split(/\s+/).filter(Boolean);
      const at = words.findIndex((w, j) => executableComponent(w, words[j + 1]) !== undefined);
      if (at < 0) continue;
      const name2 = executableComponent(words[at], words[at + 1])!;
      const rest: Arg[] = [];
      for (const w of words.slice(at + (path.basename(words[at]) === 'hyperkube' ? 2 : 1))) {
        if (SHELL_STOP.test(w) || w.startsWith('>') || w.startsWith('1>') || w.startsWith('2>')) break;
        rest.push({ text: w, path: argv[i].path });
      }
      return inContainer(accept(name2, resource, pod, where, rest, argv[i].path), c, true);
    }
  }
  // The image's entrypoint is the component: only flags in command/args, and the name or image says which.
  if (argv.length && !argv[0].text.startsWith('-')) return undefined;
  const byName = componentOfName(c.name) ?? componentOfImage(c.image);
  return byName ? inContainer(accept(byName, resource, pod, where, argv, listAt), c, false) : undefined;
}

function inContainer(found: Recognised | undefined, container: ContainerInfo, byExecutable: boolean): Recognised | undefined {
  return found && { ...found, container, byExecutable };
}

function accept(name: ComponentName, resource: Resource, pod: PodInfo, where: string, args: Arg[], flagsAt: PathSegments): Recognised | undefined {
  // etcd is also run by applications for their own data: only the cluster's etcd counts.
  if (name === 'etcd' && !isControlPlanePod(resource, pod)) return undefined;
  const { flags } = parseFlags(args, FLAG_SPECS[name], VALUED_FLAGS);
  const elsewhere = unreadSettings(name, flags, undefined);
  return { name, resource, where, flags, flagsAt, ...(elsewhere ? { settingsNotInInput: elsewhere } : {}) };
}

function isControlPlanePod(resource: Resource, pod: PodInfo): boolean {
  const labels: Obj = pod.metadata.labels ?? {};
  return resource.effectiveNamespace === 'kube-system' || labels.component === 'etcd' || labels.tier === 'control-plane'
    || labels['k8s-app'] === 'etcd';
}

function executableComponent(text: string, next: string | undefined): ComponentName | undefined {
  // a flag is never the executable: `--kubelet-service=kube-system/kubelet` (prometheus-operator) names a kubelet, it is not one
  if (text.startsWith('-') || text.includes('=')) return undefined;
  const base = path.basename(text);
  if (isComponentName(base)) return base;
  if (base === 'hyperkube' && next && Object.hasOwn(HYPERKUBE_SUBCOMMANDS, next)) return HYPERKUBE_SUBCOMMANDS[next]; // not `constructor`
  return undefined;
}

function componentOfName(name: string): ComponentName | undefined {
  return isComponentName(name) ? name : undefined;
}

/** `registry.k8s.io/kube-apiserver-amd64:v1.30.0` → kube-apiserver. */
function componentOfImage(image: ImageRef | undefined): ComponentName | undefined {
  if (!image) return undefined;
  const base = imageBaseName(image).replace(/-(amd64|arm64|arm|ppc64le|s390x)$/, '');
  return isComponentName(base) ? base : undefined;
}

function fromNodeResource(r: Resource): Recognised | undefined {
  if (r.kind !== NODE_COMPONENT_KIND) return undefined;
  const spec: Obj = (r.object.spec as Obj) ?? {};
  const name = spec.component;
  if (typeof name !== 'string' || !isComponentName(name)) return undefined;
  const command = strings(spec.command);
  const args: Arg[] = command.slice(1).map((text, i) => ({ text, path: ['spec', 'command', i + 1] }));
  const { flags } = parseFlags(args, FLAG_SPECS[name], VALUED_FLAGS);
  const where = typeof spec.pid === 'number' ? `process ${spec.pid}` : `${spec.distribution ?? 'node'} ${name}`;
  const elsewhere = unreadSettings(name, flags, spec.settingsFile);
  return { name, resource: r, where, flags, flagsAt: ['spec', 'command'], ...(elsewhere ? { settingsNotInInput: elsewhere } : {}) };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String(x))) : [];
}
