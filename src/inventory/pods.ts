// Where the pod spec of each workload lives, and its containers, with their JSON paths.
import type { PathSegments, Resource } from '../model/types.js';
import { POD_SPEC_PATHS, WORKLOAD_KINDS } from '../model/kinds.js';
import { isObj } from '../model/guards.js';
import { parseImageRef, type ImageRef } from '../model/image-ref.js';
import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';

export type ContainerType = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_TYPES: readonly ContainerType[] = ['containers', 'initContainers', 'ephemeralContainers'];

type Obj = Record<string, any>;

/**
 * A Kubernetes object as written in a manifest: the fields kubernetes-types names (with their API
 * documentation, for the editor), but nothing is validated — a field may hold any value
 * (`hostNetwork: "true"`), so the fields stay loosely typed and a control checks a value's type
 * before it trusts it; keys the API does not know stay readable.
 */
export type AsWritten<T> = { [K in keyof T]?: unknown } & Obj;

export interface ContainerInfo {
  name: string;
  type: ContainerType;
  /** The container object as written. */
  spec: AsWritten<Container>;
  /** Path of the container from the resource root, e.g. ['spec', 'template', 'spec', 'containers', 0]. */
  path: PathSegments;
  /**
   * `spec.image` parsed (the raw string is `image.text`); undefined when the container has no image
   * (not a string, or only blanks). An image that breaks the reference grammar has `valid: false`.
   */
  image: ImageRef | undefined;
}

export interface PodInfo {
  /** The pod spec as written (empty object when the template has none). */
  spec: AsWritten<PodSpec>;
  /** Path of the pod spec from the resource root. */
  specPath: PathSegments;
  /** The pod's metadata: the resource's own for a Pod, the template's for controllers. */
  metadata: Obj;
  metadataPath: PathSegments;
  containers: ContainerInfo[];
  /**
   * The ServiceAccount the pod runs as, as the API server settles it: `serviceAccountName`, else its
   * deprecated alias `serviceAccount` (the v1 → internal conversion reads it when the name is empty),
   * else `default` (the ServiceAccount admission plugin sets it when the name is empty). Empty or
   * non-string values count as unset.
   */
  serviceAccount: string;
}

/**
 * The pod of a workload resource, or undefined for kinds that have none: an own key of
 * POD_SPEC_PATHS only (a manifest's `kind: toString` or `kind: constructor` names no workload, and
 * looking it up in the object found Object.prototype's function and crashed the scan).
 */
export function podOf(resource: Resource): PodInfo | undefined {
  if (!WORKLOAD_KINDS.has(resource.kind)) return undefined;
  const specPath = POD_SPEC_PATHS[resource.kind];
  let spec: unknown = resource.object;
  for (const seg of specPath) spec = isObj(spec) ? spec[seg] : undefined;
  if (!isObj(spec)) spec = {};
  const metadataPath = resource.kind === 'Pod' ? ['metadata'] : [...specPath.slice(0, -1), 'metadata'];
  let metadata: unknown = resource.object;
  for (const seg of metadataPath) metadata = isObj(metadata) ? metadata[seg] : undefined;
  const pod = spec as Obj;
  const containers: ContainerInfo[] = [];
  for (const type of CONTAINER_TYPES) {
    const list = pod[type];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (!isObj(c)) return;
      containers.push({
        name: typeof c.name === 'string' ? c.name : `#${i}`, type, spec: c, path: [...specPath, type, i],
        image: typeof c.image === 'string' && c.image.trim() !== '' ? parseImageRef(c.image) : undefined,
      });
    });
  }
  return {
    spec: pod, specPath, metadata: isObj(metadata) ? metadata : {}, metadataPath, containers,
    serviceAccount: effectiveServiceAccount(pod),
  };
}

/** See PodInfo.serviceAccount. */
export function effectiveServiceAccount(spec: Obj): string {
  return nonEmpty(spec.serviceAccountName) ?? nonEmpty(spec.serviceAccount) ?? 'default';
}

function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** How a container is named in messages: `container "app"`, `init container "setup"`. */
export function describeContainer(c: ContainerInfo): string {
  const what = c.type === 'initContainers' ? 'init container' : c.type === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return `${what} "${c.name}"`;
}

/**
 * A pod declared to run on Windows nodes (`spec.os.name: windows`). Linux-only settings such as
 * seccomp profiles and capabilities do not apply to it; the restricted Pod Security Standard
 * exempts such pods from those checks too.
 */
export function isWindowsPod(pod: PodInfo): boolean {
  const os = pod.spec.os;
  return typeof os === 'object' && os !== null && (os as Record<string, unknown>).name === 'windows';
}
