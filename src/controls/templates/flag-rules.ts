// Template, not a control: one-flag rules of the CIS Kubernetes Benchmark, each as kube-bench's cfg/cis-1.10 tests it (`set`, `eq`, `gte`, `has`/`nothave`). Used by the control-plane/ controls that judge one CIS recommendation each (apiserver-*, controller-manager-*, scheduler-*, etcd-*).
import type { ComponentName } from '../../model/component-specs.js';
import type { PathSegments } from '../../model/types.js';
import type { Component } from '../../inventory/components.js';
import type { CheckContext } from '../define.js';
import { isLoopbackHost } from '../../model/flags.js';
import {
  ETCD_CONFIG_FILE_NOTE, componentControl, etcdTargets, failAt, failFlag, failInConfig, noComponentReason, requireBool, requireFlag, shown,
} from './component-control.js';

/**
 * componentControl for a one-flag rule. An etcd whose settings are in a --config-file the input does
 * not hold (rke2's static pod) is not judged on its command line: etcd ignores its flags then.
 */
function flagRule(names: ComponentName[], check: (c: Component, ctx: CheckContext) => void) {
  const base = componentControl(names, (c, ctx) => {
    if (!c.settingsNotInInput) check(c, ctx);
  });
  if (!names.includes('etcd')) return base;
  return { ...base, targets: etcdTargets, nothingToEvaluate: `${noComponentReason(names)}; ${ETCD_CONFIG_FILE_NOTE}` };
}

/** kube-bench `set: true` on each flag: every flag must be given a value. */
export function flagsSet(names: ComponentName[], flags: string[], why: string) {
  return flagRule(names, (c, ctx) => {
    for (const f of flags) requireFlag(c, ctx, f, why);
  });
}

/** Whether every --etcd-servers URL is a local socket (k3s' kine: unix://kine.sock), which never leaves the host. */
export function etcdOverLocalSocket(c: Component): boolean {
  const servers = c.flags.list('etcd-servers');
  return servers.length > 0 && servers.every((s) => /^unix:\/\//i.test(s.item));
}

/** The API server's flags for its connection to etcd: each must be set, unless etcd is reached over a local socket only. */
export function etcdClientFlagsSet(flags: string[], why: string) {
  return flagRule(['kube-apiserver'], (c, ctx) => {
    if (etcdOverLocalSocket(c)) return;
    for (const f of flags) requireFlag(c, ctx, f, why);
  });
}

/** kube-bench `set: false`: the flag must not be given at all. */
export function flagUnset(names: ComponentName[], flag: string, why: string) {
  return flagRule(names, (c, ctx) => {
    if (c.flags.has(flag)) failFlag(c, ctx, flag, `${shown(c, flag)} is set: ${why}`);
  });
}

/** A boolean flag whose effective value (the flag, else the component's default `fallback`) must be `wanted`. */
export function boolFlag(names: ComponentName[], flag: string, wanted: boolean, fallback: boolean, why: string) {
  return flagRule(names, (c, ctx) => requireBool(c, ctx, flag, wanted, fallback, why));
}

/** kube-bench `gte`: an integer flag set to at least `min` (unset fails: the benchmark asks for it to be set). */
export function minFlag(names: ComponentName[], flag: string, min: number, why: string) {
  return flagRule(names, (c, ctx) => {
    const v = c.flags.value(flag);
    if (v === undefined || v === '') {
      failFlag(c, ctx, flag, `--${flag} is unset: want ${min} or more (${why})`);
      return;
    }
    const n = Number(v);
    if (!/^-?\d+$/.test(v.trim())) failFlag(c, ctx, flag, `${shown(c, flag)} is not an integer: want ${min} or more`);
    else if (n < min) failFlag(c, ctx, flag, `${shown(c, flag)} is below ${min} (${why})`);
  });
}

/**
 * kube-apiserver's default-enabled admission plugins (1.25+; `kube-apiserver --help`, --enable-admission-plugins,
 * from k8s.io/kubernetes/pkg/kubeapiserver/options/plugins.go DefaultOffAdmissionPlugins).
 */
export const DEFAULT_ADMISSION = new Set([
  'NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'TaintNodesByCondition', 'PodSecurity', 'Priority',
  'DefaultTolerationSeconds', 'DefaultStorageClass', 'StorageObjectInUseProtection', 'PersistentVolumeClaimResize',
  'RuntimeClass', 'CertificateApproval', 'CertificateSigning', 'ClusterTrustBundleAttest', 'CertificateSubjectRestriction',
  'DefaultIngressClass', 'MutatingAdmissionWebhook', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionWebhook', 'ResourceQuota',
]);

/** The admission plugins a kube-apiserver runs, and where each list is. */
export function admission(c: Component) {
  // the deprecated --admission-control replaces the whole list, defaults included
  const legacy = c.flags.list('admission-control');
  const enabledList = legacy.length ? legacy : c.flags.list('enable-admission-plugins');
  const disabled = legacy.length ? [] : c.flags.list('disable-admission-plugins');
  const enabled = new Set(legacy.length ? [] : DEFAULT_ADMISSION);
  for (const e of enabledList) enabled.add(e.item);
  for (const d of disabled) enabled.delete(d.item);
  return { enabled, enabledList, disabled, legacy: legacy.length > 0, listFlag: legacy.length ? 'admission-control' : 'enable-admission-plugins' };
}

/** An admission plugin that must run (`on`) or must not (`off`). */
export function admissionPlugin(plugin: string, want: 'on' | 'off', why: string) {
  return componentControl(['kube-apiserver'], (c, ctx) => {
    const a = admission(c);
    if (want === 'off') {
      const at = a.enabledList.find((e) => e.item === plugin);
      if (at && a.enabled.has(plugin)) failAt(c, ctx, at.path, `${plugin} is enabled (--${a.listFlag}): ${why}`);
      return;
    }
    if (a.enabled.has(plugin)) return;
    const off = a.disabled.find((d) => d.item === plugin);
    if (off) failAt(c, ctx, off.path, `--disable-admission-plugins turns off ${plugin}: ${why}`);
    else failFlag(c, ctx, a.listFlag, `${plugin} is not enabled (--${a.listFlag}): ${why}`);
  });
}

/**
 * The authorizers of a kube-apiserver, in order: from --authorization-mode (unset: AlwaysAllow, the
 * default of kube-apiserver's BuiltInAuthorizationOptions), or from the AuthorizationConfiguration of
 * --authorization-config (1.30+), which replaces it. `undefined` when that file is not in the input.
 */
export function authorizers(c: Component, ctx: CheckContext): { types: string[]; at: (i: number) => (m: string) => void; whole: (m: string) => void; what: string; unset?: true } | undefined {
  if (c.flags.has('authorization-config') && !c.flags.has('authorization-mode')) {
    const config = c.configs.authorization;
    if (!config) return undefined;
    const list: unknown[] = Array.isArray(config.resource.object.authorizers) ? config.resource.object.authorizers : [];
    const inConfig = (path: PathSegments) => (m: string) => failInConfig(c, ctx, config, path, m);
    return {
      types: list.map((x) => String((x as { type?: unknown })?.type ?? '')),
      at: (i) => inConfig(['authorizers', i, 'type']), whole: inConfig(['authorizers']), what: `AuthorizationConfiguration ${config.resource.name}`,
    };
  }
  const modes = c.flags.list('authorization-mode');
  if (modes.length === 0) {
    const report = (m: string) => failFlag(c, ctx, 'authorization-mode', m);
    return { types: ['AlwaysAllow'], at: () => report, whole: report, what: '--authorization-mode unset (default AlwaysAllow)', unset: true };
  }
  return {
    types: modes.map((m) => m.item), at: (i) => (m) => failAt(c, ctx, modes[i]!.path, m),
    whole: (m) => failAt(c, ctx, c.flags.get('authorization-mode')!.path, m), what: shown(c, 'authorization-mode'),
  };
}

/** Reports an --authorization-config whose file the input does not hold: the authorizers cannot be confirmed. */
export function authorizationConfigMissing(c: Component, ctx: CheckContext): void {
  failFlag(c, ctx, 'authorization-config', `${shown(c, 'authorization-config')}: its AuthorizationConfiguration is not in the input, `
    + 'so the authorizers cannot be confirmed; scan that file too, or run palisade scan --node');
}

/** An authorizer the API server must run (`on`) or must not (`off`). */
export function authorizer(mode: string, want: 'on' | 'off', why: string) {
  return componentControl(['kube-apiserver'], (c, ctx) => {
    const a = authorizers(c, ctx);
    if (!a) {
      authorizationConfigMissing(c, ctx);
      return;
    }
    if (want === 'off') a.types.forEach((t, i) => { if (t === mode) a.at(i)(`${a.what} includes ${mode}: ${why}`); });
    else if (!a.types.includes(mode)) a.whole(`${a.what} lacks ${mode}: ${why}`);
  });
}

/** An address flag that must be a loopback address; `unset` is the component's default (0.0.0.0 for --bind-address). */
export function loopbackFlag(names: ComponentName[], flag: string, why: string) {
  return flagRule(names, (c, ctx) => {
    const v = c.flags.value(flag);
    if (v === undefined) failFlag(c, ctx, flag, `--${flag} is unset: it defaults to 0.0.0.0, every interface, so ${why}`);
    else if (!isLoopbackHost(v)) failFlag(c, ctx, flag, `${shown(c, flag)} is not a loopback address, so ${why}`);
  });
}
