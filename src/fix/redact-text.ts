// Credentials inside a piece of text, found without the YAML structure: in a string (`--db-password=x`,
// `postgres://user:pw@host`, `Password=x;`), in a comment, or in a config file held in a block
// scalar. Which name/value pairs are credentials is decided by credentialReason, the rule the
// credentials-in-config findings use, so the diff hides what the findings point at.
import type { ControlInputs } from '../controls/inputs.js';
import { credentialReason } from '../controls/pod/credentials-in-config.js';
import { findSecrets } from '../controls/templates/secret-patterns.js';

export const REDACTED = '<redacted>';

/**
 * Kubernetes fields whose values name a Secret or a token source rather than hold one, and API
 * fields named like credentials that hold none (`key` of a selector, toleration or key reference;
 * `topologyKey`; `matchLabelKeys`).
 */
export const REFERENCES = /^(secretName|secretRef|secretKeyRef|imagePullSecrets|serviceAccountToken|[a-z]+SecretRef|key|topologyKey|[a-z]*LabelKeys)$/;

// userinfo of a URL: a user name alone can be a token (https://ghp_x@github.com)
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@'"<>]+@/gi;
// a name, the closing quote of a JSON key, then `=` or `:`
const NAME_THEN_SEPARATOR = /([A-Za-z0-9_.-]+)(["']?)[ \t]*([:=])[ \t]*/g;
// a command-line flag and its value as the next word (`--api-token abc`)
const FLAG_THEN_WORD = /(?<![\w-])(--?[A-Za-z][\w.-]*)[ \t]+(?=[^\s"'-])/g;

const patternCache = new WeakMap<ControlInputs, RegExp[]>();

/** The configured value patterns (inputs.sensitiveValuePatterns), unanchored, to find a credential inside a longer text. */
function patternsFor(inputs: ControlInputs): RegExp[] {
  let out = patternCache.get(inputs);
  if (!out) {
    out = inputs.sensitiveValuePatterns.flatMap((source) => {
      try {
        return [new RegExp(source.replace(/^\^/, '').replace(/\$$/, ''), 'g')];
      } catch {
        return [];
      }
    });
    patternCache.set(inputs, out);
  }
  return out;
}

/** `text` with every credential value found in it replaced by `<redacted>`; line breaks stay. */
export function scrubText(text: string, inputs: ControlInputs): string {
  let out = text.replace(URL_USERINFO, `$1${REDACTED}@`);
  out = redactAfter(out, NAME_THEN_SEPARATOR, inputs, (s, start, m) => valueEnd(s, start, m[3]));
  out = redactAfter(out, FLAG_THEN_WORD, inputs, (s, start) => untilAny(s, start, /[\s"']/));
  for (const re of patternsFor(inputs)) out = out.replace(re, REDACTED);
  return redactFound(out);
}

/** The credentials the built-in value rules find (tokens, keys, AWS key ids), each replaced by `<redacted>`. */
function redactFound(text: string): string {
  let out = '';
  let done = 0;
  for (const m of findSecrets(text)) {
    if (m.index < done) continue;
    out += text.slice(done, m.index) + REDACTED;
    done = m.end;
  }
  return done === 0 ? text : out + text.slice(done);
}

type Extent = { from: number; to: number };

/** Replaces the value after each match of `re` whose name (group 1) and value make a credential. */
function redactAfter(text: string, re: RegExp, inputs: ControlInputs, extent: (s: string, start: number, m: RegExpExecArray) => Extent): string {
  let out = '';
  let done = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const { from, to } = extent(text, start, m);
    const value = text.slice(from, to);
    if (value !== '' && value !== REDACTED && !REFERENCES.test(m[1]) && credentialReason(m[1], value, inputs)) {
      out += text.slice(done, from) + REDACTED;
      done = to;
      re.lastIndex = to;
    } else {
      // the value may hold a pair of its own (`ARGS: --db-password=x`)
      re.lastIndex = start;
    }
  }
  return out + text.slice(done);
}

/** A quoted value runs to its closing quote; `a=b` to a separator; `a: b` to the end of the line. */
function valueEnd(s: string, start: number, separator: string): Extent {
  const quote = s[start];
  if (quote === '"' || quote === "'") {
    let i = start + 1;
    while (i < s.length && s[i] !== quote && s[i] !== '\n') i += s[i] === '\\' && quote === '"' ? 2 : 1;
    return { from: start + 1, to: Math.min(i, s.length) };
  }
  if (separator === '=') return { from: start, to: untilAny(s, start, /[\s;&,"')}\]]/).to };
  // `tokens: [a, b]`: from the first item on; `{a: b}` has pairs of its own, found as the scan goes on
  if (quote === '{') return { from: start, to: start };
  const from = quote === '[' ? start + 1 : start;
  let to = untilAny(s, from, /[\n,}\]]|\s#/).to;
  while (to > from && /\s/.test(s[to - 1])) to--;
  return { from, to };
}

function untilAny(s: string, start: number, stop: RegExp): Extent {
  const m = new RegExp(stop.source, 'g');
  m.lastIndex = start;
  const found = m.exec(s);
  return { from: start, to: found ? found.index : s.length };
}
