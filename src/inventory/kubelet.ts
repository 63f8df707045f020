// The kubelet's effective settings: command-line flags over its --config file over the defaults.
//
// The defaults differ between two worlds (cmd/kubelet/app/options/options.go):
// - Flags only (no --config): `applyLegacyDefaults` keeps the old command-line API, so
//   --anonymous-auth=true, --authentication-token-webhook=false, --authorization-mode=AlwaysAllow
//   and --read-only-port=10255.
// - With a KubeletConfiguration file: the v1beta1 defaults (pkg/kubelet/apis/config/v1beta1/defaults.go,
//   and the kubelet-config.v1beta1 reference): authentication.anonymous.enabled false,
//   authentication.webhook.enabled true, authorization.mode Webhook, readOnlyPort 0 (disabled).
// Every other setting read here has the same default in both worlds: streamingConnectionIdleTimeout
// 4h (in the file a zero duration is replaced by 4h; only the flag can really set 0), protectKernelDefaults false, makeIPTablesUtilChains true, rotateCertificates false,
// serverTLSBootstrap false, podPidsLimit -1, seccompDefault false, no client CA, no cipher list.
// Flags given on the command line override the file field by field; feature gates merge key by key.
import type { PathSegments, Resource } from '../model/types.js';
import { parseGoBool, parseGoDuration, type Flags } from '../model/flags.js';
import type { Component, ComponentIndex, JoinedConfig } from './components.js';

type Obj = Record<string, any>;
export type SettingType = 'bool' | 'string' | 'int' | 'duration' | 'list';

export interface SettingSpec {
  flag: string;
  field: readonly string[];
  type: SettingType;
  flagDefault: unknown;
  configDefault: unknown;
  /** The config file's defaulting replaces a zero value with the default (metav1.Duration fields). */
  zeroIsDefault?: boolean;
}

export const KUBELET_SETTINGS = {
  anonymousAuth: { flag: 'anonymous-auth', field: ['authentication', 'anonymous', 'enabled'], type: 'bool', flagDefault: true, configDefault: false },
  authorizationMode: { flag: 'authorization-mode', field: ['authorization', 'mode'], type: 'string', flagDefault: 'AlwaysAllow', configDefault: 'Webhook' },
  clientCAFile: { flag: 'client-ca-file', field: ['authentication', 'x509', 'clientCAFile'], type: 'string', flagDefault: undefined, configDefault: undefined },
  readOnlyPort: { flag: 'read-only-port', field: ['readOnlyPort'], type: 'int', flagDefault: 10255, configDefault: 0 },
  streamingConnectionIdleTimeout: { flag: 'streaming-connection-idle-timeout', field: ['streamingConnectionIdleTimeout'], type: 'duration', flagDefault: '4h0m0s', configDefault: '4h0m0s', zeroIsDefault: true },
  protectKernelDefaults: { flag: 'protect-kernel-defaults', field: ['protectKernelDefaults'], type: 'bool', flagDefault: false, configDefault: false },
  makeIPTablesUtilChains: { flag: 'make-iptables-util-chains', field: ['makeIPTablesUtilChains'], type: 'bool', flagDefault: true, configDefault: true },
  rotateCertificates: { flag: 'rotate-certificates', field: ['rotateCertificates'], type: 'bool', flagDefault: false, configDefault: false },
  serverTLSBootstrap: { flag: 'rotate-server-certificates', field: ['serverTLSBootstrap'], type: 'bool', flagDefault: false, configDefault: false },
  tlsCipherSuites: { flag: 'tls-cipher-suites', field: ['tlsCipherSuites'], type: 'list', flagDefault: undefined, configDefault: undefined },
  podPidsLimit: { flag: 'pod-max-pids', field: ['podPidsLimit'], type: 'int', flagDefault: -1, configDefault: -1 },
  seccompDefault: { flag: 'seccomp-default', field: ['seccompDefault'], type: 'bool', flagDefault: false, configDefault: false },
} as const satisfies Record<string, SettingSpec>;
export type KubeletSettingName = keyof typeof KUBELET_SETTINGS;

export interface Setting {
  /** The effective value; `undefined` when unset with no default, or when it does not parse. */
  value: unknown;
  from: 'flag' | 'config' | 'default';
  /** Where it is: the flag, the config field, or where it would go; a path of `in` when set, else of the view's resource. */
  path: PathSegments;
  /** The component's joined config file, when `path` is a field of it (report with `ctx.failIn`). */
  in?: JoinedConfig;
  /** How it was set, for messages: `--anonymous-auth=true`, `authentication.anonymous.enabled: true`, `unset (default true)`. */
  shown: string;
}

export class KubeletView {
  /** The resource findings are reported on: the kubelet process or pod, or a standalone KubeletConfiguration. */
  readonly resource: Resource;
  /** 'flags' when there is no config file (command-line defaults), else 'config'. */
  readonly world: 'flags' | 'config';

  constructor(
    readonly component: Component | undefined,
    readonly config: Resource | undefined,
    /** The --config path when given but its content is not in the input. */
    readonly missingConfig?: string,
  ) {
    this.world = component && !component.flags.has('config') ? 'flags' : 'config';
    this.resource = component?.resource ?? config!;
    this.joined = component?.configs.kubeletConfig;
  }

  /** The config file joined to the kubelet process or pod; undefined for a standalone KubeletConfiguration. */
  private readonly joined: JoinedConfig | undefined;

  private get flags(): Flags | undefined {
    return this.component?.flags;
  }

  private get configObject(): Obj | undefined {
    return this.config?.object as Obj | undefined;
  }

  /** Where a config field is: in the joined config file, or in this view's resource (a standalone KubeletConfiguration). */
  configField(field: readonly string[]): { path: PathSegments; in?: JoinedConfig } {
    return this.joined ? { path: [...field], in: this.joined } : { path: [...field] };
  }

  setting(name: KubeletSettingName): Setting {
    const spec: SettingSpec = KUBELET_SETTINGS[name];
    const flag = this.flags?.get(spec.flag);
    if (flag) {
      const value = spec.type === 'list' ? this.flags!.list(spec.flag).map((x) => x.item) : fromText(flag.value, spec.type);
      return { value, from: 'flag', path: flag.path, shown: `--${spec.flag}=${flag.value}` };
    }
    const raw = this.configObject ? dig(this.configObject, spec.field) : undefined;
    if (raw !== undefined && raw !== null) {
      // v1beta1 SetDefaults: `if obj.StreamingConnectionIdleTimeout == zeroDuration { … 4h }` — a 0 in the file is the default
      if (spec.zeroIsDefault && parseGoDuration(String(raw)) === 0) {
        return { value: spec.configDefault, from: 'config', ...this.configField(spec.field),
          shown: `${spec.field.join('.')}: ${show(raw)}, which the kubelet replaces with its default ${show(spec.configDefault)}` };
      }
      return { value: fromConfig(raw, spec.type), from: 'config', ...this.configField(spec.field), shown: `${spec.field.join('.')}: ${show(raw)}` };
    }
    const value = this.world === 'flags' ? spec.flagDefault : spec.configDefault;
    const where = this.world === 'flags'
      ? this.config ? 'no flag, and not in the --config-dir drop-ins' : 'no flag and no config file'
      : this.missingConfig ? `not in the command line; config file ${this.missingConfig} not read` : 'not in the config file';
    const at = this.world === 'flags' ? { path: this.component!.flagsAt } : this.configField(spec.field);
    return { value, from: 'default', ...at, shown: `unset (${where}; the default is ${value === undefined ? 'none' : show(value)})` };
  }

  /** Effective feature gates: the config file's `featureGates`, then --feature-gates key by key. */
  featureGate(name: string): { value: boolean | undefined; path: PathSegments; in?: JoinedConfig } | undefined {
    const fromFlag = this.flags?.featureGates().get(name);
    if (fromFlag) return { value: fromFlag.value, path: fromFlag.path };
    const gates = this.configObject?.featureGates;
    if (gates && typeof gates === 'object' && name in gates) {
      const v = gates[name];
      return { value: typeof v === 'boolean' ? v : parseGoBool(String(v)), ...this.configField(['featureGates', name]) };
    }
    return undefined;
  }

  describe(): string {
    if (this.component) return `kubelet (${this.component.where})`;
    return `KubeletConfiguration ${this.resource.name}`;
  }
}

/** Every kubelet the input describes: kubelet processes/pods with their joined config, and standalone config files. */
export function kubeletViews(index: ComponentIndex): KubeletView[] {
  const views: KubeletView[] = [];
  const joined = new Set<Resource>();
  for (const c of index.of('kubelet')) {
    const config = c.configs.kubeletConfig?.resource;
    if (config) joined.add(config);
    views.push(new KubeletView(c, config, config ? undefined : c.flags.value('config')));
  }
  for (const r of index.configsOf('kubeletConfig')) {
    if (!joined.has(r)) views.push(new KubeletView(undefined, r));
  }
  return views;
}

function dig(o: Obj, field: readonly string[]): unknown {
  let v: unknown = o;
  for (const k of field) v = v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj)[k] : undefined;
  return v;
}

function fromText(text: string, type: SettingType): unknown {
  switch (type) {
    case 'bool': return parseGoBool(text);
    case 'int': return /^-?\d+$/.test(text.trim()) ? Number(text) : undefined;
    default: return text;
  }
}

function fromConfig(raw: unknown, type: SettingType): unknown {
  switch (type) {
    case 'bool': return typeof raw === 'boolean' ? raw : typeof raw === 'string' ? parseGoBool(raw) : undefined;
    case 'int': return typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : undefined;
    case 'list': return Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',').map((s) => s.trim()) : undefined;
    default: return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
  }
}

function show(v: unknown): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : String(v);
}
