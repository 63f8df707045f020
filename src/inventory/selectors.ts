// Kubernetes label selectors: `matchLabels` and `matchExpressions` (In, NotIn, Exists, DoesNotExist).
import { isRecord } from '../model/guards.js';

export type Labels = Readonly<Record<string, string>>;

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** A selector compiled once and matched many times. `null` selects nothing, an empty one everything. */
export interface CompiledSelector {
  readonly empty: boolean;
  /** One label every match must carry with this value (for index look-ups), if the selector has one. */
  readonly anchor?: readonly [string, string];
  /** The label keys the selector reads (none for an empty one); unknown when absent. */
  readonly keys?: readonly string[];
  matches(labels: Labels | undefined): boolean;
}

const NOTHING: CompiledSelector = { empty: false, keys: [], matches: () => false };
const EVERYTHING: CompiledSelector = { empty: true, keys: [], matches: () => true };

/**
 * Compiles a LabelSelector (`{matchLabels, matchExpressions}`). An absent or empty selector
 * matches everything, as a NetworkPolicy `podSelector: {}` does; a malformed one matches nothing.
 */
export function compileSelector(selector: unknown): CompiledSelector {
  if (selector === undefined || selector === null) return EVERYTHING;
  if (!isRecord(selector)) return NOTHING;
  const tests: Array<(l: Labels) => boolean> = [];
  let anchor: [string, string] | undefined;
  const keys: string[] = [];
  const ml = selector.matchLabels;
  if (ml !== undefined && ml !== null) {
    if (!isRecord(ml)) return NOTHING;
    for (const [k, v] of Object.entries(ml)) {
      const value = String(v);
      anchor ??= [k, value];
      keys.push(k);
      tests.push((l) => l[k] === value);
    }
  }
  const me = selector.matchExpressions;
  if (me !== undefined && me !== null) {
    if (!Array.isArray(me)) return NOTHING;
    for (const e of me) {
      if (!isRecord(e) || typeof e.key !== 'string') return NOTHING;
      const key = e.key;
      const values = Array.isArray(e.values) ? e.values.map(String) : [];
      keys.push(key);
      switch (e.operator) {
        case 'In':
          if (values.length === 1) anchor ??= [key, values[0]];
          tests.push((l) => l[key] !== undefined && values.includes(l[key]));
          break;
        case 'NotIn':
          tests.push((l) => l[key] === undefined || !values.includes(l[key]));
          break;
        case 'Exists':
          tests.push((l) => l[key] !== undefined);
          break;
        case 'DoesNotExist':
          tests.push((l) => l[key] === undefined);
          break;
        default:
          return NOTHING;
      }
    }
  }
  if (tests.length === 0) return EVERYTHING;
  return {
    empty: false,
    anchor,
    keys,
    matches: (labels) => {
      const l = labels ?? {};
      for (const t of tests) if (!t(l)) return false;
      return true;
    },
  };
}

/** A Service's `spec.selector` is a plain map: equality on every key; empty selects nothing. */
export function compileMapSelector(map: unknown): CompiledSelector {
  if (!isRecord(map) || Object.keys(map).length === 0) return NOTHING;
  return compileSelector({ matchLabels: map });
}
