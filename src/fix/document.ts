// Applying fixes to the source of one YAML (or JSON) document. Each edit is a text splice; after
// each one the document is parsed again and must equal the original with exactly that edit made,
// or the fix is refused and the text stays as it was.
import { isDeepStrictEqual } from 'node:util';
import { parseDocument, type Document } from 'yaml';
import type { FixEdit, PathSegments } from '../model/types.js';
import { formatPath, parsePath } from '../model/paths.js';
import { aliasedAnchors, resolvePath } from './resolve.js';
import { insertMissing, removeNode, replaceNode, type SourceText, type SpliceResult } from './splice.js';
import type { Syntax } from './render-value.js';

export type FixOutcome =
  | { status: 'applied' }
  | { status: 'unchanged' }
  | { status: 'refused'; reason: string };

// logLevel error: the package's warnings would go to process.emitWarning (stderr), quoting the input
export const PARSE_OPTIONS = { merge: true, prettyErrors: false, logLevel: 'error' } as const;

export interface DocumentSource {
  text: string;
  syntax: Syntax;
  eol: string;
}

/** Applies each fix (a list of edits, all or nothing) in order; returns the new text and what became of each fix. */
export function applyFixes(
  source: DocumentSource, prefix: PathSegments, fixes: FixEdit[][],
): { text: string; outcomes: FixOutcome[] } {
  let text = source.text;
  const outcomes: FixOutcome[] = [];
  /** What earlier fixes in this document did to each path, to catch two fixes that disagree. */
  const done = new Map<string, string>();
  for (const edits of fixes) {
    let next = text;
    let refused: string | undefined;
    const mine = new Map<string, string>();
    for (const edit of edits) {
      let path: PathSegments;
      try {
        path = [...prefix, ...parsePath(edit.path)];
      } catch {
        refused = `the fix names a malformed path: ${edit.path}`;
        break;
      }
      const key = formatPath(path);
      const what = JSON.stringify([edit.op, edit.value ?? null]);
      const before = done.get(key);
      if (before !== undefined && before !== what) {
        refused = `it conflicts with an earlier fix of ${edit.path} in the same resource`;
        break;
      }
      mine.set(key, what);
      const result = applyEdit({ ...source, text: next }, path, edit);
      if ('refused' in result) {
        refused = `${edit.path}: ${result.refused}`;
        break;
      }
      next = result.text;
    }
    if (refused !== undefined) {
      outcomes.push({ status: 'refused', reason: refused });
      continue;
    }
    for (const [k, v] of mine) done.set(k, v);
    outcomes.push({ status: next === text ? 'unchanged' : 'applied' });
    text = next;
  }
  return { text, outcomes };
}

function applyEdit(src: SourceText, path: PathSegments, edit: FixEdit): { text: string } | { refused: string } {
  const doc = parseDocument(src.text, PARSE_OPTIONS);
  // the error's code, not its message: messages quote the source (a tag, an escape), which can be a secret
  if (doc.errors.length) return { refused: `the document does not parse (${doc.errors[0].code})` };
  const resolved = resolvePath(doc, path, aliasedAnchors(doc));
  if (resolved.kind === 'refused') return { refused: resolved.reason };
  let splice: SpliceResult;
  if (edit.op === 'remove') {
    if (resolved.kind === 'missing') return { text: src.text };
    splice = removeNode(src, resolved.chain);
  } else if (edit.op === 'set') {
    if (resolved.kind === 'found') {
      const node = resolved.chain[resolved.chain.length - 1].node;
      if (isDeepStrictEqual(node.toJS(doc as Document), edit.value)) return { text: src.text };
      splice = replaceNode(src, resolved.chain, edit.value);
    } else {
      splice = insertMissing(src, resolved.chain, resolved.rest, edit.value);
    }
  } else {
    return { refused: `unknown edit operation "${String((edit as { op: unknown }).op)}"` };
  }
  if ('refused' in splice) return splice;
  const text = src.text.slice(0, splice.start) + splice.text + src.text.slice(splice.end);
  return verify(doc, text, path, edit);
}

/** The edited text must parse to the original document with exactly this edit applied. */
function verify(before: Document, text: string, path: PathSegments, edit: FixEdit): { text: string } | { refused: string } {
  const after = parseDocument(text, PARSE_OPTIONS);
  const expected = applyToPlain(before.toJS(), path, edit);
  if (after.errors.length || !isDeepStrictEqual(after.toJS(), expected)) {
    return { refused: 'the layout around it is unusual and the edit would not give the intended document; edit it by hand' };
  }
  return { text };
}

function applyToPlain(root: unknown, path: PathSegments, edit: FixEdit): unknown {
  let node = root as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    if (node[seg] === null || node[seg] === undefined) node[seg] = {};
    node = node[seg] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (edit.op === 'set') node[last] = edit.value;
  else if (Array.isArray(node)) node.splice(last as number, 1);
  else delete node[last];
  return root;
}
