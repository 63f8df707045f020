// The files source: paths → Resources, with every document accounted for as a resource, an
// ignored document or an error.
import fs from 'node:fs';
import type { InputError, IgnoredDocument, Resource, ScanTarget } from '../../model/types.js';
import { decode } from './decode.js';
import { renderHelm, renderKustomize, helmSourceOf } from './render.js';
import { addDocument, type DocumentSink, type FileContext } from './to-resources.js';
import { expandPaths, describeFsError, type Input } from './walk.js';
import { LineIndex, parseChunk, splitDocuments } from './yaml-documents.js';

export interface FileSourceOptions {
  /** Files larger than this many bytes are refused with an error. */
  maxFileSize?: number;
  /** Reads standard input for `-`; injectable for tests. */
  readStdin?: () => Buffer;
}

export interface FileSourceResult extends DocumentSink {
  targets: ScanTarget[];
}

export const DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024;

export function readFiles(paths: string[], options: FileSourceOptions = {}): FileSourceResult {
  const { inputs, errors } = expandPaths(paths);
  // A path that could not be walked (missing, unreadable, a symlink loop) counts as one document not read.
  const sink: DocumentSink = { resources: [], ignored: [], errors, documents: errors.length };
  for (const input of inputs) readInput(input, options, sink);
  const targets: ScanTarget[] = [];
  const filePaths = paths.filter((p) => p !== '-');
  if (filePaths.length) targets.push({ type: 'files', paths: filePaths });
  if (paths.includes('-')) targets.push({ type: 'stdin' });
  return { ...sink, targets };
}

function readInput(input: Input, options: FileSourceOptions, sink: DocumentSink): void {
  switch (input.type) {
    case 'stdin': {
      const buf = (options.readStdin ?? (() => fs.readFileSync(0)))();
      readBuffer(buf, { file: '<stdin>', type: 'stdin' }, options, sink);
      return;
    }
    case 'file': {
      let buf: Buffer;
      try {
        const size = fs.statSync(input.path).size;
        const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
        if (size > max) {
          sink.errors.push({
            file: input.path, line: 1,
            message: `file is ${mib(size)}, over the ${mib(max)} limit; not scanned (raise it with --max-file-size)`,
          });
          sink.documents++;
          return;
        }
        buf = fs.readFileSync(input.path);
      } catch (e) {
        sink.errors.push({ file: input.path, message: describeFsError(e, input.path) });
        sink.documents++;
        return;
      }
      readBuffer(buf, { file: input.path, type: 'file' }, options, sink);
      return;
    }
    case 'kustomize':
    case 'helm': {
      const rendered = input.type === 'kustomize' ? renderKustomize(input.dir) : renderHelm(input.dir);
      if ('error' in rendered) {
        sink.errors.push({ file: input.dir, message: `${input.dir} ${rendered.error}` });
        sink.documents++;
        return;
      }
      readText(rendered.text, [], {
        file: input.dir, type: 'file', renderedBy: input.type, lines: new LineIndex(rendered.text),
        originOf: input.type === 'helm' ? (doc) => helmSourceOf(rendered.text.slice(doc.offset, doc.offset + 2000)) : undefined,
      }, sink);
    }
  }
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function readBuffer(buf: Buffer, base: { file: string; type: 'file' | 'stdin' }, _options: FileSourceOptions, sink: DocumentSink): void {
  const decoded = decode(buf);
  if ('refused' in decoded) {
    sink.errors.push({ file: base.file, line: 1, message: decoded.refused });
    sink.documents++;
    return;
  }
  readText(decoded.text, decoded.invalidAt, { ...base, lines: new LineIndex(decoded.text) }, sink);
}

/** Reads every document of one YAML/JSON stream into the sink. */
export function readText(text: string, invalidAt: number[], ctx: FileContext, sink: DocumentSink): void {
  let index = 0;
  // Fast path: a stream that parses as a whole is parsed in one call (most files). Only when it
  // does not are its documents parsed one by one, so that one broken document costs only itself.
  // (Not for Helm output: each document's `# Source:` comment is found from its chunk's offset.)
  if (invalidAt.length === 0 && !ctx.originOf) {
    const whole = parseChunk(text, { start: 0, end: text.length, line: 1 }, { fallback: false });
    if (!('error' in whole)) {
      for (const doc of whole.documents) addDocument(doc, index++, ctx, sink);
      return;
    }
  }
  for (const chunk of splitDocuments(text)) {
    const bad = invalidAt.find((o) => o >= chunk.start && o < chunk.end);
    if (bad !== undefined) {
      const at = ctx.lines.at(bad);
      sink.errors.push({ file: ctx.file, line: at.line, column: at.column, message: 'invalid UTF-8 byte sequence; document not scanned' });
      sink.documents++;
      index++;
      continue;
    }
    const parsed = parseChunk(text, chunk);
    if ('error' in parsed) {
      sink.errors.push({ file: ctx.file, ...parsed.error });
      sink.documents++;
      index++;
      continue;
    }
    for (const doc of parsed.documents) addDocument(doc, index++, ctx, sink);
  }
}

export type { Resource, InputError, IgnoredDocument };
