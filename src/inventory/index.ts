// The Inventory: every resource of one scan, indexed once, with the pod of every workload.
import type { Resource } from '../model/types.js';
import { resourceId } from '../model/kinds.js';
import { flatten } from '../model/strings.js';
import { podOf, type ContainerInfo, type PodInfo } from './pods.js';
import { Rbac } from './rbac.js';
import { NetworkIndex, NETWORK_POLICY_KINDS } from './network.js';
import { findExposures, ROUTE_KINDS, WorkloadIndex, type Exposure } from './exposure.js';
import { ComponentIndex } from './components.js';
import { kubeletViews, type KubeletView } from './kubelet.js';
import { NODE_COMPONENT_KIND } from '../model/node.js';

export interface Workload {
  resource: Resource;
  pod: PodInfo;
}

/** A container that runs an image, and the resource it is in. */
export interface ImageUse {
  resource: Resource;
  container: ContainerInfo;
}

export class Inventory {
  readonly resources: readonly Resource[];
  readonly workloads: readonly Workload[];
  private readonly kindIndex = new Map<string, Resource[]>();
  private readonly nameIndex = new Map<string, Resource>();
  private readonly pods = new Map<Resource, PodInfo>();

  constructor(resources: readonly Resource[]) {
    this.resources = resources;
    const workloads: Workload[] = [];
    for (const r of resources) {
      let list = this.kindIndex.get(r.kind);
      if (!list) this.kindIndex.set(r.kind, (list = []));
      list.push(r);
      this.nameIndex.set(key(r.kind, r.effectiveNamespace, r.name), r);
      const pod = podOf(r);
      if (pod) {
        workloads.push({ resource: r, pod });
        this.pods.set(r, pod);
      }
    }
    this.workloads = workloads;
  }

  /** The pod of a workload in the inventory (computed once), or undefined. */
  podOf(resource: Resource): PodInfo | undefined {
    return this.pods.get(resource);
  }

  /** Resources of one kind, in input order. */
  ofKind(kind: string): readonly Resource[] {
    return this.kindIndex.get(kind) ?? [];
  }

  /** One resource by kind, namespace (undefined for cluster-scoped) and name. */
  get(kind: string, namespace: string | undefined, name: string): Resource | undefined {
    return this.nameIndex.get(key(kind, namespace, name));
  }

  private rbacIndex?: Rbac;
  private networkIndex?: NetworkIndex;
  private workloadIndexCache?: WorkloadIndex;
  private exposureList?: Exposure[];
  private componentIndex?: ComponentIndex;
  private kubeletList?: KubeletView[];

  /** Kubernetes' own components (static pods, workloads, node processes) with their flags (built on first use). */
  components(): ComponentIndex {
    return (this.componentIndex ??= new ComponentIndex(this.workloads, this.ofKind(NODE_COMPONENT_KIND), (k) => this.ofKind(k)));
  }

  /** Every kubelet the input describes, with flags, config file and defaults merged (built on first use). */
  kubelets(): KubeletView[] {
    return (this.kubeletList ??= kubeletViews(this.components()));
  }

  /** RBAC bindings resolved to roles, subjects and rules (built on first use). */
  rbac(): Rbac {
    return (this.rbacIndex ??= new Rbac(
      this.ofKind('Role'), this.ofKind('ClusterRole'), [...this.ofKind('RoleBinding'), ...this.ofKind('ClusterRoleBinding')],
    ));
  }

  /** Network policies of every kind (network.ts) by namespace, with their selectors compiled (built on first use). */
  network(): NetworkIndex {
    return (this.networkIndex ??= new NetworkIndex(NETWORK_POLICY_KINDS.flatMap((k) => this.ofKind(k)), this.ofKind('Namespace')));
  }

  /** Workloads by namespace and pod label (built on first use). */
  workloadIndex(): WorkloadIndex {
    return (this.workloadIndexCache ??= new WorkloadIndex(this.workloads));
  }

  /** Services, Ingresses and Gateway API routes that expose workloads outside the cluster. */
  exposures(): Exposure[] {
    return (this.exposureList ??= findExposures(
      this.ofKind('Service'), this.ofKind('Ingress'), ROUTE_KINDS.flatMap((k) => this.ofKind(k)),
      this.workloadIndex(), (ns, name) => this.get('Service', ns, name),
    ));
  }

  private exposureByVia?: Map<Resource, Exposure>;

  /**
   * The exposure a Service, Ingress or route makes, if it exposes anything: the first in exposures()
   * with that `via`. A Map, built on first use: externally-exposed asks for every Service, and a
   * search of the list for each cost about 20 M instructions on the 10k input (1,984 Services, 117
   * exposures).
   */
  exposureVia(resource: Resource): Exposure | undefined {
    if (!this.exposureByVia) {
      const byVia = new Map<Resource, Exposure>();
      for (const e of this.exposures()) if (!byVia.has(e.via)) byVia.set(e.via, e);
      this.exposureByVia = byVia;
    }
    return this.exposureByVia.get(resource);
  }

  private imageIndex?: Map<string, ImageUse[]>;

  /**
   * Every image the workloads run, keyed by its normalised reference (`docker.io/library/nginx:latest`
   * for `nginx`), with the containers that run it in input order (built on first use). Images that
   * break the reference grammar are left out: nothing could pull them.
   */
  images(): Map<string, ImageUse[]> {
    if (this.imageIndex) return this.imageIndex;
    const index = new Map<string, ImageUse[]>();
    for (const { resource, pod } of this.workloads) {
      for (const container of pod.containers) {
        if (!container.image?.valid) continue;
        const key = container.image.normalized;
        let list = index.get(key);
        if (!list) index.set(key, (list = []));
        list.push({ resource, container });
      }
    }
    return (this.imageIndex = index);
  }

  private namespaceList?: Resource[];
  private byNamespace?: Map<string, Map<string, Resource[]>>;
  private workloadsByNamespace?: Map<string, Workload[]>;

  /** Resources of one kind in one namespace (by effective namespace), from an index built on first use. */
  inNamespace(kind: string, namespace: string): readonly Resource[] {
    if (!this.byNamespace) {
      this.byNamespace = new Map();
      for (const r of this.resources) {
        if (r.effectiveNamespace === undefined) continue;
        let kinds = this.byNamespace.get(r.effectiveNamespace);
        if (!kinds) this.byNamespace.set(r.effectiveNamespace, (kinds = new Map()));
        let list = kinds.get(r.kind);
        if (!list) kinds.set(r.kind, (list = []));
        list.push(r);
      }
    }
    return this.byNamespace.get(namespace)?.get(kind) ?? [];
  }

  /** The workloads of one namespace. */
  workloadsIn(namespace: string): readonly Workload[] {
    if (!this.workloadsByNamespace) {
      this.workloadsByNamespace = new Map();
      for (const w of this.workloads) {
        const ns = w.resource.effectiveNamespace ?? 'default';
        let list = this.workloadsByNamespace.get(ns);
        if (!list) this.workloadsByNamespace.set(ns, (list = []));
        list.push(w);
      }
    }
    return this.workloadsByNamespace.get(namespace) ?? [];
  }

  /**
   * One resource per namespace of the input: its Namespace object, or, for a namespace that
   * resources use without declaring it, a derived Namespace located at the first resource in it.
   */
  namespaceResources(): Resource[] {
    if (this.namespaceList) return this.namespaceList;
    const out = new Map<string, Resource>();
    for (const ns of this.ofKind('Namespace')) out.set(ns.name, ns);
    for (const r of this.resources) {
      const ns = r.effectiveNamespace;
      if (ns === undefined || out.has(ns)) continue;
      out.set(ns, derivedNamespace(ns, r));
    }
    return (this.namespaceList = [...out.values()]);
  }

  /** Every namespace the input names: Namespace objects and the namespaces resources live in. */
  namespaces(): Set<string> {
    const out = new Set<string>();
    for (const ns of this.ofKind('Namespace')) out.add(ns.name);
    for (const r of this.resources) if (r.effectiveNamespace) out.add(r.effectiveNamespace);
    return out;
  }
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return flatten(`${kind}\u0000${namespace ?? ''}\u0000${name}`); // flat: a key of the index, kept for the scan
}

export type { PodInfo, ContainerInfo, ContainerType } from './pods.js';
export { describeContainer, CONTAINER_TYPES } from './pods.js';

function derivedNamespace(name: string, firstUser: Resource): Resource {
  const at = firstUser.namespace !== undefined ? ['metadata', 'namespace'] : ['metadata'];
  return {
    id: resourceId('v1', undefined, 'Namespace', name),
    apiVersion: 'v1', kind: 'Namespace', name, clusterScoped: true,
    object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    source: { type: 'derived', file: firstUser.source.file, line: firstUser.source.line, origin: `used by ${firstUser.kind} ${firstUser.name}` },
    locate: firstUser.locate ? () => firstUser.locate!(at) : undefined,
  };
}
