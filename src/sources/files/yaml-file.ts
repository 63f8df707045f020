// A small YAML file read with positions, for Palisade's own files (config, exceptions).
import { LineIndex, parseChunk, splitDocuments } from './yaml-documents.js';
import type { PathSegments } from '../../model/types.js';

export interface PositionedDocument {
  value: unknown;
  /** Line and column of a path (or of its nearest existing parent). */
  at(path: PathSegments): { line: number; column: number };
}

export function parseYamlFile(text: string): { documents: PositionedDocument[] } | { error: { line: number; column: number; message: string } } {
  const lines = new LineIndex(text);
  const documents: PositionedDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    const parsed = parseChunk(text, chunk);
    if ('error' in parsed) return { error: parsed.error };
    for (const doc of parsed.documents) {
      documents.push({ value: doc.value, at: (p) => lines.at(doc.positions.resolve(p, true).start) });
    }
  }
  return { documents };
}
