// Beside a Pod Security Standards framework's score: per namespace, the level its own
// pod-security.kubernetes.io/enforce label enforces (Pod Security Admission's namespace labels,
// https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces)
// and how many of its workloads the framework's level would reject.
import type { Finding, PodSecurityNamespace } from '../model/types.js';
import type { Inventory } from '../inventory/index.js';
import { frameworkControlIds, type Framework } from '../frameworks/index.js';
import { isObj } from '../model/guards.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const ENFORCE_VERSION = 'pod-security.kubernetes.io/enforce-version';

/** One entry per namespace with workloads, in name order; undefined for a framework that is not a Pod Security Standard. */
export function podSecurityNamespaces(fw: Framework, inventory: Inventory, findings: readonly Finding[], version: string): PodSecurityNamespace[] | undefined {
  const level = fw.podSecurityLevel;
  if (!level) return undefined;
  const controls = new Set(frameworkControlIds(fw));
  // failed or excepted: admission does not know Palisade's exceptions
  const rejected = new Set(findings.filter((f) => controls.has(f.controlId) && f.status !== 'passed').map((f) => f.resourceId));
  const byNamespace = new Map<string, { workloads: number; rejected: number }>();
  for (const w of inventory.workloads) {
    const ns = w.resource.effectiveNamespace ?? 'default';
    const entry = byNamespace.get(ns) ?? { workloads: 0, rejected: 0 };
    entry.workloads++;
    if (rejected.has(w.resource.id)) entry.rejected++;
    byNamespace.set(ns, entry);
  }
  return [...byNamespace.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([namespace, counts]) => {
    const object = inventory.get('Namespace', undefined, namespace);
    const labels: unknown = object?.object.metadata.labels;
    const label = (key: string): string | undefined => {
      const v: unknown = isObj(labels) ? labels[key] : undefined;
      return v === undefined || v === null ? undefined : String(v);
    };
    const enforce = label(ENFORCE);
    const enforceVersion = label(ENFORCE_VERSION);
    const own = !object
      ? `namespace ${namespace} (no Namespace object in the input: its ${ENFORCE} label is unknown)`
      : enforce === undefined
        ? `namespace ${namespace} has no ${ENFORCE} label (it enforces nothing)`
        : `namespace ${namespace} enforces ${enforce}${enforceVersion ? ` (${enforceVersion})` : ''}`;
    const note = `${own}; ${counts.rejected} of ${counts.workloads} workload${counts.workloads === 1 ? '' : 's'} would be rejected at ${level} (${version})`;
    return {
      namespace, ...(enforce !== undefined ? { enforce } : {}), ...(enforceVersion !== undefined ? { enforceVersion } : {}),
      declared: object !== undefined, workloads: counts.workloads, rejected: counts.rejected, note,
    };
  });
}
