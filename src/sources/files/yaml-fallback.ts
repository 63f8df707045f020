// A second opinion for documents js-yaml refuses. js-yaml is strict where Kubernetes' own YAML
// reader is not (for example a flow sequence whose closing `]` sits at its key's indentation,
// as in Istio's SPIRE sample); the `yaml` package accepts those, and still refuses what is
// really broken (syntax errors, duplicate keys). It is slower, so it only sees documents that
// js-yaml rejected; its node ranges give the same positions interface.
import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import type { Chunk, Span } from './yaml-documents.js';
import { resolveKubernetesScalar, yaml11Form } from './kubernetes-schema.js';

// Loaded on first use (synchronously, through its CommonJS build): most scans never need it, and
// loading it costs more start-up time than parsing a few hundred documents.
type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;
function yaml(): YamlModule {
  return (yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule);
}

export interface Positions {
  /** The span of a path's node, or of its nearest existing parent; with `startOnly`, the end may be left equal to the start. */
  resolve(path: ReadonlyArray<string | number>, startOnly?: boolean): Span;
}

export interface FallbackDocument {
  value: unknown;
  positions: Positions;
  /** Offset of the document's content in the chunk. */
  start: number;
}

/** Parses a chunk with the `yaml` package; undefined when it refuses it too. */
export function parseWithYamlPackage(source: string, chunk: Chunk): FallbackDocument[] | undefined {
  let docs;
  try {
    // strings only (failsafe), then plain scalars typed as Kubernetes types them (kubernetes-schema.ts)
    // uniqueKeys off: repeatsKey below does the package's check in linear time
    // logLevel error: the package's warnings (a flow mapping as a key, as in an unrendered {{ .Values.x }}) would go to
    // process.emitWarning, i.e. straight to stderr, quoting the input; the document's own errors are what counts
    docs = yaml().parseAllDocuments(source, { schema: 'failsafe', merge: true, uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  } catch {
    return undefined;
  }
  if (!Array.isArray(docs)) return undefined; // an EmptyStream
  const out: FallbackDocument[] = [];
  for (const doc of docs) {
    if (doc.errors.length || repeatsKey(doc)) return undefined;
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      yaml().visit(doc, {
        Scalar(_key, node) {
          if (node.type === 'PLAIN' && typeof node.value === 'string') node.value = resolveKubernetesScalar(node.value);
        },
      });
      value = doc.toJS({ maxAliasCount: 10_000 });
    } catch {
      return undefined;
    }
    const root = doc.contents as Node;
    out.push({ value, positions: new NodePositions(root, chunk.start), start: root.range?.[0] ?? 0 });
  }
  return out;
}

/**
 * Whether a mapping of the document repeats a key, by the package's own test of equal keys (the
 * same node, or scalars of equal value) as composed, before any retyping. Its `uniqueKeys` option
 * compares each key with every key before it: a mapping of 40k keys took 5 s, and the time grows
 * with the square. Here each mapping is one pass with a Set.
 */
function repeatsKey(doc: Document.Parsed): boolean {
  const { isScalar, visit } = yaml();
  let repeated = false;
  try {
    visit(doc, {
      Map(_key, map) {
        const seen = new Set<unknown>();
        for (const pair of map.items) {
          const id = isScalar(pair.key) ? pair.key.value : pair.key; // any other key equals only itself
          if (id !== id) continue; // NaN, which === never finds equal
          if (seen.has(id)) {
            repeated = true;
            return visit.BREAK;
          }
          seen.add(id);
        }
        return undefined;
      },
    });
  } catch {
    return true; // too deep to walk: the retyping walk and toJS below would fail the same way
  }
  return repeated;
}

class NodePositions implements Positions {
  constructor(private readonly root: Node, private readonly offset: number) {}

  resolve(path: ReadonlyArray<string | number>): Span {
    let node: unknown = this.root;
    let start = this.root.range?.[0] ?? 0;
    let end = this.root.range?.[1] ?? start;
    let exact = true;
    for (const seg of path) {
      let next: unknown;
      let keyStart: number | undefined;
      const { isMap, isScalar, isSeq } = yaml();
      if (isMap(node) && typeof seg === 'string') {
        for (const pair of node.items) {
          const key = pair.key as Node | null;
          if (isScalar(key) && String(key.value) === seg) {
            next = pair.value ?? key;
            keyStart = key.range?.[0];
          }
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        next = node.items[seg];
      }
      const range = (next as Node | undefined)?.range;
      if (!next || !range) { exact = false; break; }
      node = next;
      start = keyStart ?? range[0];
      end = range[1];
    }
    const span: Span = { start: this.offset + start, end: this.offset + end, exact };
    const { isScalar } = yaml();
    if (exact && isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string') {
      const form = yaml11Form(node.source);
      if (form) span.yaml11 = form;
    }
    return span;
  }
}
