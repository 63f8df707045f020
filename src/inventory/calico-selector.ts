// Calico's selector language, as Calico's policies (`selector`, `namespaceSelector`,
// `serviceAccountSelector`) use it. Grammar and meaning follow the Calico docs ("Selectors" in the
// NetworkPolicy resource reference) and libcalico-go lib/selector/parser:
//   all()                      every endpoint          global()   non-namespaced endpoints only
//   k == 'v'   k != 'v'        != also matches an endpoint without k
//   has(k)     !has(k)
//   k in {'a', 'b'}            k not in {'a'}  (not in also matches an endpoint without k)
//   k contains 's'   k starts with 's'   k ends with 's'
//   !e   e && e   e || e   ( e )          && binds tighter than ||
// Strings are in single or double quotes. An empty selector selects everything (as all()).

export type LabelLookup = (key: string) => string | undefined;

export interface CalicoSelector {
  /** The source text, for messages. */
  readonly text: string;
  /** Label keys the expression reads (`all()` reads none). */
  readonly keys: ReadonlySet<string>;
  /** `global()` appears: the expression is about non-namespaced endpoints (host endpoints). */
  readonly global: boolean;
  matches(labels: LabelLookup): boolean;
}

export class CalicoSelectorError extends Error {}

type Node = (labels: LabelLookup) => boolean;

/** Selectors longer than this are refused (Calico's own API limits a selector to 1024 bytes in practice). */
const MAX_LENGTH = 4096;
/** Nesting of `(` and `!` beyond this is refused rather than risking the stack. */
const MAX_DEPTH = 64;

const TOKEN = /\s*(?:(all\(\))|(global\(\))|(has\()|(!has\()|(&&)|(\|\|)|(==)|(!=)|(!)|(\()|(\))|(\{)|(\})|(,)|'([^']*)'|"([^"]*)"|([A-Za-z0-9_./\\-]+))/y;

type Token = { t: 'all' | 'global' | 'has' | 'nothas' | 'and' | 'or' | 'eq' | 'ne' | 'not' | 'lp' | 'rp' | 'lb' | 'rb' | 'comma' } | { t: 'str' | 'word'; v: string };
const KINDS = ['all', 'global', 'has', 'nothas', 'and', 'or', 'eq', 'ne', 'not', 'lp', 'rp', 'lb', 'rb', 'comma'] as const;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw new CalicoSelectorError(`unexpected character near position ${at + 1}`);
    at = TOKEN.lastIndex;
    const i = m.findIndex((g, n) => n > 0 && g !== undefined);
    if (i <= KINDS.length) out.push({ t: KINDS[i - 1] });
    else if (i === 15 || i === 16) out.push({ t: 'str', v: m[i] });
    else out.push({ t: 'word', v: m[i] });
  }
  return out;
}

/** Parses a Calico selector; throws CalicoSelectorError naming what is wrong. */
export function parseCalicoSelector(text: string): CalicoSelector {
  if (text.length > MAX_LENGTH) throw new CalicoSelectorError(`longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(text);
  const keys = new Set<string>();
  let global = false;
  let i = 0;
  const peek = () => tokens[i];
  const take = (t: Token['t'], what: string): Token => {
    const tok = tokens[i];
    if (!tok || tok.t !== t) throw new CalicoSelectorError(`expected ${what} at token ${i + 1}`);
    i++;
    return tok;
  };
  const str = (): string => (take('str', 'a quoted string') as { v: string }).v;
  const word = (what: string): string => {
    const tok = tokens[i];
    if (tok?.t !== 'word') throw new CalicoSelectorError(`expected ${what} at token ${i + 1}`);
    i++;
    return tok.v;
  };

  function or(depth: number): Node {
    const parts = [and(depth)];
    while (peek()?.t === 'or') {
      i++;
      parts.push(and(depth));
    }
    return parts.length === 1 ? parts[0] : (l) => parts.some((p) => p(l));
  }
  function and(depth: number): Node {
    const parts = [unary(depth)];
    while (peek()?.t === 'and') {
      i++;
      parts.push(unary(depth));
    }
    return parts.length === 1 ? parts[0] : (l) => parts.every((p) => p(l));
  }
  function unary(depth: number): Node {
    if (depth > MAX_DEPTH) throw new CalicoSelectorError(`nested more than ${MAX_DEPTH} deep`);
    const tok = peek();
    if (!tok) throw new CalicoSelectorError('unexpected end of selector');
    i++;
    switch (tok.t) {
      case 'not': {
        const inner = unary(depth + 1);
        return (l) => !inner(l);
      }
      case 'lp': {
        const inner = or(depth + 1);
        take('rp', '")"');
        return inner;
      }
      case 'all': return () => true;
      case 'global':
        global = true;
        // libcalico-go: global() matches what has no projectcalico.org/namespace label (host endpoints, global sets)
        keys.add('projectcalico.org/namespace');
        return (l) => l('projectcalico.org/namespace') === undefined;
      case 'has':
      case 'nothas': {
        const key = word('a label name');
        take('rp', '")"');
        keys.add(key);
        return tok.t === 'has' ? (l) => l(key) !== undefined : (l) => l(key) === undefined;
      }
      case 'word': return comparison(tok.v);
      default: throw new CalicoSelectorError(`unexpected token ${i}`);
    }
  }
  function set(): string[] {
    take('lb', '"{"');
    const values: string[] = [];
    if (peek()?.t === 'rb') {
      i++;
      return values;
    }
    for (;;) {
      values.push(str());
      const next = tokens[i++];
      if (next?.t === 'rb') return values;
      if (next?.t !== 'comma') throw new CalicoSelectorError('expected "," or "}" in a set');
    }
  }
  function comparison(key: string): Node {
    keys.add(key);
    const tok = tokens[i++];
    if (!tok) throw new CalicoSelectorError(`expected an operator after ${key}`);
    if (tok.t === 'eq') {
      const v = str();
      return (l) => l(key) === v;
    }
    if (tok.t === 'ne') {
      const v = str();
      return (l) => l(key) !== v;
    }
    if (tok.t === 'word') {
      if (tok.v === 'in') {
        const values = set();
        return (l) => {
          const v = l(key);
          return v !== undefined && values.includes(v);
        };
      }
      if (tok.v === 'not') {
        if (word('"in"') !== 'in') throw new CalicoSelectorError('expected "in" after "not"');
        const values = set();
        return (l) => {
          const v = l(key);
          return v === undefined || !values.includes(v);
        };
      }
      if (tok.v === 'contains') {
        const s = str();
        return (l) => l(key)?.includes(s) ?? false;
      }
      if (tok.v === 'starts' || tok.v === 'ends') {
        if (word('"with"') !== 'with') throw new CalicoSelectorError(`expected "with" after "${tok.v}"`);
        const s = str();
        return tok.v === 'starts' ? (l) => l(key)?.startsWith(s) ?? false : (l) => l(key)?.endsWith(s) ?? false;
      }
    }
    throw new CalicoSelectorError(`unknown operator after ${key}`);
  }

  const root: Node = tokens.length === 0 ? () => true : or(0);
  if (i < tokens.length) throw new CalicoSelectorError(`unexpected token ${i + 1} after a complete expression`);
  return { text, keys, global, matches: root };
}
