// Helper, not a control: the credential value rules (token formats with a fixed shape). Used by
// pod/credentials-in-config and by the redaction of `fix --dry-run` (src/fix/redact-text.ts).
//
// Each rule cites its source: the provider's documented token format, or the gitleaks rule
// (gitleaks/config/gitleaks.toml, rule ids) / trufflehog detector (pkg/detectors/<name>) whose
// expression it follows. A rule is cheap on a string that cannot hold its match: a plain
// `includes` of the literal its matches contain comes before any regular expression, and only the
// first MAX_EXAMINED characters of a string are examined.

/** Strings are examined up to this length (a ConfigMap file, a script in args, last-applied-configuration). */
export const MAX_EXAMINED = 64 * 1024;

export interface SecretMatch {
  /** Rule id (`github-pat`, `private-key`, …). */
  rule: string;
  /** What it looks like, for a message: `a GitHub personal access token`. */
  label: string;
  /** The redacted form, the format's public prefix at most: `ghp_****`. Never any of the secret. */
  shown: string;
  /** Where the secret lies in the examined text (for redaction). */
  index: number;
  end: number;
}

interface Rule {
  id: string;
  /** Any match contains one of these literals: the rule runs only on a text that holds one. */
  needles: readonly string[];
  /** `loose`: for redaction, where hiding too much is harmless (a PEM header without key material). */
  find(text: string, loose?: boolean): SecretMatch[];
}

/** At most this many candidates of one rule are judged in one text (a text of 64 KiB of near-tokens is an attack, not a config). */
const MAX_CANDIDATES = 256;

/** The matches of a global `re` that `accept` turns into a SecretMatch (or drops, returning undefined). */
function matches(text: string, re: RegExp, accept: (m: RegExpExecArray) => SecretMatch | undefined): SecretMatch[] {
  const out: SecretMatch[] = [];
  re.lastIndex = 0;
  let n = 0;
  for (let m = re.exec(text); m && n < MAX_CANDIDATES; m = re.exec(text), n++) {
    const found = accept(m);
    if (found) out.push(found);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/**
 * A body with fewer than 6 distinct characters is a placeholder, not a random token:
 * `ghp_xxxxxxxx…`, `sk_live_000000…`, `AccountKey=****…`. Random tokens of 20+ characters from a
 * 62-letter alphabet have 6 distinct characters with overwhelming probability.
 */
export function lowVariety(body: string): boolean {
  return new Set(body).size < 6;
}

/** Shannon entropy of `s` in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** AWS's own documentation examples (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`); gitleaks allows `.+EXAMPLE$` for aws-access-token. */
const AWS_EXAMPLE = /EXAMPLE(KEY)?$/;

// Google Cloud service account key file (JSON): `"type": "service_account"` with a `private_key`
// (Google Cloud IAM docs, "Create and delete service account keys", the key file format;
// trufflehog detector gcp). Before private-key: the key inside it is the credential of the account.
const GCP_TYPE = /"type"\s*:\s*"service_account"/g;
const GCP_KEY = /"private_key"\s*:\s*"(?:[^"\\]|\\.){16,}"/;
const gcpServiceAccount: Rule = {
  id: 'gcp-service-account',
  needles: ['service_account'],
  find(text) {
    if (!text.includes('"private_key"')) return [];
    return matches(text, GCP_TYPE, () => {
      const key = GCP_KEY.exec(text);
      if (!key) return undefined;
      return {
        rule: 'gcp-service-account', label: 'a Google Cloud service account key (JSON key file)',
        shown: '{"type": "service_account", "private_key": "****"}', index: key.index, end: key.index + key[0].length,
      };
    });
  },
};

// PEM private keys of any type: PKCS#8 `PRIVATE KEY` and `ENCRYPTED PRIVATE KEY` (RFC 7468 §10,
// §11), the legacy `RSA`/`EC`/`DSA PRIVATE KEY` (RFC 1421 encapsulation, OpenSSL), `OPENSSH PRIVATE
// KEY` (OpenSSH PROTOCOL.key) and `PGP PRIVATE KEY BLOCK` (RFC 4880 §6.2); gitleaks private-key,
// `-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY( BLOCK)?-----`. A header must be followed by key
// material (16 base64 characters within 400): a header over `...` or `<key>` is documentation.
const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]{0,40}?)PRIVATE KEY( BLOCK)?-----/g;
const PEM_BODY = /[A-Za-z0-9+/=]{16}/;
const privateKey: Rule = {
  id: 'private-key',
  needles: ['PRIVATE KEY'],
  find(text, loose) {
    return matches(text, PEM_BEGIN, (m) => {
      const after = m.index + m[0].length;
      if (!loose && !PEM_BODY.test(text.slice(after, after + 400))) return undefined;
      const type = m[1].trim();
      const endMark = text.indexOf('-----END', after);
      const endLine = endMark < 0 ? -1 : text.indexOf('-----', endMark + 8);
      const encrypted = type === 'ENCRYPTED' || text.slice(after, after + 200).includes('ENCRYPTED');
      return {
        rule: 'private-key',
        label: `${encrypted ? 'an encrypted' : 'a'} private key (PEM${type && type !== 'ENCRYPTED' ? `, ${type}` : ''})`,
        shown: m[0], // the header names the key type, not the key
        index: m.index, end: endLine < 0 ? after : endLine + 5,
      };
    });
  },
};

// JSON Web Tokens in the JWS compact serialization: three base64url parts separated by dots
// (RFC 7515 §7.1; RFC 7519 §3), the header a JSON object with the REQUIRED `alg` (RFC 7515 §4.1.1);
// `alg: none` has an empty signature (RFC 7519 §6). gitleaks jwt. Kubernetes service account tokens are JWTs.
// A header holds at least {"alg":"x"}: 15 characters in base64url ({"alg":"none"} is 19).
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{12,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
function jwtHeader(part: string): boolean {
  if (part.length > 4096) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}
const jwt: Rule = {
  id: 'jwt',
  needles: ['eyJ'],
  find(text) {
    return matches(text, JWT, (m) => (jwtHeader(m[0].slice(0, m[0].indexOf('.')))
      ? { rule: 'jwt', label: 'a JSON Web Token', shown: 'eyJ****', index: m.index, end: m.index + m[0].length }
      : undefined));
  },
};

// GitHub tokens: `ghp_` personal access token, `gho_` OAuth, `ghu_` user-to-server, `ghs_`
// server-to-server, `ghr_` refresh, each with 36 base62 characters today and up to 255 in all
// (GitHub docs, "About authentication to GitHub" › GitHub's token formats; GitHub blog 2021-04-05,
// "Behind GitHub's new authentication token formats"); `github_pat_` fine-grained tokens, 82
// characters after the prefix. gitleaks github-pat, github-oauth, github-app-token,
// github-refresh-token, github-fine-grained-pat.
const GITHUB = /(?<![A-Za-z0-9_])(?:(gh[pousr]_)[A-Za-z0-9]{36,251}|(github_pat_)[A-Za-z0-9_]{82,})(?![A-Za-z0-9_])/g;
const GITHUB_KINDS: Readonly<Record<string, string>> = {
  ghp_: 'a GitHub personal access token', gho_: 'a GitHub OAuth access token', ghu_: 'a GitHub App user access token',
  ghs_: 'a GitHub App installation access token', ghr_: 'a GitHub refresh token', github_pat_: 'a GitHub fine-grained personal access token',
};
const github: Rule = {
  id: 'github-token',
  needles: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  find(text) {
    return matches(text, GITHUB, (m) => {
      const prefix = m[1] ?? m[2];
      if (lowVariety(m[0].slice(prefix.length))) return undefined;
      return { rule: 'github-token', label: GITHUB_KINDS[prefix], shown: `${prefix}****`, index: m.index, end: m.index + m[0].length };
    });
  },
};

// Slack tokens `xoxb-` (bot), `xoxp-` (user), `xoxa-`/`xoxr-` (app access/refresh), `xoxo-`/`xoxs-`
// (legacy) (Slack API docs, "Token types"); gitleaks slack-bot-token, slack-user-token,
// slack-legacy-token, slack-legacy-workspace-token.
const SLACK = /(?<![A-Za-z0-9])(xox[abposr]-)[A-Za-z0-9-]{10,}/g;
const slack: Rule = {
  id: 'slack-token',
  needles: ['xox'],
  find(text) {
    return matches(text, SLACK, (m) => (lowVariety(m[0].slice(5))
      ? undefined
      : { rule: 'slack-token', label: 'a Slack token', shown: `${m[1]}****`, index: m.index, end: m.index + m[0].length }));
  },
};

// Azure connection strings: `AccountKey=` of a Storage account (Microsoft Learn, "Configure Azure
// Storage connection strings"; trufflehog azurestorage) and `SharedAccessKey=` of Service Bus and
// Event Hubs (Microsoft Learn, "Get an Event Hubs connection string"). The storage emulator's
// account `devstoreaccount1` has a key Microsoft publishes (Microsoft Learn, "Use the Azurite
// emulator"): not a secret.
const AZURE = /(?<![A-Za-z])(AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{20,}={0,2})/g;
const azure: Rule = {
  id: 'azure-connection-string',
  needles: ['AccountKey=', 'SharedAccessKey='],
  find(text) {
    if (text.includes('AccountName=devstoreaccount1')) return [];
    return matches(text, AZURE, (m) => {
      if (lowVariety(m[2])) return undefined;
      const storage = m[1] === 'AccountKey';
      return {
        rule: 'azure-connection-string',
        label: storage ? 'an Azure Storage connection string with its account key' : 'an Azure connection string with a shared access key',
        shown: `${m[1]}=****`, index: m.index + m[1].length + 1, end: m.index + m[0].length,
      };
    });
  },
};

// Stripe live secret keys `sk_live_` and restricted keys `rk_live_` (Stripe docs, "API keys");
// gitleaks stripe-access-token. Test-mode keys (`sk_test_`) cannot move money and are not flagged.
const STRIPE = /(?<![A-Za-z0-9_])([sr]k_live_)[A-Za-z0-9]{20,}(?![A-Za-z0-9_])/g;
const stripe: Rule = {
  id: 'stripe-key',
  needles: ['sk_live_', 'rk_live_'],
  find(text) {
    return matches(text, STRIPE, (m) => (lowVariety(m[0].slice(8))
      ? undefined
      : {
        rule: 'stripe-key', label: m[1] === 'sk_live_' ? 'a Stripe live secret key' : 'a Stripe live restricted key',
        shown: `${m[1]}****`, index: m.index, end: m.index + m[0].length,
      }));
  },
};

// `sk-` API keys: OpenAI (`sk-`, `sk-proj-`, `sk-svcacct-`, `sk-admin-`; the marker `T3BlbkFJ` is
// base64 for "OpenAI"; gitleaks openai-api-key), Anthropic (`sk-ant-api03-`, gitleaks
// anthropic-api-key) and the providers that copied the shape. The shape alone is common, so the
// body must be long (32+) and random: a digit, a letter and at least 3.5 bits of entropy per character.
const SK = /(?<![A-Za-z0-9_-])sk-((?:proj|svcacct|admin|ant-api\d\d|ant-admin\d\d)-)?([A-Za-z0-9_-]{32,})(?![A-Za-z0-9_-])/g;
const skKey: Rule = {
  id: 'sk-api-key',
  needles: ['sk-'],
  find(text) {
    return matches(text, SK, (m) => {
      const body = m[2];
      if (!/[0-9]/.test(body) || !/[A-Za-z]/.test(body) || entropy(body) < 3.5) return undefined;
      const kind = m[0].includes('T3BlbkFJ') || (m[1] && !m[1].startsWith('ant-')) ? 'an OpenAI API key'
        : m[1]?.startsWith('ant-') ? 'an Anthropic API key' : 'an API secret key (sk-…)';
      return { rule: 'sk-api-key', label: kind, shown: `sk-${m[1] ?? ''}****`, index: m.index, end: m.index + m[0].length };
    });
  },
};

// A URL with a password in its user information, `scheme://user:password@host` (RFC 3986 §3.1
// scheme, §3.2.1 userinfo: "Use of the format "user:password" in the userinfo field is
// deprecated"); gitleaks/trufflehog URI detectors. Not `user@host` (no password), not an empty
// password, not a reference (`$(DB_PASSWORD)`, `${PASSWORD}`, `{{ .Values.password }}`) or a
// placeholder (`<password>`, `xxx`, `***`).
const URL_PASSWORD = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,30}):\/\/([^\s:/?#@'"<>[\]]*):([^\s/?#@'"<>]+)@(?=[A-Za-z0-9[])/g;
const urlPassword: Rule = {
  id: 'url-password',
  needles: ['://'],
  find(text) {
    return matches(text, URL_PASSWORD, (m) => {
      if (isReferenceOrPlaceholder(m[3])) return undefined;
      const scheme = m[1].toLowerCase();
      return {
        rule: 'url-password', label: `a ${scheme}:// URL with an embedded password`, shown: `${scheme}://****:****@`,
        index: m.index + m[1].length + 3, end: m.index + m[0].length - 1,
      };
    });
  },
};

// AWS access key ids: `AKIA` (long-term), `ASIA` (temporary, STS), `ABIA`, `ACCA` + 16 upper-case
// letters and digits (AWS IAM User Guide, "IAM identifiers" › unique identifier prefixes;
// gitleaks aws-access-token). The id names the key; the secret access key beside it (40
// base64 characters; trufflehog detector aws) is what signs requests, and AWS asks for both
// (AWS IAM User Guide, "Manage access keys for IAM users"). An id alone is not a finding: only
// with a secret access key in the same string or in a sibling value (see credentials-in-config).
const AWS_ID = /(?<![A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g;
const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/** An AWS access key id in `text`, or undefined. */
export function awsKeyId(text: string): SecretMatch | undefined {
  if (!/AKIA|ASIA|ABIA|ACCA/.test(text)) return undefined;
  return matches(examined(text), AWS_ID, (m) => (AWS_EXAMPLE.test(m[0]) ? undefined : {
    rule: 'aws-access-key-id', label: 'an AWS access key id', shown: `${m[1]}****`, index: m.index, end: m.index + m[0].length,
  }))[0];
}

/**
 * An AWS secret access key shape in `text`: 40 base64 characters with upper and lower case letters
 * and a digit or `/`/`+` (a hex digest has no upper case). Too common a shape to flag alone; it
 * counts beside an access key id.
 */
export function awsSecretKey(text: string): SecretMatch | undefined {
  if (text.length < 40) return undefined;
  return matches(examined(text), AWS_SECRET, (m) => (awsSecretShape(m[0])
    ? { rule: 'aws-secret-access-key', label: 'an AWS secret access key', shown: '****', index: m.index, end: m.index + m[0].length }
    : undefined))[0];
}

function awsSecretShape(s: string): boolean {
  return /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9/+]/.test(s) && !AWS_EXAMPLE.test(s) && !lowVariety(s);
}

const awsPair: Rule = {
  id: 'aws-key-pair',
  needles: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
  find(text) {
    const id = awsKeyId(text);
    const secret = id && awsSecretKey(text);
    if (!id || !secret) return [];
    return [{ ...secret, rule: 'aws-key-pair', label: `an AWS access key id (${id.shown}) with its secret access key` }];
  },
};

// In order of precedence: the first rule that matches names the finding.
const RULES: readonly Rule[] = [gcpServiceAccount, privateKey, jwt, github, slack, azure, stripe, skKey, awsPair, urlPassword];

// One test for all the needles: most strings hold none, and then no rule runs.
const ANY_NEEDLE = new RegExp([...new Set(RULES.flatMap((r) => r.needles))].map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));

function examined(text: string): string {
  return text.length > MAX_EXAMINED ? text.slice(0, MAX_EXAMINED) : text;
}

/** The first credential the value rules find in `text` (in rule order), or undefined. */
export function findSecret(text: string): SecretMatch | undefined {
  if (text.length < 16) return undefined;
  const t = examined(text);
  if (!ANY_NEEDLE.test(t)) return undefined;
  for (const rule of RULES) {
    if (!rule.needles.some((n) => t.includes(n))) continue;
    const found = rule.find(t);
    if (found.length > 0) return found[0];
  }
  return undefined;
}

/**
 * Every credential the value rules find in `text`, for redaction, where hiding too much is
 * harmless: AWS access key ids and secret access key shapes alone, and PEM headers without a body, included.
 */
export function findSecrets(text: string): SecretMatch[] {
  if (text.length < 16) return [];
  const t = examined(text);
  const out = ANY_NEEDLE.test(t) ? RULES.flatMap((rule) => (rule.needles.some((n) => t.includes(n)) ? rule.find(t, true) : [])) : [];
  const id = awsKeyId(t);
  if (id) out.push(...matches(t, AWS_ID, (m) => ({ ...id, index: m.index, end: m.index + m[0].length })));
  // a secret access key's id may be on another line or in another value: every such shape is hidden
  if (t.length >= 40) out.push(...matches(t, AWS_SECRET, (m) => awsSecretShape(m[0]) ? {
    rule: 'aws-secret-access-key', label: 'an AWS secret access key', shown: '****', index: m.index, end: m.index + m[0].length,
  } : undefined));
  return out.sort((a, b) => a.index - b.index);
}

// References and placeholders (also used by the name rules of credentials-in-config).

/** `$(VAR)` (Kubernetes expands it: "Define Dependent Environment Variables"), `${VAR}`, `$VAR`, `$1`, `{{ … }}` (templates). */
const REFERENCE = /\$\([A-Za-z_][A-Za-z0-9_.-]*\)|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9@*#?]|\{\{.*?\}\}/g;

/** The value only refers to other values (`$(DB_PASSWORD)`, `${USER}:${PASS}`): nothing literal but separators. */
export function isReference(value: string): boolean {
  if (!value.includes('$') && !value.includes('{{')) return false;
  return !/[A-Za-z0-9]/.test(value.replace(REFERENCE, ''));
}

// Placeholders: what stands for a value that is not there. `changeme`, `admin`, `password` are not
// placeholders: they are the default credentials of many images, and they work.
const PLACEHOLDER_WORDS = new Set([
  'example', 'dummy', 'placeholder', 'redacted', 'todo', 'tbd', 'fixme', 'none', 'null', 'nil', 'undefined',
  'n/a', 'replace_me', 'replaceme', 'replace', 'to_be_replaced', 'notset', 'not_set', 'unset',
]);
const PLACEHOLDER_SHAPES = [
  /^<[^<>]*>$/, // <password>, <your-token>
  /^\[[^[\]]*\]$/, // [password]
  /^(your|enter|insert)[-_ ].*$/i, // your-password-here, your_api_key, enter-token-here
  /^.*[-_ ]goes[-_ ]here$/i, // key-goes-here
  /^replace[-_ ](me|this|with)(?![a-z])/i, // replace-me, replace_with_real_token
];

/** An obvious placeholder (`<password>`, `xxx`, `***`, `REPLACE_ME`, `your-password-here`, `example`, `dummy`). */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (repeated(v)) return true;
  if (PLACEHOLDER_WORDS.has(v.toLowerCase().replace(/[- ]/g, '_'))) return true;
  return PLACEHOLDER_SHAPES.some((re) => re.test(v));
}

/** One of `x X * . # ? _ -` three times or more: xxx, ***, ..., ### (a loop: a back-reference regex is slow to warm up). */
function repeated(v: string): boolean {
  if (v.length < 3 || !'xX*.#?_-'.includes(v[0])) return false;
  const first = v[0].toLowerCase();
  for (let i = 1; i < v.length; i++) if (v[i].toLowerCase() !== first) return false;
  return true;
}

export function isReferenceOrPlaceholder(value: string): boolean {
  return isReference(value) || isPlaceholder(value);
}
