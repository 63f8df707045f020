// Static pods, and the control plane's own: which pods the kubelet runs from a manifest file, and which
// of those run Kubernetes' own control-plane components (recognised as the component index recognises
// them), so that the pod controls can report what those components need as excepted, not failed.
import path from 'node:path';
import type { Resource } from '../model/types.js';
import type { ComponentName } from '../model/component-specs.js';
import { isObj } from '../model/guards.js';
import type { Component } from './components.js';
import type { Inventory } from './index.js';
import type { ContainerInfo, PodInfo } from './pods.js';

/**
 * The annotation the kubelet puts on the mirror pod it creates in the API for each static pod
 * (k8s.io/kubernetes/pkg/kubelet/types: ConfigMirrorAnnotationKey). A pod created through the API with
 * it is no way around the rule below: the kubelet deletes a mirror pod that has no static pod behind it
 * (kubelet HandlePodCleanups → deleteOrphanedMirrorPods).
 */
export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/**
 * The directories the kubelet reads static pods from in the distributions the node scan knows:
 * kubeadm's and kops' /etc/kubernetes/manifests, rke2's <data-dir>/agent/pod-manifests (a node's disk
 * mounted elsewhere keeps them under its mount point, so they are matched as the end of the path).
 */
const STATIC_POD_DIRS: readonly string[] = ['/etc/kubernetes/manifests', '/agent/pod-manifests'];

/** The components of the control plane proper, which kubeadm (and kops, rke2) run as static pods on the host network. */
const CONTROL_PLANE: ReadonlySet<ComponentName> = new Set(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd']);

/** How a pod was recognised as a static pod: its mirror annotation, or its manifest's directory. */
export type StaticPodEvidence = 'mirror pod' | 'static pod manifest';

/**
 * Whether the kubelet runs this pod from a manifest file: a `Pod` (the kubelet reads no other kind
 * there) that is the mirror of one (annotation kubernetes.io/config.mirror, as a cluster scan reads it),
 * or a manifest file in a static pod directory (the usual ones, and with `inventory` those its kubelets
 * name: see staticPodDirs). Static pods cannot reference a ServiceAccount, and get
 * no service-account token: the ServiceAccount admission plugin mounts none into a mirror pod and
 * rejects one that names a ServiceAccount, Secret or ConfigMap (plugin/pkg/admission/serviceaccount/
 * admission.go: "Don't modify the spec of mirror pods").
 */
export function staticPodEvidence(resource: Resource, pod: PodInfo, inventory?: Inventory): StaticPodEvidence | undefined {
  if (resource.kind !== 'Pod') return undefined;
  const annotations = pod.metadata.annotations;
  if (isObj(annotations) && typeof annotations[MIRROR_ANNOTATION] === 'string') return 'mirror pod';
  const { source } = resource;
  if (source.type !== 'file' || source.renderedBy || !source.file) return undefined;
  const dir = path.dirname(path.resolve(source.file)).replace(/\\/g, '/');
  const dirs = inventory ? staticPodDirs(inventory) : STATIC_POD_DIRS;
  return dirs.some((d) => dir === d || dir.endsWith(d)) ? 'static pod manifest' : undefined;
}

const dirsOf = new WeakMap<Inventory, readonly string[]>();

/**
 * The static pod directories: the usual ones, and those the kubelets a node scan found name
 * (--pod-manifest-path, else staticPodPath in its configuration file, as the kubelet reads them).
 */
export function staticPodDirs(inventory: Inventory): readonly string[] {
  let dirs = dirsOf.get(inventory);
  if (dirs) return dirs;
  const found = new Set(STATIC_POD_DIRS);
  for (const k of inventory.components().of('kubelet')) {
    // only a kubelet the node scan found: a NodeComponent written in a scanned file is anyone's
    if (k.resource.source.type !== 'node') continue;
    const config = k.configs.kubeletConfig?.resource.object as Record<string, unknown> | undefined;
    const named = k.flags.value('pod-manifest-path') ?? (typeof config?.staticPodPath === 'string' ? config.staticPodPath : undefined);
    const dir = named && named.startsWith('/') ? path.posix.normalize(named).replace(/\/+$/, '') : undefined;
    if (dir && dir !== '' && dir !== '/') found.add(dir);
  }
  dirsOf.set(inventory, (dirs = [...found]));
  return dirs;
}

/** A control-plane component that a static pod in kube-system runs. */
export interface BuiltInComponent {
  name: ComponentName;
  container: ContainerInfo;
  component: Component;
  evidence: StaticPodEvidence;
}

/**
 * The control-plane components a pod runs as Kubernetes itself runs them, or an empty list. All of
 * this must hold, so that a user's pod that copies their names and labels is not taken for one:
 * - it is a static pod (see staticPodEvidence): a Deployment, a DaemonSet or a pod created through the
 *   API never is;
 * - it is in kube-system, where kubeadm, kops and rke2 put them;
 * - its container runs the component's executable (found in command or args, not only guessed from the
 *   container's name or image);
 * - the pod's `component` label (kubeadm, rke2) or `k8s-app` label (kops) names that same component.
 */
export function builtInComponents(inventory: Inventory, resource: Resource, pod: PodInfo): BuiltInComponent[] {
  if (resource.kind !== 'Pod' || resource.effectiveNamespace !== 'kube-system') return [];
  const evidence = staticPodEvidence(resource, pod, inventory);
  if (!evidence) return [];
  const labels = isObj(pod.metadata.labels) ? pod.metadata.labels : {};
  const out: BuiltInComponent[] = [];
  for (const c of inventory.components().at(resource)) {
    if (!CONTROL_PLANE.has(c.name) || !c.container || c.byExecutable !== true) continue;
    if (labels.component !== c.name && labels['k8s-app'] !== c.name) continue;
    out.push({ name: c.name, container: c.container, component: c, evidence });
  }
  return out;
}

/** How a built-in pod is named in messages: `kube-apiserver static pod`. */
export function describeBuiltIn(found: readonly BuiltInComponent[]): string {
  return `${[...new Set(found.map((f) => f.name))].join(', ')} ${found[0].evidence}`;
}

/**
 * CA trust stores, which the component's TLS stack reads without a flag naming them: kubeadm mounts
 * /etc/ssl/certs and, where they exist, /etc/pki (/etc/pki/ca-trust, /etc/pki/tls/certs in newer
 * releases), /usr/share/ca-certificates, /usr/local/share/ca-certificates and /etc/ca-certificates
 * read-only into the apiserver and the controller-manager (cmd/kubeadm/app/phases/controlplane/
 * volumes.go: caCertsVolumePath, caCertsExtraVolumePaths); kops mounts the other usual locations.
 */
const CA_TRUST: ReadonlySet<string> = new Set([
  '/etc/ssl/certs', '/etc/pki', '/etc/pki/ca-trust', '/etc/pki/tls', '/etc/pki/tls/certs', '/usr/share/ca-certificates',
  '/usr/local/share/ca-certificates', '/etc/ca-certificates', '/etc/ssl', '/usr/ssl', '/usr/lib/ssl', '/usr/local/openssl',
  '/var/ssl', '/etc/openssl',
]);

/**
 * Paths a component uses by default, without a flag naming them: the controller-manager's
 * --flex-volume-plugin-dir, which kubeadm mounts writable as flexvolume-dir.
 */
const DEFAULT_PATHS: Partial<Record<ComponentName, readonly string[]>> = {
  'kube-controller-manager': ['/usr/libexec/kubernetes/kubelet-plugins/volume/exec'],
};

/**
 * Host paths never needed by a control-plane component, whatever its flags say: whole system trees,
 * the kubelet's own state, kernel interfaces, devices, container runtime sockets.
 */
const NEVER: ReadonlySet<string> = new Set([
  '/', '/etc', '/etc/kubernetes', '/var', '/var/lib', '/var/lib/kubelet', '/usr', '/run', '/var/run', '/proc', '/sys', '/dev',
  '/root', '/home', '/boot', '/bin', '/sbin', '/lib', '/opt', '/tmp',
]);
const NEVER_UNDER: readonly string[] = ['/proc/', '/sys/', '/dev/', '/var/lib/kubelet/', '/run/containerd/', '/var/run/containerd/'];
const SOCKET = /\.sock$/;

function normal(p: string): string {
  const n = path.posix.normalize(p);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

/**
 * Why a built-in component's pod needs a hostPath volume, or undefined when it does not: every
 * container that mounts the volume is the component's, and each mount is either a CA trust store
 * mounted read-only, or holds a path the component's own flags name (its certificates, kubeconfig,
 * data directory, log file: kubeadm mounts /etc/kubernetes/pki, /etc/kubernetes/scheduler.conf,
 * /var/lib/etcd, …) or uses by default. A volume mounted by no container is needed by nothing.
 */
export function neededHostPath(found: readonly BuiltInComponent[], pod: PodInfo, volumeName: unknown, hostPath: string): string | undefined {
  const host = normal(hostPath);
  if (NEVER.has(host) || NEVER_UNDER.some((t) => host.startsWith(t)) || SOCKET.test(host)) return undefined;
  const reasons: string[] = [];
  for (const c of pod.containers) {
    const mounts: unknown = c.spec.volumeMounts;
    if (!Array.isArray(mounts)) continue;
    for (const m of mounts) {
      if (!isObj(m) || m.name !== volumeName) continue;
      const owner = found.find((f) => f.container === c);
      if (!owner || typeof m.mountPath !== 'string') return undefined;
      const at = normal(m.mountPath);
      if (CA_TRUST.has(host) && m.readOnly === true) { reasons.push(`${owner.name} reads its CA trust store there`); continue; }
      const named = owner.component.flags.occurrences.find((o) => isUnder(o.value, at));
      if (named) { reasons.push(`${owner.name}'s --${named.name} names ${named.value}`); continue; }
      const byDefault = (DEFAULT_PATHS[owner.name] ?? []).find((d) => isUnder(d, at));
      if (byDefault) { reasons.push(`${owner.name} uses ${byDefault} by default`); continue; }
      return undefined;
    }
  }
  return reasons.length ? [...new Set(reasons)].join('; ') : undefined;
}

/** Whether the path `p` (a flag's value) is `dir` or inside it; values that are not absolute paths are not. */
function isUnder(p: string, dir: string): boolean {
  if (!p.startsWith('/') || dir === '/') return false;
  const n = normal(p);
  return n === dir || n.startsWith(`${dir}/`);
}
