// Template, not a control: componentControl (one target per control-plane component process or static pod) and flag helpers. Used by every control in control-plane/.
// Shared pieces of the control-plane controls: targets, skip reasons and flag messages.
import type { PathSegments, Resource } from '../../model/types.js';
import type { Inventory } from '../../inventory/index.js';
import type { Component, JoinedConfig } from '../../inventory/components.js';
import type { ComponentName } from '../../model/component-specs.js';
import type { CheckContext, ResourceTarget } from '../define.js';

const WHERE: Record<ComponentName, string> = {
  'kube-apiserver': '/etc/kubernetes/manifests/kube-apiserver.yaml',
  etcd: '/etc/kubernetes/manifests/etcd.yaml',
  'kube-controller-manager': '/etc/kubernetes/manifests/kube-controller-manager.yaml',
  'kube-scheduler': '/etc/kubernetes/manifests/kube-scheduler.yaml',
  kubelet: '/var/lib/kubelet/config.yaml',
  'kube-proxy': '/var/lib/kube-proxy/config.conf',
};

/** Why a control is skipped when the input runs none of these components. */
export function noComponentReason(names: readonly ComponentName[]): string {
  const list = names.join(', ');
  const files = names.map((n) => WHERE[n]).join(', ');
  return `no ${list} in the input (static pod manifest, or node process with --node): scan ${files}, `
    + 'or run palisade scan --node on a control-plane node';
}

/** Said when etcd's settings are in a --config-file the input does not hold. */
export const ETCD_CONFIG_FILE_NOTE = 'an etcd started with --config-file (rke2) takes its settings from that file, '
  + 'which a manifest does not hold: scan the node with --node (as root if the file is not readable)';

/** Targets running etcd whose settings are in the input (not in an unread --config-file). */
export function etcdTargets(inventory: Inventory): Resource[] {
  const index = inventory.components();
  return index.targets('etcd').filter((t) => index.at(t, 'etcd').some((c) => !c.settingsNotInInput));
}

/** The `appliesTo`/`targets`/`check` of a control that judges each running component of these kinds. */
export function componentControl(names: ComponentName[], check: (c: Component, ctx: CheckContext) => void) {
  return {
    appliesTo: 'inventory' as const,
    // in a cluster, the control plane is seen in its mirror Pods (kube-system)
    reads: ['Pod'],
    targets: (inventory: Inventory): Resource[] => inventory.components().targets(...names),
    check: ({ resource }: ResourceTarget, ctx: CheckContext): void => {
      for (const c of ctx.inventory.components().at(resource)) if (names.includes(c.name)) check(c, ctx);
    },
    nothingToEvaluate: noComponentReason(names),
  };
}

/** `--flag=value` as the component got it. */
export function shown(c: Component, flag: string): string {
  const v = c.flags.get(flag);
  return v ? (v.bare ? `--${flag}` : `--${flag}=${v.value}`) : `--${flag} unset`;
}

/** Reports a flag: at its argument when set, else at the list of flags. */
export function failFlag(c: Component, ctx: CheckContext, flag: string, message: string): void {
  const v = c.flags.get(flag);
  ctx.fail(v ? v.path : c.flagsAt, `${c.name} (${c.where}): ${message}`, { fix: flagFix(c, flag) });
}

/** Reports a problem at a given path of the component's resource. */
export function failAt(c: Component, ctx: CheckContext, path: PathSegments, message: string): void {
  ctx.fail(path, `${c.name} (${c.where}): ${message}`);
}

/** Reports a problem at a path inside one of the component's configuration files (`c.configs`). */
export function failInConfig(c: Component, ctx: CheckContext, config: JoinedConfig, path: PathSegments, message: string): void {
  ctx.failIn(config, path, `${c.name} (${c.where}): ${message}`);
}

/** Fails when a flag is missing or empty; returns whether it is set. */
export function requireFlag(c: Component, ctx: CheckContext, flag: string, what: string): boolean {
  const v = c.flags.get(flag);
  if (v && v.value !== '') return true;
  failFlag(c, ctx, flag, `--${flag} is not set (${what})`);
  return false;
}

/** Fails when a boolean flag is not explicitly the wanted value (given its default). */
export function requireBool(c: Component, ctx: CheckContext, flag: string, wanted: boolean, fallback: boolean, why: string): void {
  const v = c.flags.bool(flag);
  const effective = v === undefined ? fallback : v;
  if (effective === wanted) return;
  const how = v === undefined ? `--${flag} is unset (default ${fallback})` : v === 'invalid' ? `${shown(c, flag)} is not a boolean` : shown(c, flag);
  failFlag(c, ctx, flag, `${how}: ${why}`);
}

function flagFix(c: Component, flag: string) {
  return { description: `set --${flag} on ${c.name}` };
}

/** Same path, for comparing file names given to two components. */
export function samePath(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/\/+/g, '/').replace(/\/$/, '');
  return norm(a) === norm(b);
}
