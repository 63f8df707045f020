// Template, not a control: checkHasObject(kind) over namespacesWithWorkloads. Used by network/missing-resource-quota and network/missing-limit-range.
// Shared logic of missing-resource-quota and missing-limit-range: namespaces that hold workloads.
import type { Resource } from '../../model/types.js';
import type { Inventory } from '../../inventory/index.js';
import type { CheckContext, ResourceTarget } from '../define.js';

export function namespacesWithWorkloads(inventory: Inventory): Resource[] {
  const used = new Set(inventory.workloads.map((w) => w.resource.effectiveNamespace));
  return inventory.namespaceResources().filter((ns) => used.has(ns.name));
}

export function checkHasObject(kind: 'ResourceQuota' | 'LimitRange', { resource }: ResourceTarget, ctx: CheckContext): void {
  if (ctx.inventory.inNamespace(kind, resource.name).length > 0) return;
  const workloads = ctx.inventory.workloadsIn(resource.name).length;
  ctx.fail(['metadata', 'name'],
    `namespace ${resource.name} holds ${workloads} workload(s) but has no ${kind}`, {
      fix: { description: `add a ${kind} to namespace ${resource.name} sized for its workloads` },
    });
}
