// Plain scalars typed as Kubernetes types them. kubectl, Helm and the API server decode YAML with
// sigs.k8s.io/yaml, which reads it with its fork of go-yaml v2 (YAMLToJSON) and then decodes the
// JSON. go-yaml v2 follows YAML 1.1's scalar rules, not YAML 1.2's core schema that js-yaml uses by
// default: `privileged: yes`, `hostNetwork: on` and `hostPID: y` are `true` to Kubernetes, `012` is
// 10 (octal), `0b101` is 5 and `1_000` is 1000. A scanner that reads them as strings, or as 12,
// misses what the cluster will run. Every resolver below follows go-yaml v2's resolve.go to the
// letter (resolveMap, resolveTable and resolve()); the comments name the step they copy.
import { FAILSAFE_SCHEMA, NOT_RESOLVED, defineScalarTag, mergeTag } from './js-yaml.js';

// resolveMap: the words go-yaml v2 looks up before anything else.
const TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const FALSE = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];
const NULL = ['', '~', 'null', 'Null', 'NULL'];
const FLOATS = new Map<string, number>([
  ['.nan', NaN], ['.NaN', NaN], ['.NAN', NaN],
  ['.inf', Infinity], ['.Inf', Infinity], ['.INF', Infinity],
  ['+.inf', Infinity], ['+.Inf', Infinity], ['+.INF', Infinity],
  ['-.inf', -Infinity], ['-.Inf', -Infinity], ['-.INF', -Infinity],
]);
const BOOLS = new Map<string, boolean>([...TRUE.map((w) => [w, true] as const), ...FALSE.map((w) => [w, false] as const)]);

/** go-yaml v2's yamlStyleFloat. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** What Go's strconv.ParseInt(s, 0, 64) accepts once underscores are gone: sign, then 0b/0o/0x, a leading 0 (octal) or decimal. */
const GO_INT = /^[-+]?(0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;
/** go-yaml v2's parseTimestamp formats start with a 4-digit year and a dash: such values stay strings when decoded into interface{} (decode.go). */
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?$/;

const DIGITS = [...'0123456789'];

/**
 * The number in a Go integer literal as strconv.ParseInt(s, 0, 64) reads it (base from the
 * prefix; a leading 0 is octal), or undefined. Values past 64 bits are left to ParseUint and then
 * the float rule, as go-yaml does; in JavaScript they are numbers either way.
 */
function goInt(plain: string): number | undefined {
  if (!GO_INT.test(plain)) return undefined;
  const sign = plain[0] === '-' ? -1 : 1;
  const body = plain[0] === '-' || plain[0] === '+' ? plain.slice(1) : plain;
  const prefix = body.slice(0, 2).toLowerCase();
  const value = prefix === '0b' ? parseInt(body.slice(2), 2)
    : prefix === '0o' ? parseInt(body.slice(2), 8)
      : prefix === '0x' ? parseInt(body.slice(2), 16)
        : body.length > 1 && body[0] === '0' ? parseInt(body, 8)
          : parseInt(body, 10);
  return sign * value;
}

/**
 * go-yaml v2's resolve() for a plain scalar, reduced to the value: boolean, null, number, or the
 * text itself (a string). Dispatch by first character as its resolveTable does: digits and signs
 * may be numbers, `yYnNtTfFoO~` are looked up, `.` may be a float.
 */
export function resolveKubernetesScalar(text: string): unknown {
  if (text === '') return null;
  const first = text[0];
  const bool = BOOLS.get(text);
  if (bool !== undefined) return bool;
  if (NULL.includes(text)) return null;
  const special = FLOATS.get(text);
  if (special !== undefined) return special;
  if (first === '.') {
    // 'Not in the map, so maybe a normal float': Go's ParseFloat, which takes no underscores here
    return YAML_STYLE_FLOAT.test(text) ? parseFloat(text) : text;
  }
  if (first === '+' || first === '-' || (first >= '0' && first <= '9')) {
    if (TIMESTAMP.test(text)) return text; // a timestamp stays a string
    const plain = text.replace(/_/g, ''); // strings.Replace(in, "_", "", -1)
    const int = goInt(plain);
    if (int !== undefined) return int;
    if (YAML_STYLE_FLOAT.test(plain)) return parseFloat(plain);
  }
  return text;
}

/**
 * Whether `text`, written as a plain scalar, means something else to Kubernetes (YAML 1.1, above)
 * than to YAML 1.2's core schema: `yes`, `on`, `n`, octal `012`, binary `0b101`, `1_000`, `+.5`.
 * Used to say so in a finding that points at such a value.
 */
export function yaml11Form(text: string): 'boolean' | 'number' | undefined {
  // Quick answers first: this runs for every failing path that ends at a plain scalar.
  const c = text[0];
  if (c === 'y' || c === 'Y' || c === 'n' || c === 'N' || c === 'o' || c === 'O') return BOOLS.has(text) ? 'boolean' : undefined;
  if (!(c === '+' || c === '-' || c === '.' || (c >= '0' && c <= '9'))) return undefined;
  if (!text.includes('_') && !/^[-+]?0[0-9bBoOxX]/.test(text)) return undefined; // the same number in YAML 1.2
  const value = resolveKubernetesScalar(text);
  if (typeof value === 'boolean') return /^(true|True|TRUE|false|False|FALSE)$/.test(text) ? undefined : 'boolean';
  if (typeof value !== 'number') return undefined;
  return coreNumber(text) === value || (Number.isNaN(value) && Number.isNaN(coreNumber(text))) ? undefined : 'number';
}

/** The number YAML 1.2's core schema reads from `text`, or undefined when it is a string there. */
function coreNumber(text: string): number | undefined {
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return parseFloat(text);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text[0] === '-' ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(text)) return NaN;
  return undefined;
}

const typed = (kind: 'bool' | 'null' | 'int' | 'float', firstChars: string[], accepts: (v: unknown) => boolean) =>
  defineScalarTag(`tag:yaml.org,2002:${kind}`, {
    implicit: true,
    implicitFirstChars: firstChars,
    resolve: (source: string) => {
      const value = resolveKubernetesScalar(source);
      return accepts(value) ? value : NOT_RESOLVED;
    },
    identify: () => false, // load only: Palisade never writes YAML with this schema
  });

const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);

/**
 * The schema Palisade reads manifests with: YAML's strings, sequences and mappings, merge keys,
 * and null, booleans, integers and floats typed by go-yaml v2's rules. js-yaml's fallback parser
 * and the fast parser's scalar typing both use it.
 */
export const KUBERNETES_SCHEMA = FAILSAFE_SCHEMA.withTags(
  typed('null', ['', '~', 'n', 'N'], (v) => v === null),
  typed('bool', [...'yYnNtTfFoO'], (v) => typeof v === 'boolean'),
  typed('int', ['+', '-', ...DIGITS], isInt),
  typed('float', ['+', '-', '.', ...DIGITS], (v) => typeof v === 'number' && !isInt(v)),
  mergeTag,
);
