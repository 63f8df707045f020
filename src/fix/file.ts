// Applying planned fixes to one file's text, document by document. Resources know the index of
// their document in the file; the document is found again here and checked to be the same object.
import { isCollection, isScalar, parseAllDocuments, type Document } from 'yaml';
import type { FixEdit, FixSafety, PathSegments, Resource } from '../model/types.js';
import { applyFixes, PARSE_OPTIONS, type FixOutcome } from './document.js';

export interface PlannedFix {
  controlId: string;
  resourceId: string;
  /** The failing path (report form) the fix is for, to check after a re-scan that it passes. */
  findingPath: string;
  description: string;
  edits: FixEdit[];
  resource: Resource;
  safety: FixSafety;
  /** For a review fix: what it may break. */
  reviewReason?: string;
}

export interface FileResult {
  /** The new text; equal to the input when nothing changed. */
  text: string;
  outcomes: Array<{ fix: PlannedFix; outcome: FixOutcome }>;
}

/** Edits `text` (the content of `file`). A whole-file problem refuses every fix with the same reason. */
export function fixText(text: string, file: string, fixes: PlannedFix[]): FileResult {
  const refuseAll = (reason: string): FileResult => ({
    text, outcomes: fixes.map((fix) => ({ fix, outcome: { status: 'refused', reason } })),
  });
  const parsed = parseAllDocuments(text, PARSE_OPTIONS);
  if (!Array.isArray(parsed)) return refuseAll('the file holds no YAML document any more');
  const broken = parsed.find((d) => d.errors.length);
  if (broken) {
    const err = broken.errors[0];
    return refuseAll(`line ${lineOf(text, err.pos[0])}: the file does not parse with the YAML editor (${err.code}); not edited`);
  }
  const documents = parsed.filter((d) => !isEmpty(d));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';

  // Group by document; edit documents from the last to the first so earlier offsets stay valid.
  const byDocument = new Map<number, PlannedFix[]>();
  for (const fix of fixes) {
    const index = fix.resource.source.document ?? 0;
    byDocument.set(index, [...(byDocument.get(index) ?? []), fix]);
  }
  const outcomes: FileResult['outcomes'] = [];
  let out = text;
  for (const index of [...byDocument.keys()].sort((a, b) => b - a)) {
    const group = byDocument.get(index)!;
    const doc = documents[index];
    if (!doc) {
      for (const fix of group) outcomes.push({ fix, outcome: { status: 'refused', reason: `document ${index + 1} is no longer in the file` } });
      continue;
    }
    const [start, , end] = doc.range;
    let slice = out.slice(start, end);
    const value = doc.toJS() as unknown;
    const syntax = isCollection(doc.contents) && doc.contents.flow ? 'json' : 'yaml';
    for (const [resource, resourceFixes] of groupByResource(group)) {
      const prefix = prefixOf(value, resource);
      if (!prefix) {
        for (const fix of resourceFixes) {
          outcomes.push({ fix, outcome: { status: 'refused', reason: `document ${index + 1} no longer holds ${resource.kind} ${resource.name}; scan again` } });
        }
        continue;
      }
      const result = applyFixes({ text: slice, syntax, eol }, prefix, resourceFixes.map((f) => f.edits));
      slice = result.text;
      resourceFixes.forEach((fix, i) => outcomes.push({ fix, outcome: result.outcomes[i] }));
    }
    out = out.slice(0, start) + slice + out.slice(end);
  }
  if (/\.json$/i.test(file) && out !== text && !isJson(out)) {
    return refuseAll('the edited file would no longer be JSON; not edited');
  }
  return { text: out, outcomes };
}

function groupByResource(fixes: PlannedFix[]): Map<Resource, PlannedFix[]> {
  const out = new Map<Resource, PlannedFix[]>();
  for (const f of fixes) out.set(f.resource, [...(out.get(f.resource) ?? []), f]);
  return out;
}

/** Empty documents (`---` with nothing, or only comments) are not counted by the files source either. */
function isEmpty(doc: Document): boolean {
  const c = doc.contents;
  if (c === null) return true;
  return isScalar(c) && c.value === null && c.range![0] === c.range![1];
}

/** Where the resource sits in the document: the root, or `items[i]` of a List. */
function prefixOf(value: unknown, resource: Resource): PathSegments | undefined {
  if (sameObject(value, resource)) return [];
  const items = (value as { items?: unknown })?.items;
  if (Array.isArray(items)) {
    const i = items.findIndex((item) => sameObject(item, resource));
    if (i >= 0) return ['items', i];
  }
  return undefined;
}

function sameObject(value: unknown, resource: Resource): boolean {
  const v = value as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; generateName?: unknown; namespace?: unknown } } | null;
  if (!v || typeof v !== 'object') return false;
  const meta = resource.object.metadata;
  return v.apiVersion === resource.apiVersion && v.kind === resource.kind
    && v.metadata?.name === meta.name && v.metadata?.generateName === meta.generateName
    && v.metadata?.namespace === meta.namespace;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
