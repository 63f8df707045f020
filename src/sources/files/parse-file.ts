// One file, read and parsed, as plain data. `assemble` turns the result into resources, ignored
// documents and errors.
import { decode } from './decode.js';
import { printableAscii } from './fast-yaml-scalars.js';
import { readFileLimited } from './read-limited.js';
import { addDocument, type DocumentSink, type FileContext } from './to-resources.js';
import { LineIndex, parseChunk, splitDocuments, type DocumentError, type ParsedDocument } from './yaml-documents.js';

/** Any line splitDocuments may cut at (`---`, `...`, a `%` directive), and some it would not. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.|%)/m;

/** What one stretch of a stream gave: documents, a parse error, or invalid UTF-8 at an offset. */
export type StreamItem =
  | { docs: ParsedDocument[] }
  | { error: DocumentError }
  | { invalidUtf8At: number };

/** A file as read: refused whole (with the reason), or its text and items in order. */
export type ReadResult =
  | { refused: { line?: number; message: string } }
  | { text: string; items: StreamItem[]; lines: LineIndex };

/**
 * Reads, decodes and parses one file; never throws for bad input. `pipes`: the file was named on
 * the command line, and a named pipe is read too (read-limited.ts says why).
 */
export function readAndParse(file: string, maxFileSize: number, options: { pipes: boolean } = { pipes: false }): ReadResult {
  const read = readFileLimited(file, maxFileSize, options);
  return 'refused' in read ? read : parseBuffer(read.bytes);
}

export function parseBuffer(buf: Buffer): ReadResult {
  const decoded = decode(buf);
  if ('refused' in decoded) return { refused: { line: 1, message: decoded.refused } };
  // one line index per text: the parser looks up document lines in it, and assembleFile places
  // resources and findings with it
  const lines = new LineIndex(decoded.text);
  return { text: decoded.text, items: parseStream(decoded.text, decoded.invalidAt, true, lines, printableAscii(buf)), lines };
}

/**
 * Parses a YAML/JSON stream. Fast path: a stream that parses as a whole is parsed in one call
 * (most files). Only when it does not are its documents parsed one by one, so that one broken
 * document costs only itself. `wholeFirst` is off for Helm output, whose documents are matched
 * to their `# Source:` comments by chunk offset. `printable`: the text's bytes passed
 * printableAscii (fast-yaml-scalars.ts).
 */
export function parseStream(text: string, invalidAt: number[], wholeFirst: boolean, lines?: LineIndex, printable = false): StreamItem[] {
  if (invalidAt.length === 0 && wholeFirst) {
    // A text with no line that could be a document marker is one chunk: parsed once, with the
    // fallback, rather than whole, then again as its only chunk.
    const single = !DOCUMENT_MARKER.test(text);
    const whole = parseChunk(text, { start: 0, end: text.length, line: 1 }, { fallback: single, lines, printable });
    if (!('error' in whole)) return [{ docs: whole.documents }];
    if (single && text.length > 0) return [{ error: whole.error }];
  }
  const items: StreamItem[] = [];
  let next = 0; // invalidAt and the chunks are both in text order: one pass over each
  for (const chunk of splitDocuments(text)) {
    while (next < invalidAt.length && invalidAt[next] < chunk.start) next++;
    if (next < invalidAt.length && invalidAt[next] < chunk.end) {
      items.push({ invalidUtf8At: invalidAt[next] });
      continue;
    }
    const parsed = parseChunk(text, chunk, { lines, printable });
    items.push('error' in parsed ? { error: parsed.error } : { docs: parsed.documents });
  }
  return items;
}

/** Adds a parsed stream's documents, errors and ignored documents to the sink, numbering documents in order. */
export function assemble(items: StreamItem[], ctx: FileContext, sink: DocumentSink): void {
  let index = 0;
  for (const item of items) {
    if ('docs' in item) {
      for (const doc of item.docs) addDocument(doc, index++, ctx, sink);
      continue;
    }
    if ('error' in item) {
      sink.errors.push({ file: ctx.file, ...item.error });
    } else {
      const at = ctx.lines.at(item.invalidUtf8At);
      sink.errors.push({ file: ctx.file, line: at.line, column: at.column, message: 'invalid UTF-8 byte sequence; document not scanned' });
    }
    sink.documents++;
    index++;
  }
}

/** Adds a read file to the sink. */
export function assembleFile(file: string, result: ReadResult, sink: DocumentSink): void {
  if ('refused' in result) {
    sink.errors.push({ file, ...result.refused });
    sink.documents++;
    return;
  }
  assemble(result.items, { file, type: 'file', lines: result.lines }, sink);
}
