// Where an object of a kustomize build came from. The build runs with `buildMetadata:
// [originAnnotations]` (render.ts), so kustomize writes on each object a
// `config.kubernetes.io/origin` annotation: `path:` of its file relative to the kustomization
// built (with `repo:` and `ref:` for a remote base), or `configuredIn:` and `configuredBy:` for
// an object a generator made. The annotation is taken off the object before anything judges it.
//
// The file is parsed with the scanner's own parser and the object's document found by kind and
// name (the name as written, before a namePrefix or nameSuffix). Overlays change objects, and a
// patched field is not in the base file, so a path is placed in the base file only when the base
// says the same thing there:
// - a path the built object has: its place in the base when the base has it with the same value,
//   through the same list entries (same `name`, or equal entries); otherwise the object's first
//   line, exact: false — the value came from a patch or transformer, which the build does not name;
// - a path the built object lacks (a missing field): the place in the base of its nearest
//   existing parent, when the base has that parent through the same entries and lacks the field
//   too (else a patch took it out: the object's first line); exact: false;
// - the object itself (the empty path): its first line.
// An object whose document cannot be told apart points at the file with no line.
import fs from 'node:fs';
import path from 'node:path';
import type { KubeObject, Locator, PathSegments, SourceLocation } from '../../model/types.js';
import { FAILSAFE_SCHEMA, load } from './js-yaml.js';
import { readAndParse } from './parse-file.js';
import type { Placement } from './to-resources.js';
import { LineIndex, type ParsedDocument } from './yaml-documents.js';
import { isRecord } from '../../model/guards.js';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

interface Origin {
  path?: string;
  repo?: string;
  ref?: string;
  configuredIn?: string;
  configuredBy?: { kind?: string };
}

interface SourceFile {
  docs: ParsedDocument[];
  lines: LineIndex;
}

export interface KustomizePlacerOptions {
  /** The kustomization directory as the user named it. */
  dir: string;
  /** The directory the origin paths are relative to (the temporary kustomization's, gone by now: only its name is used). */
  originBase: string;
  /** Leave the annotation on the objects: the user's own kustomization asks for it. */
  keepAnnotation: boolean;
  maxFileSize: number;
}

export class KustomizePlacer {
  private readonly files = new Map<string, SourceFile | null>();
  private readonly cwd = realCwd();

  constructor(private readonly o: KustomizePlacerOptions) {}

  place(object: Record<string, unknown>): Placement {
    const { dir } = this.o;
    const origin = this.takeOrigin(object);
    const rendered = { from: dir };
    const atDirectory = (originText?: string): Placement => ({
      source: { file: dir, ...(originText ? { origin: originText } : {}), rendered },
      locate: () => ({ file: dir, renderedBy: 'kustomize', exact: false, rendered }),
    });
    if (!origin) return atDirectory();
    if (origin.repo) {
      // a remote base: no file here to point at
      return atDirectory(`${origin.repo}${origin.path ? `//${origin.path}` : ''}${origin.ref ? `?ref=${origin.ref}` : ''}`);
    }
    const atFile = (file: string, originText: string): Placement => ({
      source: { file, origin: originText, rendered },
      locate: () => ({ file, exact: false, rendered }),
    });
    if (!origin.path) {
      if (!origin.configuredIn) return atDirectory();
      // made by a generator (configMapGenerator, secretGenerator, ...): the kustomization that configures it
      const file = this.display(path.resolve(this.o.originBase, origin.configuredIn));
      const by = origin.configuredBy?.kind;
      return fileExists(path.resolve(this.o.originBase, origin.configuredIn)) ? atFile(file, by ? `${file} (${by})` : file) : atDirectory(file);
    }
    const abs = path.resolve(this.o.originBase, origin.path);
    const file = this.display(abs);
    const source = this.sourceFile(abs);
    if (!source) return atDirectory(file);
    const doc = findDocument(source.docs, object);
    if (!doc) return atFile(file, file);
    const first = source.lines.at(doc.positions.resolve([], true).start);
    const locate: Locator = (p: PathSegments): SourceLocation => {
      const objectStart: SourceLocation = { file, line: first.line, column: first.column, exact: p.length === 0, rendered };
      if (p.length === 0) return objectStart;
      const found = existingLength(object, p);
      const q = p.slice(0, found);
      if (found === 0 || !sameEntries(doc.value, object, q)) return { ...objectStart, exact: false };
      if (found === p.length && !deepEqual(valueAt(doc.value, q), valueAt(object, q))) return { ...objectStart, exact: false };
      // missing from the built object but not from the base: a patch took it out
      if (found < p.length && existingLength(doc.value, p) > found) return { ...objectStart, exact: false };
      const span = doc.positions.resolve(q);
      if (!span.exact) return { ...objectStart, exact: false };
      const start = source.lines.at(span.start);
      const end = source.lines.at(span.end);
      const location: SourceLocation = {
        file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, exact: found === p.length, rendered,
      };
      if (span.yaml11) location.yaml11 = span.yaml11;
      return location;
    };
    return { source: { file, line: first.line, column: first.column, origin: file, rendered }, locate };
  }

  /** Reads the annotation and, unless the user's kustomization asked for it, takes it off the object. */
  private takeOrigin(object: Record<string, unknown>): Origin | undefined {
    const metadata = (object as Partial<KubeObject>).metadata;
    const annotations = metadata?.annotations;
    if (!annotations || typeof annotations !== 'object') return undefined;
    const text = annotations[ORIGIN_ANNOTATION];
    if (!this.o.keepAnnotation && ORIGIN_ANNOTATION in annotations) {
      delete annotations[ORIGIN_ANNOTATION];
      if (Object.keys(annotations).length === 0) delete metadata.annotations;
    }
    if (typeof text !== 'string') return undefined;
    try {
      const value = load(text, { schema: FAILSAFE_SCHEMA });
      return value && typeof value === 'object' && !Array.isArray(value) ? value as Origin : undefined;
    } catch {
      return undefined;
    }
  }

  /** A file as the scan names files: absolute when the directory was given so, else relative to the working directory. */
  private display(abs: string): string {
    if (path.isAbsolute(this.o.dir)) return abs;
    return path.relative(this.cwd, abs) || '.';
  }

  private sourceFile(abs: string): SourceFile | undefined {
    let f = this.files.get(abs);
    if (f === undefined) {
      f = null;
      if (fileExists(abs)) {
        const read = readAndParse(abs, this.o.maxFileSize);
        if (!('refused' in read)) {
          const docs: ParsedDocument[] = [];
          for (const item of read.items) if ('docs' in item) docs.push(...item.docs);
          f = { docs, lines: read.lines };
        }
      }
      this.files.set(abs, f);
    }
    return f ?? undefined;
  }
}

/** Whether the user's own kustomization file asks for origin annotations (then they stay on the objects). */
export function asksForOrigins(dir: string): boolean {
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    try {
      return /\boriginAnnotations\b/.test(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch {
      // not this name
    }
  }
  return false;
}

function realCwd(): string {
  try {
    return fs.realpathSync(process.cwd());
  } catch {
    return process.cwd();
  }
}

function fileExists(abs: string): boolean {
  try {
    return fs.statSync(abs).isFile();
  } catch {
    return false;
  }
}

/**
 * The document of the file that holds this object: the one of its kind with its name, else the one
 * of its kind whose name is part of the built name (a namePrefix or nameSuffix); undefined unless
 * exactly one fits.
 */
function findDocument(docs: ParsedDocument[], object: Record<string, unknown>): ParsedDocument | undefined {
  const kind = object.kind;
  const name = (object as Partial<KubeObject>).metadata?.name;
  if (typeof name !== 'string') return undefined;
  const sameKind = docs.filter((d) => isRecord(d.value) && d.value.kind === kind
    && isRecord(d.value.metadata) && typeof d.value.metadata.name === 'string' && d.value.metadata.name !== '');
  const nameOf = (d: ParsedDocument) => ((d.value as KubeObject).metadata.name as string);
  const exact = sameKind.filter((d) => nameOf(d) === name);
  if (exact.length) return exact.length === 1 ? exact[0] : undefined;
  const affixed = sameKind.filter((d) => name.includes(nameOf(d)));
  return affixed.length === 1 ? affixed[0] : undefined;
}

/** How many leading segments of `p` exist in the value. */
function existingLength(value: unknown, p: PathSegments): number {
  let node = value;
  for (let i = 0; i < p.length; i++) {
    const seg = p[i];
    if (typeof seg === 'number' ? Array.isArray(node) && seg < node.length : isRecord(node) && Object.prototype.hasOwnProperty.call(node, seg)) {
      node = (node as Record<string | number, unknown>)[seg];
    } else {
      return i;
    }
  }
  return p.length;
}

function valueAt(value: unknown, p: PathSegments): unknown {
  let node = value;
  for (const seg of p) node = (node as Record<string | number, unknown>)[seg];
  return node;
}

/**
 * Whether the base has the path, through the same list entries as the built object: at each list
 * index, entries with a `name` have the same name, and other entries are equal (a patch may have
 * reordered or inserted entries).
 */
function sameEntries(base: unknown, built: unknown, p: PathSegments): boolean {
  let b = base;
  let r = built;
  for (const seg of p) {
    if (typeof seg === 'number') {
      if (!Array.isArray(b) || !Array.isArray(r) || seg >= b.length || seg >= r.length) return false;
      const eb: unknown = b[seg];
      const er: unknown = r[seg];
      const named = isRecord(eb) && isRecord(er) && (typeof eb.name === 'string' || typeof er.name === 'string');
      if (named ? eb.name !== er.name : !deepEqual(eb, er)) return false;
      b = eb;
      r = er;
    } else {
      if (!isRecord(b) || !Object.prototype.hasOwnProperty.call(b, seg) || !isRecord(r)) return false;
      b = b[seg];
      r = r[seg];
    }
  }
  return true;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
