// Type guards shared by the whole tree: what a parsed YAML/JSON value is, checked once, the same way everywhere.

/** A plain object as YAML or JSON yields it (a mapping): not null, not an array. */
export function isObj(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `isObj` with `unknown` values, for code that narrows each field itself. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return isObj(v);
}

/** An object or an array (anything a JSON pointer can step into): not null. */
export function isObjOrArray(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}
