// Exposure: which workloads a Service, an Ingress or a Gateway API route reaches, and which of
// those paths lead outside the cluster (LoadBalancer, NodePort, externalIPs, Ingress, routes).
import type { Resource } from '../model/types.js';
import type { Workload } from './index.js';
import { compileMapSelector } from './selectors.js';
import { isObj } from '../model/guards.js';

export interface Exposure {
  /** The object that exposes: a Service, Ingress or route. */
  via: Resource;
  /** Why it counts as external, e.g. `Service type LoadBalancer`, `Ingress`, `HTTPRoute`. */
  how: string;
  /** Services between the exposing object and the workloads (the Service itself for Services). */
  services: Resource[];
  workloads: Workload[];
}

export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

/** Workloads indexed by namespace and by each `key=value` label of their pods. */
export class WorkloadIndex {
  private readonly byLabel = new Map<string, Workload[]>();
  private readonly byNamespace = new Map<string, Workload[]>();

  constructor(workloads: readonly Workload[]) {
    for (const w of workloads) {
      const ns = w.resource.effectiveNamespace ?? 'default';
      push(this.byNamespace, ns, w);
      const labels = w.pod.metadata.labels;
      if (isObj(labels)) for (const [k, v] of Object.entries(labels)) push(this.byLabel, `${ns}\u0000${k}\u0000${v}`, w);
    }
  }

  inNamespace(ns: string): readonly Workload[] {
    return this.byNamespace.get(ns) ?? [];
  }

  /** Workloads in a namespace whose pod labels a Service selector map selects. */
  selectedBy(ns: string, selectorMap: unknown): Workload[] {
    const selector = compileMapSelector(selectorMap);
    if (!selector.anchor) return [];
    const [k, v] = selector.anchor;
    return (this.byLabel.get(`${ns}\u0000${k}\u0000${v}`) ?? []).filter((w) => selector.matches(w.pod.metadata.labels));
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

export function findExposures(
  services: readonly Resource[], ingresses: readonly Resource[], routes: readonly Resource[],
  workloads: WorkloadIndex, serviceByName: (ns: string, name: string) => Resource | undefined,
): Exposure[] {
  const out: Exposure[] = [];
  const reach = (svc: Resource) => workloads.selectedBy(svc.effectiveNamespace ?? 'default', (svc.object.spec as any)?.selector);

  for (const svc of services) {
    const spec = isObj(svc.object.spec) ? svc.object.spec : {};
    const hows: string[] = [];
    if (spec.type === 'LoadBalancer') hows.push('Service type LoadBalancer');
    if (spec.type === 'NodePort') hows.push('Service type NodePort');
    if (Array.isArray(spec.externalIPs) && spec.externalIPs.length) hows.push('Service with externalIPs');
    if (hows.length) out.push({ via: svc, how: hows.join(', '), services: [svc], workloads: reach(svc) });
  }

  for (const ing of ingresses) {
    const ns = ing.effectiveNamespace ?? 'default';
    const names = new Set<string>();
    const spec = isObj(ing.object.spec) ? ing.object.spec : {};
    const addBackend = (b: unknown) => {
      if (!isObj(b)) return;
      if (isObj(b.service) && typeof b.service.name === 'string') names.add(b.service.name); // networking.k8s.io/v1
      if (typeof b.serviceName === 'string') names.add(b.serviceName); // extensions/v1beta1
    };
    addBackend(spec.defaultBackend ?? spec.backend);
    for (const r of Array.isArray(spec.rules) ? spec.rules : []) {
      for (const p of isObj(r) && isObj(r.http) && Array.isArray(r.http.paths) ? r.http.paths : []) addBackend(isObj(p) ? p.backend : undefined);
    }
    out.push(viaServices(ing, 'Ingress', ns, names, serviceByName, reach));
  }

  for (const route of routes) {
    const ns = route.effectiveNamespace ?? 'default';
    const names = new Set<string>();
    const spec = isObj(route.object.spec) ? route.object.spec : {};
    for (const r of Array.isArray(spec.rules) ? spec.rules : []) {
      for (const ref of isObj(r) && Array.isArray(r.backendRefs) ? r.backendRefs : []) {
        if (isObj(ref) && typeof ref.name === 'string' && (ref.kind === undefined || ref.kind === 'Service')
          && (ref.namespace === undefined || ref.namespace === ns)) names.add(ref.name);
      }
    }
    out.push(viaServices(route, route.kind, ns, names, serviceByName, reach));
  }
  return out;
}

function viaServices(
  via: Resource, how: string, ns: string, names: Set<string>,
  serviceByName: (ns: string, name: string) => Resource | undefined, reach: (svc: Resource) => Workload[],
): Exposure {
  const services = [...names].map((n) => serviceByName(ns, n)).filter((s): s is Resource => s !== undefined);
  const seen = new Set<Workload>();
  for (const s of services) for (const w of reach(s)) seen.add(w);
  return { via, how, services, workloads: [...seen] };
}
