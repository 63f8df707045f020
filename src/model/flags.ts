// Command-line flags of Kubernetes components, parsed the way their own parsers do. Shared by the
// node source (which follows flags to the files they name) and the inventory (which judges them).
//
// The components use spf13/pflag (etcd: Go's standard `flag` package). What that means here:
// - `--name=value` and `--name value`; a single dash works too (`-name`: Go's `flag`, and no
//   Kubernetes component defines one-letter shorthands other than `-v`).
// - A boolean flag given bare means true, and never consumes the next argument: `--flag false`
//   leaves `false` as a positional argument, exactly as pflag does. Only `--flag=false` sets false.
// - A non-boolean flag without `=` takes the next argument whatever it looks like (pflag does not
//   check for a leading dash). For flags we do not know the type of, the next argument is taken
//   only when it does not start with `-`.
// - A repeated flag: the last occurrence wins, except for pflag slice flags (`StringSlice`), where
//   repeats append, and for `--feature-gates` (a `MapStringBool`), where repeats merge key by key.
// - `--` ends the flags.
import type { PathSegments } from '../model/types.js';

/** One argument of a command line and where it sits in its resource. */
export interface Arg {
  text: string;
  path: PathSegments;
}

/** What we know about a component's flags. */
export interface FlagSpec {
  /** Boolean flags: never consume the next argument. */
  booleans: ReadonlySet<string>;
  /** Slice flags: repeated occurrences append (pflag StringSlice). */
  lists?: ReadonlySet<string>;
}

export interface FlagValue {
  name: string;
  /** The value as given; `true` for a bare boolean flag. */
  value: string;
  /** True when the flag was given without a value (`--profiling`). */
  bare: boolean;
  /** The argument that holds the value (the flag itself for `--a=b`, the next one for `--a b`). */
  path: PathSegments;
  /** The argument that names the flag. */
  flagPath: PathSegments;
}

export interface FeatureGate {
  name: string;
  value: boolean | undefined;
  path: PathSegments;
}

export interface ParsedCommand {
  flags: Flags;
  /** Arguments that are not flags or flag values. */
  positionals: Arg[];
}

const BOOL_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const BOOL_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go's strconv.ParseBool; undefined for anything else (the component would refuse to start). */
export function parseGoBool(text: string): boolean | undefined {
  if (BOOL_TRUE.has(text)) return true;
  if (BOOL_FALSE.has(text)) return false;
  return undefined;
}

export class Flags {
  private readonly byName = new Map<string, FlagValue[]>();

  constructor(readonly occurrences: readonly FlagValue[], private readonly spec: FlagSpec) {
    for (const o of occurrences) {
      let list = this.byName.get(o.name);
      if (!list) this.byName.set(o.name, (list = []));
      list.push(o);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The effective occurrence: the last one. */
  get(name: string): FlagValue | undefined {
    const list = this.byName.get(name);
    return list?.[list.length - 1];
  }

  value(name: string): string | undefined {
    return this.get(name)?.value;
  }

  /** The effective value of a boolean flag: undefined when unset, `invalid` when not a Go boolean. */
  bool(name: string): boolean | 'invalid' | undefined {
    const v = this.get(name);
    if (!v) return undefined;
    return parseGoBool(v.value) ?? 'invalid';
  }

  /**
   * A comma-separated list flag, item by item. For slice flags every occurrence contributes
   * (pflag appends); for any other flag only the last occurrence counts.
   */
  list(name: string): Array<{ item: string; path: PathSegments }> {
    const all = this.byName.get(name) ?? [];
    const used = this.spec.lists?.has(name) ? all : all.slice(-1);
    return used.flatMap((o) => o.value.split(',').map((s) => s.trim()).filter(Boolean).map((item) => ({ item, path: o.path })));
  }

  /** `--feature-gates=A=true,B=false`, repeated occurrences merged key by key (later wins). */
  featureGates(): Map<string, FeatureGate> {
    const out = new Map<string, FeatureGate>();
    for (const o of this.byName.get('feature-gates') ?? []) {
      for (const part of o.value.split(',')) {
        const eq = part.indexOf('=');
        const name = (eq < 0 ? part : part.slice(0, eq)).trim();
        if (!name) continue;
        out.set(name, { name, value: eq < 0 ? undefined : parseGoBool(part.slice(eq + 1).trim()), path: o.path });
      }
    }
    return out;
  }
}

/** Parses the arguments after the executable. */
export function parseFlags(args: readonly Arg[], spec: FlagSpec, knownValued: ReadonlySet<string> = new Set()): ParsedCommand {
  const occurrences: FlagValue[] = [];
  const positionals: Arg[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const text = arg.text;
    if (text === '--') {
      for (let j = i + 1; j < args.length; j++) positionals.push(args[j]); // argv can hold 100k+ paths: no push(...)
      break;
    }
    if (!text.startsWith('-') || text === '-') {
      positionals.push(arg);
      continue;
    }
    const body = text.startsWith('--') ? text.slice(2) : text.slice(1);
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    if (!name) {
      positionals.push(arg);
      continue;
    }
    if (eq >= 0) {
      occurrences.push({ name, value: body.slice(eq + 1), bare: false, path: arg.path, flagPath: arg.path });
      continue;
    }
    if (spec.booleans.has(name)) {
      occurrences.push({ name, value: 'true', bare: true, path: arg.path, flagPath: arg.path });
      continue;
    }
    const next = args[i + 1];
    const takesNext = next !== undefined && (knownValued.has(name) || !next.text.startsWith('-'));
    if (takesNext) {
      occurrences.push({ name, value: next.text, bare: false, path: next.path, flagPath: arg.path });
      i++;
    } else {
      // an unknown flag with nothing after it: most likely a boolean
      occurrences.push({ name, value: 'true', bare: true, path: arg.path, flagPath: arg.path });
    }
  }
  return { flags: new Flags(occurrences, spec), positionals };
}

/** Go duration text (`4h0m0s`, `0`, `30m`, `1.5h`) in seconds; undefined when it is not one. */
export function parseGoDuration(text: string): number | undefined {
  const t = text.trim();
  if (t === '0') return 0;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[-+]/, '');
  re.lastIndex = 0;
  while (pos < body.length) {
    re.lastIndex = pos;
    const m = re.exec(body);
    if (!m) return undefined;
    total += Number(m[1]) * unit[m[2]];
    pos = re.lastIndex;
  }
  return body.length ? sign * total : undefined;
}

/** Shows a URL without credentials (`https://user:pass@host` → `https://***@host`). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');
}

/** True for loopback hosts: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Host part of a URL; undefined when it does not parse. */
export function urlHost(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/@]*@)?(\[[^\]]+\]|[^:/?#]*)/i.exec(url.trim());
  return m ? m[1] : undefined;
}
