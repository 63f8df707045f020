// Validating Palisade's own YAML files (config, exceptions) with errors that name file:line:column.
import { UsageError } from '../model/errors.js';
import type { PathSegments } from '../model/types.js';
import type { PositionedDocument } from '../sources/files/yaml-file.js';

export class Validator {
  constructor(private readonly file: string, private readonly doc: PositionedDocument) {}

  fail(p: PathSegments, message: string): never {
    const at = this.doc.at(p);
    const name = p.length ? p.join('.') : 'the document';
    throw new UsageError(`${this.file}:${at.line}:${at.column}: ${name}: ${message}`);
  }

  wrap<T>(p: PathSegments, f: () => T): T {
    try {
      return f();
    } catch (e) {
      this.fail(p, (e as Error).message);
    }
  }

  get(p: PathSegments): unknown {
    let v: unknown = this.doc.value;
    for (const s of p) v = (v as Record<string | number, unknown>)?.[s];
    return v;
  }

  mapping(p: PathSegments, known: string[]): Record<string, unknown> {
    const v = this.get(p);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(p, 'must be a mapping');
    for (const key of Object.keys(v as object)) {
      if (!known.includes(key)) this.fail([...p, key], `unknown key "${key}" (known: ${known.join(', ')})`);
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
    (v as unknown[]).forEach((item, i) => {
      if (typeof item !== 'string') this.fail([...p, i], 'must be a string');
    });
    return v as string[];
  }
}
