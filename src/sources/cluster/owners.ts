// One workload, judged once: a Pod made by a ReplicaSet made by a Deployment is the Deployment
// (its template is what people write and fix). A workload whose controller (the owner reference
// with `controller: true`, as the garbage collector and `kubectl describe`'s "Controlled By" read
// it) is a workload we listed is left out; so each chain keeps only its top listed owner. A Pod
// with no owner, or owned by something not listed (a Node for static pods' mirror Pods, a custom
// resource's operator, a ReplicaSet we could not read), stays and is judged itself.
import { WORKLOAD_KINDS } from '../../model/kinds.js';
import type { KubeObject, Resource } from '../../model/types.js';

/** Kinds that create Pods or other workloads from a template. */
const OWNER_KINDS: ReadonlySet<string> = new Set([
  'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController',
]);

export interface Folded {
  resources: Resource[];
  /** How many workloads were left out for their owner, by kind. */
  folded: Record<string, number>;
}

export function foldOwned(resources: readonly Resource[]): Folded {
  const owners = new Set<string>();
  for (const r of resources) {
    const uid = r.object.metadata.uid;
    if (OWNER_KINDS.has(r.kind) && typeof uid === 'string') owners.add(uid);
  }
  const kept: Resource[] = [];
  const folded: Record<string, number> = {};
  for (const r of resources) {
    const owner = WORKLOAD_KINDS.has(r.kind) ? controllerOf(r.object) : undefined;
    if (owner && OWNER_KINDS.has(owner.kind) && owners.has(owner.uid)) {
      folded[r.kind] = (folded[r.kind] ?? 0) + 1;
      continue;
    }
    kept.push(r);
  }
  return { resources: kept, folded };
}

function controllerOf(object: KubeObject): { kind: string; uid: string } | undefined {
  const refs = object.metadata.ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  for (const ref of refs) {
    if (ref && ref.controller === true && typeof ref.kind === 'string' && typeof ref.uid === 'string') return { kind: ref.kind, uid: ref.uid };
  }
  return undefined;
}
