// Validating Palisade's own YAML files (config, exceptions) with errors that name file:line:column.
// Every error in a file is reported at once, in file order: a mistake ends only the part of the
// file it is in (one key, one list entry), and the other parts are still checked.
import { UsageError } from '../model/errors.js';
import type { PathSegments } from '../model/types.js';
import type { PositionedDocument } from '../sources/files/yaml-file.js';
import { didYouMean } from '../engine/suggest.js';

/** Several errors of one settings file; each message is one line. */
export class SettingsErrors extends UsageError {
  constructor(readonly messages: string[]) {
    super(messages.join('\n'));
    this.name = 'SettingsErrors';
  }
}

/** Thrown by fail() to abandon the current part; caught by part(). */
const STOP = Symbol('validation stop');

interface Found { line: number; column: number; order: number; message: string }

export class Validator {
  private readonly found: Found[] = [];

  constructor(private readonly file: string, private readonly doc: PositionedDocument) {}

  get fileName(): string {
    return this.file;
  }

  /** Records an error at `p` and goes on. */
  report(p: PathSegments, message: string): void {
    const at = this.doc.at(p);
    const name = p.length ? p.join('.') : 'the document';
    this.found.push({ line: at.line, column: at.column, order: this.found.length, message: `${this.file}:${at.line}:${at.column}: ${name}: ${message}` });
  }

  /** Records an error at `p` and abandons the current part (see part()). */
  fail(p: PathSegments, message: string): never {
    this.report(p, message);
    throw STOP;
  }

  /** Runs one part of the file: an error in it ends that part only. Returns undefined when it failed. */
  part<T>(f: () => T): T | undefined {
    try {
      return f();
    } catch (e) {
      if (e === STOP) return undefined;
      throw e;
    }
  }

  /** Runs the checks of a whole file and throws every error they found, in file order. */
  all<T>(f: () => T): T {
    const result = this.part(f);
    this.throwErrors();
    return result as T;
  }

  /** Throws the errors found so far, if any: one UsageError, a line each, in file order. */
  throwErrors(): void {
    if (this.found.length === 0) return;
    const sorted = [...this.found].sort((a, b) => a.line - b.line || a.column - b.column || a.order - b.order);
    throw new SettingsErrors(sorted.map((f) => f.message));
  }

  wrap<T>(p: PathSegments, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e === STOP) throw e;
      this.fail(p, (e as Error).message);
    }
  }

  get(p: PathSegments): unknown {
    let v: unknown = this.doc.value;
    for (const s of p) v = (v as Record<string | number, unknown>)?.[s];
    return v;
  }

  /** A mapping; each unknown key is an error (with a suggestion when one is close), and the known keys are still checked. */
  mapping(p: PathSegments, known: string[]): Record<string, unknown> {
    const v = this.get(p);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(p, 'must be a mapping');
    for (const key of Object.keys(v as object)) {
      if (known.includes(key)) continue;
      const hint = didYouMean(key, known);
      this.report([...p, key], `unknown key "${key}"${hint || ` (known: ${known.join(', ')})`}`);
    }
    return v as Record<string, unknown>;
  }

  optionalString(p: PathSegments): string | undefined {
    return this.get(p) === undefined ? undefined : this.string(p);
  }

  string(p: PathSegments): string {
    const v = this.get(p);
    if (typeof v !== 'string') this.fail(p, 'must be a string');
    return v as string;
  }

  stringList(p: PathSegments): string[] {
    const v = this.get(p);
    if (!Array.isArray(v)) this.fail(p, 'must be a list of strings');
    let ok = true;
    (v as unknown[]).forEach((item, i) => {
      if (typeof item !== 'string') {
        this.report([...p, i], 'must be a string');
        ok = false;
      }
    });
    if (!ok) throw STOP;
    return v as string[];
  }
}
