// Template, not a control: kubeletControl (one target per kubelet) and failSetting. Used by every kubelet-* control in kubelet/.
// Shared pieces of the kubelet controls: one target per kubelet (process or pod with its config
// file, or a standalone KubeletConfiguration), and messages that say where a value came from.
import type { Resource } from '../../model/types.js';
import type { Inventory } from '../../inventory/index.js';
import type { KubeletView, Setting } from '../../inventory/kubelet.js';
import type { CheckContext, FailOptions, ResourceTarget } from '../define.js';

export const NO_KUBELET = 'no kubelet configuration in the input: scan the KubeletConfiguration file (/var/lib/kubelet/config.yaml), '
  + 'or run palisade scan --node on a node';

export function kubeletControl(check: (view: KubeletView, ctx: CheckContext) => void) {
  return {
    appliesTo: 'inventory' as const,
    // a cluster's kubelets are read through the node proxy: denied, these controls have no input
    reads: ['KubeletConfiguration'],
    targets: (inventory: Inventory): Resource[] => inventory.kubelets().map((v) => v.resource),
    check: ({ resource }: ResourceTarget, ctx: CheckContext): void => {
      for (const v of ctx.inventory.kubelets()) if (v.resource === resource) check(v, ctx);
    },
    nothingToEvaluate: NO_KUBELET,
  };
}

/** Reports a setting at the flag, the config field, or where it would go. */
export function failSetting(view: KubeletView, ctx: CheckContext, setting: Setting, problem: string, fix: string): void {
  const config = setting.from === 'default' && view.world === 'config' ? `set it in the config file${view.component ? ` or with a flag` : ''}` : '';
  failAtSetting(ctx, setting, `${view.describe()}: ${problem} (${setting.shown})`, { fix: { description: config ? `${fix}; ${config}` : fix } });
}

/** Reports at a setting's path: in the kubelet's joined config file when it is there, else in the view's resource. */
export function failAtSetting(ctx: CheckContext, at: Pick<Setting, 'path' | 'in'>, message: string, options?: FailOptions): void {
  if (at.in) ctx.failIn(at.in, at.path, message, options);
  else ctx.fail(at.path, message, options);
}
