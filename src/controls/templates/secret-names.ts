// Helper, not a control: the credential name rules (which env var, ConfigMap key or flag names mark
// a credential) and the values that are never one by name. Used by pod/credentials-in-config.
import { isPlaceholder, isReference } from './secret-patterns.js';

/**
 * A sensitive word followed by one of these last words names a setting about the credential or
 * where it is kept, not the credential: `AUTH_MODE`, `PASSWORD_MIN_LENGTH`, `TOKEN_URL`,
 * `DB_PASSWORD_FILE`, `API_KEY_PATH`, `SECRETS_DIR`, `SECRET_NAME`, `KEY_PREFIX`. Value rules still apply to them.
 */
const SETTING_SUFFIXES = new Set([
  'enabled', 'disabled', 'enable', 'disable', 'mode', 'role', 'type', 'method', 'url', 'uri', 'host', 'hostname',
  'port', 'endpoint', 'provider', 'realm', 'scope', 'scopes', 'header', 'timeout', 'ttl', 'length', 'policy',
  'strategy', 'version', 'id', 'user', 'username', 'name', 'issuer', 'audience', 'dir', 'format', 'algorithm',
  'file', 'filename', 'path', 'ref', 'prefix', 'suffix', 'size', 'bits', 'expiry', 'expiration', 'lifetime',
  'interval', 'duration', 'location', 'store', 'namespace', 'region', 'limit', 'max', 'min', 'count', 'retries',
]);

/** The words of a name, lower case: `dbPassword` → db, password; `X-Api-Key` → x, api, key; `db.password_file` → db, password, file. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

interface Entry { entry: string; words: string[]; compact: string }

export interface NameRules {
  entries: Entry[];
  /** Names never sensitive by name (`inputs.sensitiveKeyNamesAllowed`, case-insensitive). */
  allowed: RegExp[];
}

export function compileNameRules(names: readonly string[], allowed: readonly string[]): NameRules {
  return {
    entries: names.filter((n) => n.trim() !== '').map((entry) => {
      const words = nameWords(entry);
      return { entry, words, compact: words.join('') };
    }).filter((e) => e.compact !== ''),
    allowed: allowed.map((source) => new RegExp(source, 'i')),
  };
}

/** Where entry `e` matches in `words` (the index of its last word), or -1. */
function matchAt(words: string[], e: Entry): number {
  const k = e.words.length;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // a word, or the end of a word (a compound: apikey, pgpassword), plural or not; `oauth` names a protocol
    if ((w.endsWith(e.compact) || w.endsWith(`${e.compact}s`)) && !(w === 'oauth' && e.compact === 'auth')) return i;
    if (k > 1 && i + k <= words.length && e.words.every((x, j) => words[i + j] === x || (j === k - 1 && words[i + j] === `${x}s`))) return i + k - 1;
  }
  return -1;
}

// Shapes of a key id that providers publish as an identifier, not a secret: an AWS access key id
// (AWS IAM User Guide: the id names the key, the secret access key signs), a UUID, an ARN, a hex
// id or fingerprint (GPG, SSH, KMS), digits, a URL (an Azure Key Vault key id), a resource path
// (`projects/p/locations/l/keyRings/r/cryptoKeys/k`, `alias/name`), lower-case words (`signing-key-2024`).
const PUBLIC_ID_SHAPES = [
  /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^arn:[a-z0-9-]+:/,
  /^(0x)?[0-9a-f]{8,64}$/i,
  /^([0-9a-f]{2}:){7,}[0-9a-f]{2}$/i,
  /^(SHA256|MD5):[A-Za-z0-9+/=:]+$/,
  /^[0-9]+$/,
  /^https?:\/\/\S+$/,
  /^[a-z][a-z-]*(\/[A-Za-z0-9._-]+)+$/,
  /^[a-z0-9]+([._-][a-z0-9]+)*$/,
];

export function hasPublicIdShape(value: string): boolean {
  const v = value.trim();
  return PUBLIC_ID_SHAPES.some((re) => re.test(v));
}

const MAX_NAME = 256;

/**
 * `key` after one of these words names a public key, or the key of a record, a map or a log field,
 * not a secret: `PUBLIC_KEY`, `PARTITION_KEY`, `ROUTING_KEY`, `S3_OBJECT_KEY`, zap's `timeKey`/`levelKey`.
 */
const NOT_SECRET_KEY_QUALIFIERS = new Set([
  'public', 'pub', 'routing', 'partition', 'sort', 'primary', 'foreign', 'cache', 'shard', 'hash', 'idempotency',
  'lookup', 'label', 'object', 'field', 'map', 'group', 'index', 'row', 'column', 'join', 'dedup', 'time', 'level',
  'name', 'caller', 'message', 'stacktrace', 'function', 'logger', 'duration', 'topology', 'node', 'affinity',
]);

function notASecretKey(words: string[], at: number): boolean {
  return (words[at] === 'key' || words[at] === 'keys') && at > 0 && NOT_SECRET_KEY_QUALIFIERS.has(words[at - 1]);
}

export interface NameMatch {
  /** The configured entry the name contains (`password`). */
  entry: string;
  /** The name is a key id (`AWS_ACCESS_KEY_ID`, `GPG_KEY_ID`): sensitive only when its value is not shaped like a public id. */
  keyId: boolean;
}

/**
 * The sensitive entry `name` contains, unless the name only names a secret (`*_FILE`, `*_PATH`,
 * `*_DIR`, `*_NAME`, `*_REF`) or a setting about it (`*_MODE`, `*_URL`, `*_ID`, …). `*_KEY_ID` is a
 * key id. `*_SECRET_ID` stays sensitive: a Vault AppRole SecretID is a credential (Vault docs, "AppRole auth method").
 */
export function sensitiveName(name: string, rules: NameRules): NameMatch | undefined {
  // names are short (env var names, ConfigMap keys: at most 253 characters); a longer one is read in part
  if (name.length > MAX_NAME) name = name.slice(0, MAX_NAME);
  if (rules.allowed.some((re) => re.test(name))) return undefined;
  const words = nameWords(name);
  // the name ends in a key that is not a secret (JWT_PUBLIC_KEY): what comes before only qualifies it
  if (words.length === 0 || notASecretKey(words, words.length - 1)) return undefined;
  for (const e of rules.entries) {
    const at = matchAt(words, e);
    if (at < 0 || notASecretKey(words, at)) continue;
    const last = words[words.length - 1];
    if (at < words.length - 1 && SETTING_SUFFIXES.has(last)) {
      if (last !== 'id' || at !== words.length - 2) continue;
      if (words[at] === 'secret' || words[at] === 'secrets') return { entry: e.entry, keyId: false };
      if (words[at] === 'key' || words[at] === 'keys') return { entry: e.entry, keyId: true };
      continue;
    }
    return { entry: e.entry, keyId: false };
  }
  return undefined;
}

/** Values that are switches, not secrets (`MYSQL_ALLOW_EMPTY_PASSWORD: "yes"`, `GF_AUTH_BASIC_ENABLED: "false"`). */
const SWITCH_VALUES = /^(true|false|yes|no|on|off|enabled?|disabled?|none|null|0|1)$/i;

/**
 * A value that is not a credential whatever it is called: blank, a switch, a file path
 * (`/run/secrets/db`, `./key.pem`, `~/.aws/credentials`, no whitespace), only references to other
 * values (`$(DB_PASSWORD)`), or a placeholder (`<password>`, `xxx`, `REPLACE_ME`, `your-token-here`).
 */
export function notACredentialByName(value: string): boolean {
  const v = value.trim();
  if (v === '' || SWITCH_VALUES.test(v)) return true;
  if (/^(\/|\.\.?\/|~\/)/.test(v) && !/\s/.test(v)) return true;
  return isReference(v) || isPlaceholder(v);
}
