// The lines of a manifest with every credential value replaced by `<redacted>`, for the diff of
// `fix --dry-run`: its context lines show text that `scan` never prints. Found through the YAML
// structure (Secret data, values of keys and env vars whose name marks a credential, the value
// after a `--password` argument, values that look like keys or tokens, JSON or YAML inside a
// string) and, on every line, by the text rules of redact-text.ts (credentials inside strings and
// comments). The rules are those of the credentials-in-config findings (credentialReason).
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Scalar } from 'yaml';
import type { ControlInputs } from '../controls/inputs.js';
import { credentialReason } from '../controls/pod/credentials-in-config.js';
import { findSecret } from '../controls/templates/secret-patterns.js';
import { PARSE_OPTIONS } from './document.js';
import { REDACTED, REFERENCES, scrubText } from './redact-text.js';

/** `text` replaces the source between `from` and `to`. */
interface Span { from: number; to: number; text: string }

// JSON or YAML held in a string is searched too, to this depth (last-applied-configuration).
const MAX_DEPTH = 2;

/** Line `n` (1-based, without its line break) of `text`, redacted. */
export function lineRedactor(text: string, inputs: ControlInputs): (n: number) => string {
  const starts = lineStarts(text);
  const byLine = new Map<number, Span[]>();
  const spans = secretSpans(text, inputs, 0).sort((a, b) => a.from - b.from || b.to - a.to);
  for (const span of spans) {
    for (let l = lineAt(starts, span.from); l <= lineAt(starts, Math.max(span.from, span.to - 1)); l++) {
      byLine.set(l, [...(byLine.get(l) ?? []), span]);
    }
  }
  return (n) => {
    const from = starts[n - 1] ?? text.length;
    let to = n < starts.length ? starts[n] - 1 : text.length;
    if (text[to - 1] === '\r') to--;
    const indentEnd = from + /^[ \t]*/.exec(text.slice(from, to))![0].length;
    let out = '';
    let cursor = from;
    for (const span of byLine.get(n) ?? []) {
      // a span that started on an earlier line covers this one after its indentation
      const start = span.from < from ? Math.max(from, indentEnd) : span.from;
      const end = Math.min(span.to, to);
      if (start < cursor || end <= start) continue;
      out += text.slice(cursor, start) + (span.from < from ? REDACTED : span.text);
      cursor = end;
    }
    return scrubText(out + text.slice(cursor, to), inputs);
  };
}

/** Where the credentials are in `text`. */
function secretSpans(text: string, inputs: ControlInputs, depth: number): Span[] {
  const spans: Span[] = [];
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  if (!Array.isArray(docs)) return spans;
  for (const doc of docs) {
    visit(doc, {
      Scalar(key, node, path) {
        if (key === 'key' || !node.range) return;
        const value = typeof node.value === 'number' || typeof node.value === 'bigint' ? String(node.value) : node.value;
        if (typeof value !== 'string') return;
        const [from, to] = node.range;
        if (isCredential(value, key, path, inputs, depth)) {
          spans.push({ from, to, text: REDACTED });
          return;
        }
        const scrubbed = scrubText(value, inputs);
        if (scrubbed !== value) spans.push({ from, to, text: inPlace(node, text.slice(from, to), value, scrubbed) });
      },
    });
  }
  return spans;
}

type Ancestors = readonly unknown[];

function isCredential(value: string, key: unknown, path: Ancestors, inputs: ControlInputs, depth: number): boolean {
  // a URL's password is hidden in place (by scrubText): the rest of the URL is judged by the other rules
  if (findSecret(value)?.rule === 'url-password') value = scrubText(value, inputs);
  // a value that looks like a key or token, whatever it is called
  if (credentialReason('', value, inputs)) return true;
  if (inSecretData(path)) return true;
  // a key that names a credential, here or above (`password: x`, `auth: {token: x}`)
  for (const node of path) {
    if (!isPair(node) || !isScalar(node.key)) continue;
    const name = String(node.key.value);
    const reference = REFERENCES.test(name) || (name === 'secret' && isMap(node.value)); // a Secret volume
    if (!reference && credentialReason(name, value, inputs)) return true;
  }
  const parent = path[path.length - 1];
  const map = path[path.length - 2];
  // an env var: {name: DB_PASSWORD, value: x}
  if (isPair(parent) && isScalar(parent.key) && parent.key.value === 'value' && isMap(map)) {
    const name = map.get('name');
    if (typeof name === 'string' && credentialReason(name, value, inputs)) return true;
  }
  // an argument after its flag: [--db-password, x]
  if (isSeq(parent) && typeof key === 'number' && key > 0) {
    const flag = parent.items[key - 1];
    if (isScalar(flag) && typeof flag.value === 'string' && /^--?[A-Za-z][\w.-]*$/.test(flag.value)
      && credentialReason(flag.value, value, inputs)) return true;
  }
  // JSON or YAML inside the string: the whole string goes when it holds a credential
  if (depth < MAX_DEPTH && (/^\s*[[{]/.test(value) || value.includes('\n'))) {
    return secretSpans(value, inputs, depth + 1).length > 0;
  }
  return false;
}

/** Under `data` or `stringData` of a Secret (at the root or in a List's items). */
function inSecretData(path: Ancestors): boolean {
  for (let i = 0; i + 1 < path.length; i++) {
    const node = path[i];
    const next = path[i + 1];
    if (isMap(node) && node.get('kind') === 'Secret' && isPair(next) && isScalar(next.key)
      && (next.key.value === 'data' || next.key.value === 'stringData')) return true;
  }
  return false;
}

/**
 * The scalar's source with the credential inside it redacted (`--db-password=<redacted>`) when
 * the source is the value as written (plain, or quoted without escapes); otherwise all of it.
 */
function inPlace(node: Scalar, source: string, value: string, scrubbed: string): string {
  if (value.includes('\n')) return REDACTED;
  if (node.type === 'PLAIN' && source === value) return scrubbed;
  const q = node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : '';
  if (q && source === q + value + q) return q + scrubbed + q;
  return REDACTED;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return lo + 1;
}
