// Writing a value as source text for a fix: YAML (flow style for collections) or JSON.
import { parse } from 'yaml';

export type Syntax = 'yaml' | 'json';

/** Characters a plain scalar may hold in both block and flow context, and may not start with. */
const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./ -]*$/;

/** A string as a YAML scalar: `quote` keeps the quoting style of the value it replaces. */
export function yamlString(s: string, quote?: 'double' | 'single'): string {
  if (quote === 'single') return `'${s.replace(/'/g, "''")}'`;
  if (quote !== 'double' && PLAIN.test(s) && !s.endsWith(' ') && plainParsesBack(s)) return s;
  return JSON.stringify(s);
}

function plainParsesBack(s: string): boolean {
  try {
    return parse(s) === s;
  } catch {
    return false;
  }
}

/** Collections are written on one line, `{a: 1, b: [x]}` (JSON: `{"a": 1, "b": ["x"]}`). */
export function renderValue(value: unknown, syntax: Syntax, quote?: 'double' | 'single'): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return syntax === 'json' ? JSON.stringify(value) : yamlString(value, quote);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => renderValue(v, syntax)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${renderKey(k, syntax)}: ${renderValue(v, syntax)}`).join(', ')}}`;
  }
  throw new Error(`cannot write a ${typeof value} into a manifest`);
}

export function renderKey(key: string, syntax: Syntax): string {
  return syntax === 'json' ? JSON.stringify(key) : yamlString(key);
}

/** `{k2: {k3: value}}` for the keys below the first missing one, in flow style. */
export function nest(keys: string[], value: unknown): unknown {
  let out = value;
  for (let i = keys.length - 1; i >= 0; i--) out = { [keys[i]]: out };
  return out;
}
