import { defineControl } from '../define.js';
import type { ControlInputs } from '../inputs.js';
import { describeContainer } from '../../inventory/index.js';
import { WORKLOAD_KINDS } from '../../model/kinds.js';
import type { Fix, PathSegments } from '../../model/types.js';
import { isObj } from '../../model/guards.js';

/** What the default value patterns look for, keyed by their source text; custom patterns are named by position. */
const PATTERN_KINDS: Readonly<Record<string, string>> = {
  '-----BEGIN [A-Z ]*PRIVATE KEY-----': 'a private key',
  '^eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}$': 'a JSON Web Token',
  '\\b(AKIA|ASIA)[0-9A-Z]{16}\\b': 'an AWS access key id',
  '\\bgh[pousr]_[A-Za-z0-9]{36,}\\b': 'a GitHub token',
  '\\bgithub_pat_[A-Za-z0-9_]{40,}\\b': 'a GitHub fine-grained token',
  '\\bxox[abposr]-[A-Za-z0-9-]{10,}\\b': 'a Slack token',
};

interface Rules {
  /** Sensitive name fragments, normalised, each with the entry as configured. */
  names: Array<{ needle: string; entry: string }>;
  values: Array<{ re: RegExp; kind: string }>;
  /**
   * What the rules say of each name and value seen (manifests repeat env names and many values):
   * a scan asks about every env var and ConfigMap entry, and each answer is a dozen regular
   * expression tests and substring searches. Up to MEMO entries each.
   */
  byName: Map<string, NameVerdict>;
  byValue: Map<string, ValueVerdict>;
}

/** What a name says: nothing (a file or path setting), or the sensitive entry it contains unless it names a setting. */
interface NameVerdict { ignored: boolean; entry: string | undefined }
/** What a value says: nothing (blank, a path, variable references), whether it is a switch, and which pattern it matches. */
interface ValueVerdict { ignored: boolean; isSwitch: boolean; kind: string | undefined }

const MEMO = 10_000;

const compiled = new WeakMap<ControlInputs, Rules>();

/** `-` and `_` count as the same character in names: `api-key` matches `API_KEY`. */
function normaliseName(name: string): string {
  return name.toLowerCase().replace(/-/g, '_');
}

function rulesFor(inputs: ControlInputs): Rules {
  let rules = compiled.get(inputs);
  if (!rules) {
    rules = {
      names: inputs.sensitiveKeyNames.filter((n) => n !== '').map((entry) => ({ needle: normaliseName(entry), entry })),
      values: inputs.sensitiveValuePatterns.map((source, i) => ({
        re: new RegExp(source),
        kind: PATTERN_KINDS[source] ?? `a credential (value pattern #${i + 1} of sensitiveValuePatterns)`,
      })),
      byName: new Map(),
      byValue: new Map(),
    };
    compiled.set(inputs, rules);
  }
  return rules;
}

/** One or more `$(VAR)` references and nothing else: Kubernetes expands them from other variables. */
const VAR_REFERENCES = /^(?:\$\([A-Za-z_][A-Za-z0-9_.-]*\))+$/;

/** Values that are switches, not secrets (`MYSQL_ALLOW_EMPTY_PASSWORD: "yes"`, `GF_AUTH_BASIC_ENABLED: "false"`). */
const SWITCH_VALUES = /^(true|false|yes|no|on|off|enabled?|disabled?|none|null|0|1)$/i;

/**
 * A sensitive word followed by one of these last words names a setting about the credential, not
 * the credential (`AUTH_MODE`, `OAUTH_CLIENT_ID`, `PASSWORD_MIN_LENGTH`, `TOKEN_URL`). Value
 * patterns still apply to them.
 */
const SETTING_SUFFIXES = new Set([
  'enabled', 'disabled', 'enable', 'disable', 'mode', 'role', 'type', 'method', 'url', 'uri', 'host', 'hostname',
  'port', 'endpoint', 'provider', 'realm', 'scope', 'scopes', 'header', 'timeout', 'ttl', 'length', 'policy',
  'strategy', 'version', 'id', 'user', 'username', 'name', 'issuer', 'audience', 'dir', 'format', 'algorithm',
]);

function namesASetting(normalised: string): boolean {
  const words = normalised.split(/[_.]/).filter(Boolean);
  return words.length > 1 && SETTING_SUFFIXES.has(words[words.length - 1]);
}

/**
 * Why a name/value pair looks like a credential, or undefined. The result never contains the value.
 * Exported for `fix --dry-run`, whose diff redacts by the same rules.
 */
export function credentialReason(name: string, value: unknown, inputs: ControlInputs): string | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') value = String(value);
  if (typeof value !== 'string') return undefined;
  const rules = rulesFor(inputs);
  const v = valueVerdict(value, rules);
  if (v.ignored) return undefined;
  const n = nameVerdict(name, rules);
  if (n.ignored) return undefined;
  const byName = v.isSwitch ? undefined : n.entry;
  if (byName && v.kind) return `its name contains "${byName}" and its value looks like ${v.kind}`;
  if (byName) return `its name contains "${byName}"`;
  if (v.kind) return `its value looks like ${v.kind}`;
  return undefined;
}

function nameVerdict(name: string, rules: Rules): NameVerdict {
  const known = rules.byName.get(name);
  if (known) return known;
  const normalised = normaliseName(name);
  const ignored = normalised.endsWith('_file') || normalised.endsWith('_path');
  const entry = ignored || namesASetting(normalised) ? undefined : rules.names.find((n) => normalised.includes(n.needle))?.entry;
  const verdict = { ignored, entry };
  if (rules.byName.size < MEMO) rules.byName.set(name, verdict);
  return verdict;
}

function valueVerdict(value: string, rules: Rules): ValueVerdict {
  const known = rules.byValue.get(value);
  if (known) return known;
  const ignored = value.trim() === '' || ((value.startsWith('/') || value.startsWith('./')) && !/\s/.test(value)) || VAR_REFERENCES.test(value);
  const verdict = ignored
    ? { ignored, isSwitch: false, kind: undefined }
    : { ignored, isSwitch: SWITCH_VALUES.test(value), kind: rules.values.find((r) => r.re.test(value))?.kind };
  if (rules.byValue.size < MEMO) rules.byValue.set(value, verdict);
  return verdict;
}

const FIX: Fix = { description: 'move it into a Secret and reference it with valueFrom.secretKeyRef' };

export default defineControl({
  id: 'credentials-in-config',
  aliases: ['C-0012'],
  title: 'Credentials in environment variables or ConfigMaps',
  severity: 'high',
  section: 'pod-security',
  appliesTo: { kinds: [...WORKLOAD_KINDS, 'ConfigMap'] },
  failsWhen:
    'an env var with a literal value, or a ConfigMap data entry, has a sensitive name or a value that looks like a credential.',
  rationale:
    'A credential written into a manifest as a literal env value or into a ConfigMap is stored in plain text in '
    + 'the repository, in etcd, and in every `kubectl get -o yaml`, and anyone who may read the workload or the '
    + 'ConfigMap may read it; RBAC treats Secrets separately for exactly this reason. The NSA/CISA Kubernetes '
    + 'Hardening Guidance asks that secrets be kept in Kubernetes Secrets (encrypted at rest) or an external '
    + 'secrets manager, never in pod specs or ConfigMaps, so that access to them can be restricted and audited.',
  remediation:
    'Put the value in a Secret (or an external secrets store synced to one) and reference it with '
    + '`valueFrom.secretKeyRef`, `envFrom.secretRef` or a Secret volume; rotate the credential, since it has '
    + 'already been exposed wherever the manifest went.',
  inputs: ['sensitiveKeyNames', 'sensitiveValuePatterns'],
  example: {
    failing: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.1
        env:
        - name: DB_HOST
          value: postgres.shop.svc
        - name: DB_PASSWORD
          value: hunter2-but-longer
`,
    passing: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.1
        env:
        - name: DB_HOST
          value: postgres.shop.svc
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: {name: api-db, key: password}
`,
  },
  check({ resource }, ctx) {
    if (resource.kind === 'ConfigMap') {
      const data = resource.object.data;
      if (!isObj(data)) return;
      for (const [key, value] of Object.entries(data)) {
        const reason = credentialReason(key, value, ctx.inputs);
        if (reason) {
          ctx.fail(['data', key], `ConfigMap key "${key}" looks like a credential: ${reason}`, { fix: FIX });
        }
      }
      return;
    }
    const pod = ctx.inventory.podOf(resource);
    if (!pod) return;
    for (const container of pod.containers) {
      const env = container.spec.env;
      if (!Array.isArray(env)) continue;
      env.forEach((entry: unknown, i: number) => {
        if (!isObj(entry) || typeof entry.name !== 'string' || (entry.valueFrom !== undefined && entry.valueFrom !== null)) return;
        const reason = credentialReason(entry.name, entry.value, ctx.inputs);
        if (!reason) return;
        const path: PathSegments = [...container.path, 'env', i, 'value'];
        ctx.fail(path, `${describeContainer(container)} sets env var "${entry.name}" to a literal value that looks like a credential: ${reason}`, { fix: FIX });
      });
    }
  },
});
