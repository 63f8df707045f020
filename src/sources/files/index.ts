// The files source: paths → Resources, with every document accounted for as a resource, an
// ignored document or an error.
import type { InputError, IgnoredDocument, Resource, ScanTarget } from '../../model/types.js';
import { renderHelm, renderKustomize, helmSourceOf } from './render.js';
import type { DocumentSink, FileContext } from './to-resources.js';
import { expandPaths, type Input } from './walk.js';
import { LineIndex } from './yaml-documents.js';
import { assemble, assembleFile, parseBuffer, parseStream, readAndParse } from './parse-file.js';
import { readStdinLimited, type ReadBytes } from './read-limited.js';

export interface FileSourceOptions {
  /** Files and standard input larger than this many bytes are refused with an error. */
  maxFileSize?: number;
  /** Reads standard input for `-` within the byte limit; injectable for tests. */
  readStdin?: (maxFileSize: number) => ReadBytes;
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
  return { ...sink, targets: targetsOf(paths) };
}

function targetsOf(paths: string[]): ScanTarget[] {
  const targets: ScanTarget[] = [];
  const filePaths = paths.filter((p) => p !== '-');
  if (filePaths.length) targets.push({ type: 'files', paths: filePaths });
  if (paths.includes('-')) targets.push({ type: 'stdin' });
  return targets;
}

function readInput(input: Input, options: FileSourceOptions, sink: DocumentSink): void {
  switch (input.type) {
    case 'stdin': {
      const read = (options.readStdin ?? readStdinLimited)(options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
      const result = 'refused' in read ? read : parseBuffer(read.bytes);
      if ('refused' in result) {
        sink.errors.push({ file: '<stdin>', ...result.refused });
        sink.documents++;
        return;
      }
      assemble(result.items, { file: '<stdin>', type: 'stdin', lines: new LineIndex(result.text) }, sink);
      return;
    }
    case 'file':
      assembleFile(input.path, readAndParse(input.path, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, { pipes: input.named === true }), sink);
      return;
    case 'kustomize':
    case 'helm': {
      const rendered = input.type === 'kustomize' ? renderKustomize(input.dir) : renderHelm(input.dir);
      if ('error' in rendered) {
        sink.errors.push({ file: input.dir, message: `${input.dir} ${rendered.error}` });
        sink.documents++;
        return;
      }
      const errorsBefore = sink.errors.length;
      const ignoredBefore = sink.ignored.length;
      readText(rendered.text, [], {
        file: input.dir, type: 'file', renderedBy: input.type, lines: new LineIndex(rendered.text),
        originOf: input.type === 'helm' ? (doc) => helmSourceOf(rendered.text.slice(doc.offset, doc.offset + 2000)) : undefined,
      }, sink);
      // A line of rendered output is no place in the user's files: name the output (and the template) instead.
      for (let i = errorsBefore; i < sink.errors.length; i++) {
        const e = sink.errors[i];
        sink.errors[i] = { file: input.dir, message: `${renderedPlace(input.type, rendered.text, e.line, e.column)}: ${e.message}` };
      }
      for (let i = ignoredBefore; i < sink.ignored.length; i++) {
        const d = sink.ignored[i];
        sink.ignored[i] = { file: input.dir, reason: `${renderedPlace(input.type, rendered.text, d.line)}: ${d.reason}` };
      }
    }
  }
}

/** "line 12:7 of the helm template output (shop/templates/b.yaml)": where in rendered output, and from which template. */
function renderedPlace(renderer: 'kustomize' | 'helm', text: string, line?: number, column?: number): string {
  const what = `the ${renderer === 'helm' ? 'helm template' : 'kustomize'} output`;
  if (!line) return what;
  let origin: string | undefined;
  const lines = text.split('\n', line);
  for (let i = lines.length - 1; i >= 0 && origin === undefined; i--) {
    const m = /^# Source: (.+)$/.exec(lines[i]);
    if (m) origin = m[1].trim();
    else if (lines[i].startsWith('---')) break;
  }
  return `line ${line}${column ? `:${column}` : ''} of ${what}${origin ? ` (${origin})` : ''}`;
}

/** Reads every document of one YAML/JSON stream into the sink. */
export function readText(text: string, invalidAt: number[], ctx: FileContext, sink: DocumentSink): void {
  assemble(parseStream(text, invalidAt, !ctx.originOf), ctx, sink);
}

export type { Resource, InputError, IgnoredDocument };
