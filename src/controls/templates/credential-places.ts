// Helper, not a control: the places of a resource where credentials-in-config looks for a literal
// credential (container env, args and command; ConfigMap data and binaryData; annotations), each
// with its path, how a message names it, and why it is a credential. Used by pod/credentials-in-config.
import type { ControlInputs } from '../inputs.js';
import type { ContainerInfo, PodInfo } from '../../inventory/index.js';
import type { PathSegments, Resource } from '../../model/types.js';
import { isObj } from '../../model/guards.js';
import { awsKeyId, awsSecretKey, credentialReason } from './credential-rules.js';
import { MAX_EXAMINED } from './secret-patterns.js';

export interface Place {
  path: PathSegments;
  /** How a message names it: `env var "DB_PASSWORD"`, `args[2]`, `ConfigMap key "db.password"`. */
  where: string;
  /** The text the value rules read (for the AWS key pairs across siblings). */
  value: string;
  /** Why it is a credential, or undefined. */
  reason: string | undefined;
}

/** The env vars with a literal value (not `valueFrom`), and each string of args and command. */
export function containerPlaces(c: ContainerInfo, inputs: ControlInputs): Place[] {
  const places: Place[] = [];
  const env = c.spec.env;
  if (Array.isArray(env)) {
    env.forEach((entry: unknown, i: number) => {
      if (!isObj(entry) || typeof entry.name !== 'string' || (entry.valueFrom !== undefined && entry.valueFrom !== null)) return;
      const value = typeof entry.value === 'number' ? String(entry.value) : entry.value;
      if (typeof value !== 'string') return;
      places.push({ path: [...c.path, 'env', i, 'value'], where: `env var "${entry.name}"`, value, reason: credentialReason(entry.name, value, inputs) });
    });
  }
  for (const field of ['command', 'args'] as const) {
    const list = c.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((arg: unknown, i: number) => {
      if (typeof arg !== 'string') return;
      // `--password` then its value as the next item: the value is the credential
      const previous = list[i - 1];
      const flag = typeof previous === 'string' && FLAG.test(previous) && !arg.startsWith('-') ? previous : undefined;
      places.push({ path: [...c.path, field, i], where: `${field}[${i}]`, value: arg, reason: argumentReason(arg, flag, inputs) });
    });
  }
  return places;
}

const FLAG = /^--?[A-Za-z][\w.-]*$/;
/** `--flag=value`, `-flag=value`, or `NAME=value` (an assignment in a shell script). */
const ASSIGNMENT = /^(--?[A-Za-z][\w.-]*|[A-Za-z_][A-Za-z0-9_.-]*)=(.+)$/s;

/**
 * Why an argument holds a credential: its text by the value rules (a token anywhere in a script),
 * else a `--flag=value` or `NAME=value` word of it, or the argument itself after a `--flag`, whose
 * name marks a credential and whose value is literal (no `$` expansion, no command substitution).
 */
function argumentReason(arg: string, flag: string | undefined, inputs: ControlInputs): string | undefined {
  const byValue = credentialReason('', arg, inputs);
  if (byValue) return byValue;
  if (flag) {
    const reason = literal(arg) && credentialReason(flag, arg, inputs);
    if (reason) return `"${flag}" is given a literal value and ${reason}`;
  }
  const text = arg.length > MAX_EXAMINED ? arg.slice(0, MAX_EXAMINED) : arg;
  if (!text.includes('=')) return undefined;
  const words = text.split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const m = ASSIGNMENT.exec(words[i]);
    if (!m) continue;
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
      places.push({ path: ['data', key], where: `ConfigMap key "${key}"`, value: text, reason: credentialReason(key, text, inputs) });
    }
  }
  if (isObj(binaryData)) {
    for (const [key, value] of Object.entries(binaryData)) {
      if (typeof value !== 'string') continue;
      const text = decodeBounded(value);
      places.push({ path: ['binaryData', key], where: `ConfigMap key "${key}" (binaryData)`, value: text, reason: credentialReason(key, text, inputs) });
    }
  }
  return places;
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
  const add = (metadata: unknown, path: PathSegments, label: string) => {
    if (!isObj(metadata) || !isObj(metadata.annotations)) return;
    for (const [key, value] of Object.entries(metadata.annotations)) {
      if (typeof value !== 'string') continue;
      const reason = credentialReason('', value, inputs);
      const kept = key === LAST_APPLIED ? ' (kubectl apply keeps the whole applied manifest there)' : '';
      places.push({ path: [...path, 'annotations', key], where: `${label} "${key}"${kept}`, value, reason });
    }
  };
  add(resource.object.metadata, ['metadata'], 'annotation');
  if (pod && pod.metadataPath.length > 1) add(pod.metadata, pod.metadataPath, 'pod template annotation');
  return places;
}

/**
 * An AWS access key id is a credential with its secret access key only (AWS IAM User Guide,
 * "Manage access keys for IAM users": both sign a request). Among sibling places (a container's
 * env and arguments, a ConfigMap's entries, an object's annotations), an id and a secret access
 * key shape in two of them make both credentials; a pair in one string is a value rule of its own.
 */
export function pairAwsKeys(places: Place[]): void {
  if (!places.some((p) => /AKIA|ASIA|ABIA|ACCA/.test(p.value))) return;
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
