// Turning parsed documents into Resources: validation, `List` expansion, ids and locators.
import path from 'node:path';
import type {
  InputError, IgnoredDocument, KubeObject, Locator, PathSegments, Resource, ResourceSource, SourceLocation,
} from '../../model/types.js';
import { apiGroup, CONFIG_API_GROUPS, isClusterScoped, resourceId } from '../../model/kinds.js';
import { flatten } from '../../model/strings.js';
import { itemPositions } from './list-items.js';
import { LineIndex, type ParsedDocument } from './yaml-documents.js';
import { isRecord } from '../../model/guards.js';

export interface DocumentSink {
  resources: Resource[];
  ignored: IgnoredDocument[];
  errors: InputError[];
  /**
   * Documents seen, with each item of a `List` counted as one, and each input that could not be
   * read at all (a refused file, a path not walked) as one: resources + ignored + errors = documents.
   */
  documents: number;
}

export interface FileContext {
  /** The name shown to users: the path as given, `<stdin>`, or the rendered directory. */
  file: string;
  type: ResourceSource['type'];
  lines: LineIndex;
  renderedBy?: 'kustomize' | 'helm';
  /**
   * For rendered output: where each object came from (helm-origin.ts, kustomize-origin.ts). Called
   * once per object, after it is known to be one; it may take renderer metadata off the object.
   */
  place?: (object: Record<string, unknown>, doc: ParsedDocument, prefix: PathSegments) => Placement;
}

/** A rendered object's source and locator; or a reason it is not scanned (a Helm test hook). */
export type Placement =
  | { ignore: string; file: string; line?: number }
  | { source: Pick<ResourceSource, 'file' | 'line' | 'column' | 'origin' | 'rendered'>; locate: Locator };

export function addDocument(doc: ParsedDocument, index: number, ctx: FileContext, sink: DocumentSink): void {
  const value = doc.value;
  const listItems = isRecord(value) && typeof value.kind === 'string' && value.kind.endsWith('List')
    && typeof value.apiVersion === 'string' && Array.isArray(value.items) ? value.items : undefined;
  if (listItems) {
    // A typed list as the API returns it (`PodList`, `apps/v1` `DeploymentList`) leaves apiVersion
    // and kind out of its items: they are the list's apiVersion and its kind without "List".
    const list = value as { apiVersion: string; kind: string };
    const itemKind = list.kind === 'List' ? undefined : list.kind.slice(0, -'List'.length);
    // Each item's own positions when they can be had, so that its lines are not found from the root.
    const positions = itemPositions(doc, listItems.length, ctx.lines.text);
    listItems.forEach((item, i) => {
      const typed = itemKind && isRecord(item) && item.apiVersion === undefined && item.kind === undefined
        ? { apiVersion: list.apiVersion, kind: itemKind, ...item } : item;
      if (positions) addObject(typed, [], { ...doc, positions: positions[i] }, index, ctx, sink);
      else addObject(typed, ['items', i], doc, index, ctx, sink);
    });
    return;
  }
  addObject(value, [], doc, index, ctx, sink);
}

function addObject(
  value: unknown, prefix: PathSegments, doc: ParsedDocument, index: number, ctx: FileContext, sink: DocumentSink,
): void {
  sink.documents++;
  if (!isRecord(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
    const reason = !isRecord(value)
      ? `not a Kubernetes object (a ${Array.isArray(value) ? 'sequence' : 'scalar'})`
      : 'not a Kubernetes object (no apiVersion and kind)';
    sink.ignored.push({ file: ctx.file, line: where(doc, ctx, prefix).line, reason });
    return;
  }
  const apiVersion = value.apiVersion;
  const kind = value.kind;
  const metadata = isRecord(value.metadata) ? value.metadata : undefined;
  const isConfig = CONFIG_API_GROUPS.has(apiGroup(apiVersion));
  let name = typeof metadata?.name === 'string' && metadata.name !== '' ? metadata.name
    : typeof metadata?.generateName === 'string' && metadata.generateName !== '' ? `${metadata.generateName}*` : undefined;
  if (name === undefined && isConfig) name = configName(ctx.file, index);
  if (name === undefined) {
    const at = where(doc, ctx, [...prefix, 'metadata']);
    sink.errors.push({
      file: ctx.file, line: at.line, column: at.column,
      message: `${kind} has no metadata.name (apiVersion ${apiVersion})`,
    });
    return;
  }
  if (value.metadata !== undefined && !isRecord(value.metadata)) {
    const at = where(doc, ctx, [...prefix, 'metadata']);
    sink.errors.push({ file: ctx.file, line: at.line, column: at.column, message: `${kind} ${name}: metadata is not a mapping` });
    return;
  }
  const clusterScoped = isClusterScoped(apiVersion, kind);
  const declared = typeof metadata?.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  const namespace = clusterScoped ? undefined : declared;
  const placed = ctx.place?.(value, doc, prefix);
  if (placed && 'ignore' in placed) {
    sink.ignored.push({ file: placed.file, ...(placed.line ? { line: placed.line } : {}), reason: placed.ignore });
    return;
  }
  const start = placed ? placed.source : where(doc, ctx, prefix);
  const source: ResourceSource = { type: ctx.type, file: placed?.source.file ?? ctx.file };
  if (start.line) { source.line = start.line; source.column = start.column; }
  source.document = index;
  if (ctx.renderedBy) source.renderedBy = ctx.renderedBy;
  if (placed?.source.origin) source.origin = placed.source.origin;
  if (placed?.source.rendered) source.rendered = placed.source.rendered;
  const object = value as unknown as KubeObject;
  if (!metadata) (object as { metadata: unknown }).metadata = {};
  sink.resources.push({
    id: flatten(resourceId(apiVersion, namespace, kind, name)), // flat: kept for the whole scan (model/strings.ts)
    apiVersion, kind, name, namespace,
    effectiveNamespace: clusterScoped ? undefined : namespace ?? 'default',
    clusterScoped,
    object,
    source,
    locate: placed ? placed.locate : makeLocator(doc, prefix, ctx),
  });
}

/** Line and column where a path of the document starts. */
function where(doc: ParsedDocument, ctx: FileContext, p: PathSegments): { line: number; column: number } {
  return ctx.lines.at(doc.positions.resolve(p, true).start);
}

function configName(file: string, index: number): string {
  const base = path.basename(file).replace(/\.(ya?ml|json)$/i, '');
  return index > 0 ? `${base}#${index}` : base;
}

function makeLocator(doc: ParsedDocument, prefix: PathSegments, ctx: FileContext): Locator {
  if (ctx.renderedBy) {
    // Rendered output exists only in memory: point at the rendered directory, not at a made-up line.
    return () => ({ file: ctx.file, renderedBy: ctx.renderedBy, exact: false });
  }
  return (p: PathSegments) => {
    const span = doc.positions.resolve(prefix.length ? [...prefix, ...p] : p);
    const start = ctx.lines.at(span.start);
    const end = ctx.lines.at(span.end);
    const location: SourceLocation = { file: ctx.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, exact: span.exact };
    if (span.yaml11) location.yaml11 = span.yaml11;
    return location;
  };
}
