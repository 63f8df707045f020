// Helper, not a control: the places of a resource where credentials-in-config looks for a literal
// credential (container env, args and command; ConfigMap data and binaryData; annotations), each
// with its path, how a message names it, and why it is a credential. Used by pod/credentials-in-config.
import type { ControlInputs } from '../inputs.js';
import type { ContainerInfo, PodInfo } from '../../inventory/index.js';
import type { PathSegments, Resource } from '../../model/types.js';
import { isObj } from '../../model/guards.js';
import { awsKeyId, awsSecretKey, credentialReason, sensitiveNameOf } from './credential-rules.js';
import { MAX_EXAMINED } from './secret-patterns.js';

const AWS_NEEDLE = /AKIA|ASIA|ABIA|ACCA/;

export interface Place {
  path: PathSegments;
  /** How a message names it: `env var "DB_PASSWORD"`, `args[2]`, `ConfigMap key "db.password"`. */
  where: string;
  /** The text the value rules read (for the AWS key pairs across siblings). */
  value: string;
  /** Why it is a credential, or undefined. */
  reason: string | undefined;
}

/**
 * The env vars with a literal value (not `valueFrom`), and each string of args and command: those
 * that are credentials, and those that may be half of an AWS key pair (this runs on every container
 * of a scan: nothing is built for the others).
 */
export function containerPlaces(c: ContainerInfo, inputs: ControlInputs): Place[] {
  const places: Place[] = [];
  const env = c.spec.env;
  if (Array.isArray(env)) {
    for (let i = 0; i < env.length; i++) {
      const entry: unknown = env[i];
      if (!isObj(entry) || typeof entry.name !== 'string' || (entry.valueFrom !== undefined && entry.valueFrom !== null)) continue;
      const value = typeof entry.value === 'number' ? String(entry.value) : entry.value;
      if (typeof value !== 'string') continue;
      const reason = credentialReason(entry.name, value, inputs);
      if (reason || mayPair(value)) places.push({ path: [...c.path, 'env', i, 'value'], where: `env var "${entry.name}"`, value, reason });
    }
  }
  for (const field of ARGUMENT_FIELDS) {
    const list = c.spec[field];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const arg: unknown = list[i];
      if (typeof arg !== 'string') continue;
      // `--password` then its value as the next item: the value is the credential
      const previous: unknown = list[i - 1];
      const flag = typeof previous === 'string' && FLAG.test(previous) && !arg.startsWith('-') ? previous : undefined;
      const reason = argumentReason(arg, flag, inputs);
      if (reason || mayPair(arg)) places.push({ path: [...c.path, field, i], where: `${field}[${i}]`, value: arg, reason });
    }
  }
  return places;
}

const ARGUMENT_FIELDS = ['command', 'args'] as const;

/** Half of an AWS key pair, maybe: it holds an access key id, or a secret access key shape. */
function mayPair(value: string): boolean {
  return value.length >= 20 && (AWS_NEEDLE.test(value) || (value.length >= 40 && awsSecretKey(value) !== undefined));
}

const FLAG = /^--?[A-Za-z][\w.-]*$/;
/** `--flag=value`, `-flag=value`, or `NAME=value` (an assignment in a shell script). */
const ASSIGNMENT = /^(--?[A-Za-z][\w.-]*|[A-Za-z_][A-Za-z0-9_.-]*)=(.+)$/s;

// What argumentReason says of each argument by itself (workloads repeat their arguments), per inputs.
const argumentMemo = new WeakMap<ControlInputs, Map<string, string | null>>();
const MEMO = 10_000;

/**
 * Why an argument holds a credential: its text by the value rules (a token anywhere in a script),
 * else a `--flag=value` or `NAME=value` word of it, or the argument itself after a `--flag`, whose
 * name marks a credential and whose value is literal (no `$` expansion, no command substitution).
 */
function argumentReason(arg: string, flag: string | undefined, inputs: ControlInputs): string | undefined {
  if (flag) {
    const reason = literal(arg) && sensitiveNameOf(flag, inputs) && credentialReason(flag, arg, inputs);
    if (reason) return `"${flag}" is given a literal value and ${reason}`;
  }
  let memo = argumentMemo.get(inputs);
  if (!memo) argumentMemo.set(inputs, (memo = new Map()));
  const known = memo.get(arg);
  if (known !== undefined) return known ?? undefined;
  const reason = credentialReason('', arg, inputs) ?? assignmentReason(arg, inputs);
  if (memo.size < MEMO) memo.set(arg, reason ?? null);
  return reason;
}

function assignmentReason(arg: string, inputs: ControlInputs): string | undefined {
  const text = arg.length > MAX_EXAMINED ? arg.slice(0, MAX_EXAMINED) : arg;
  if (!text.includes('=')) return undefined;
  const words = text.split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const m = ASSIGNMENT.exec(words[i]);
    if (!m || !sensitiveNameOf(m[1], inputs)) continue;
    const value = unquote(m[2]);
    const reason = literal(value) && credentialReason(m[1], value, inputs);
    if (reason) return `"${m[1]}" is set to a literal value and ${reason}`;
  }
  return undefined;
}

/** A shell expands `$…` and backquotes: such a value is not written in the manifest. */
function literal(value: string): boolean {
  return value !== '' && !value.includes('$') && !value.includes('`');
}

/** A shell word's value without its quotes and the punctuation after it (`'',` → empty, `"s3cr3t";` → s3cr3t). */
function unquote(value: string): string {
  return value.replace(/[,;)\\]+$/, '').replace(/^(["'])(.*)\1$/s, '$2').replace(/^["']|["']$/g, '');
}

/** ConfigMap `data` entries (by name and value) and `binaryData` entries (by name, and by value once decoded). */
export function configMapPlaces(resource: Resource, inputs: ControlInputs): Place[] {
  const places: Place[] = [];
  const { data, binaryData } = resource.object;
  if (isObj(data)) {
    for (const [key, value] of Object.entries(data)) {
      const text = typeof value === 'number' ? String(value) : value;
      if (typeof text !== 'string') continue;
      const reason = credentialReason(key, text, inputs) ?? (text.includes('\n') ? fileLineReason(text, inputs) : undefined);
      if (reason || mayPair(text)) places.push({ path: ['data', key], where: `ConfigMap key "${key}"`, value: text, reason });
    }
  }
  if (isObj(binaryData)) {
    for (const [key, value] of Object.entries(binaryData)) {
      if (typeof value !== 'string') continue;
      const text = decodeBounded(value);
      const reason = credentialReason(key, text, inputs);
      if (reason || mayPair(text)) places.push({ path: ['binaryData', key], where: `ConfigMap key "${key}" (binaryData)`, value: text, reason });
    }
  }
  return places;
}

// `name = value`, `name: value`, `NAME=value`, `"name": "value",` on a line of a configuration file
// (properties, INI, env files, YAML, JSON), with an optional `export`.
const FILE_LINE = /^[ \t]*(?:export[ \t]+)?["']?([A-Za-z_][\w.-]*)["']?[ \t]*[:=][ \t]*(.*?)[ \t]*$/;

/**
 * A line of a configuration file held in a ConfigMap that sets a setting named like a credential
 * to a literal value (`spring.datasource.password=hunter2`, `admin_password = s3cr3t`): the file's
 * own references (`${DB_PASSWORD}`), paths, structures (`{`, `[`, `|`) and comments are not literals.
 */
function fileLineReason(text: string, inputs: ControlInputs): string | undefined {
  const lines = (text.length > MAX_EXAMINED ? text.slice(0, MAX_EXAMINED) : text).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = FILE_LINE.exec(lines[i]);
    if (!m || !sensitiveNameOf(m[1], inputs)) continue;
    const value = unquote(m[2].replace(/[ \t]+[#;].*$/, ''));
    if (!literal(value) || /^[[{|>&*!]/.test(value)) continue;
    const reason = credentialReason(m[1], value, inputs);
    if (reason) return `line ${i + 1} sets "${m[1]}" to a literal value and ${reason}`;
  }
  return undefined;
}

/** The first MAX_EXAMINED bytes of base64 `value`, as text (binary bytes become U+FFFD: no value rule matches them). */
function decodeBounded(value: string): string {
  const chars = Math.ceil(MAX_EXAMINED / 3) * 4;
  const head = value.length > chars ? value.slice(0, chars) : value;
  return Buffer.from(head.replace(/\s+/g, ''), 'base64').toString('utf8');
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Annotations, by value only: annotation names name features and resources
 * (`nginx.ingress.kubernetes.io/auth-secret` names a Secret, `checksum/secret` holds a digest).
 * The object's own, and its pod template's. `kubectl.kubernetes.io/last-applied-configuration`
 * holds the whole manifest as last applied (kubectl apply, client-side), read as text.
 */
export function annotationPlaces(resource: Resource, pod: PodInfo | undefined, inputs: ControlInputs): Place[] {
  const places: Place[] = [];
  addAnnotations(places, resource.object.metadata, ['metadata'], 'annotation', inputs);
  if (pod && pod.metadataPath.length > 1) addAnnotations(places, pod.metadata, pod.metadataPath, 'pod template annotation', inputs);
  return places;
}

function addAnnotations(places: Place[], metadata: unknown, path: PathSegments, label: string, inputs: ControlInputs): void {
  if (!isObj(metadata)) return;
  const annotations: unknown = metadata.annotations;
  if (!isObj(annotations)) return;
  for (const key in annotations) {
    const value: unknown = annotations[key];
    if (typeof value !== 'string') continue;
    const reason = credentialReason('', value, inputs);
    if (!reason && !mayPair(value)) continue;
    const kept = key === LAST_APPLIED ? ' (kubectl apply keeps the whole applied manifest there)' : '';
    places.push({ path: [...path, 'annotations', key], where: `${label} "${key}"${kept}`, value, reason });
  }
}

/**
 * Places are the credentials among the values, and the values long enough to be half of an AWS key
 * pair. An AWS access key id is a credential with its secret access key only (AWS IAM User Guide,
 * "Manage access keys for IAM users": both sign a request). Among sibling places (a container's
 * env and arguments, a ConfigMap's entries, an object's annotations), an id and a secret access
 * key shape in two of them make both credentials; a pair in one string is a value rule of its own.
 */
export function pairAwsKeys(places: Place[]): void {
  if (places.length < 2 || !places.some((p) => AWS_NEEDLE.test(p.value))) return;
  const ids = places.flatMap((p) => {
    const id = awsKeyId(p.value);
    return id ? [{ place: p, id }] : [];
  });
  if (ids.length === 0) return;
  const secrets = places.filter((p) => !ids.some((i) => i.place === p) && awsSecretKey(p.value));
  if (secrets.length === 0) return;
  for (const { place, id } of ids) {
    place.reason ??= `its value looks like an AWS access key id (${id.shown}) and its secret access key is beside it, in ${secrets[0].where}`;
  }
  for (const place of secrets) {
    place.reason ??= `its value looks like an AWS secret access key, beside the access key id in ${ids[0].place.where}`;
  }
}
