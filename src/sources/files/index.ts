// The files source: paths → Resources, with every document accounted for as a resource, an
// ignored document or an error.
import type { InputError, IgnoredDocument, Resource, ScanTarget } from '../../model/types.js';
import { renderHelm, renderKustomize, type HelmOptions, type KustomizeResult } from './render.js';
import { HelmPlacer } from './helm-origin.js';
import { asksForOrigins, KustomizePlacer } from './kustomize-origin.js';
import type { DocumentSink, FileContext, Placement } from './to-resources.js';
import { expandPaths, type Input } from './walk.js';
import { LineIndex } from './yaml-documents.js';
import { assemble, assembleFile, parseBuffer, parseStream, readAndParse } from './parse-file.js';
import { readStdinLimited, type ReadBytes } from './read-limited.js';

export interface FileSourceOptions {
  /** Files and standard input larger than this many bytes are refused with an error. */
  maxFileSize?: number;
  /** Reads standard input for `-` within the byte limit; injectable for tests. */
  readStdin?: (maxFileSize: number) => ReadBytes;
  /** Values, release name and namespace for `helm template`, and whether to scan test hooks. */
  helm?: HelmOptions;
}

export interface FileSourceResult extends DocumentSink {
  targets: ScanTarget[];
  /** Things the user should know: helm options given where no chart was scanned. */
  warnings: string[];
}

export const DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024;

export function readFiles(paths: string[], options: FileSourceOptions = {}): FileSourceResult {
  const { inputs, errors } = expandPaths(paths);
  // A path that could not be walked (missing, unreadable, a symlink loop) counts as one document not read.
  const sink: DocumentSink = { resources: [], ignored: [], errors, documents: errors.length };
  for (const input of inputs) readInput(input, options, sink);
  return { ...sink, targets: targetsOf(paths), warnings: helmWarnings(options.helm, inputs) };
}

/** Helm flags that went nowhere: no chart in the input. */
function helmWarnings(helm: HelmOptions | undefined, inputs: Input[]): string[] {
  if (!helm || inputs.some((i) => i.type === 'helm')) return [];
  const given = [
    helm.valuesFiles?.length ? '--helm-values' : '', helm.set?.length ? '--helm-set' : '', helm.releaseName ? '--release-name' : '',
    helm.namespace ? '--helm-namespace' : '', helm.includeTests ? '--include-helm-tests' : '',
  ].filter(Boolean);
  return given.length ? [`${given.join(', ')} given, but no Helm chart (a directory with Chart.yaml) was scanned: ignored`] : [];
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
      assemble(result.items, { file: '<stdin>', type: 'stdin', lines: result.lines }, sink);
      return;
    }
    case 'file':
      assembleFile(input.path, readAndParse(input.path, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, { pipes: input.named === true }), sink);
      return;
    case 'kustomize':
    case 'helm': {
      const rendered: KustomizeResult = input.type === 'kustomize' ? renderKustomize(input.dir) : renderHelm(input.dir, options.helm);
      if ('error' in rendered) {
        sink.errors.push({ file: input.dir, message: `${input.dir} ${rendered.error}` });
        sink.documents++;
        return;
      }
      const lines = new LineIndex(rendered.text);
      const placer = input.type === 'helm'
        ? new HelmPlacer({ chartDir: input.dir, text: rendered.text, lines, includeTests: !!options.helm?.includeTests })
        : rendered.originBase
          ? new KustomizePlacer({
            dir: input.dir, originBase: rendered.originBase, keepAnnotation: asksForOrigins(input.dir),
            maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
          })
          : undefined;
      const errorsBefore = sink.errors.length;
      const ignoredBefore = sink.ignored.length;
      // what the placer ignores (Helm test hooks) is named in its own file already
      const placerIgnored = new Set<number>();
      readText(rendered.text, [], {
        file: input.dir, type: 'file', renderedBy: input.type, lines,
        place: (object, doc, prefix) => {
          const p = placer ? placer.place(object, doc, prefix) : atDirectory(input.dir, input.type);
          if ('ignore' in p) placerIgnored.add(sink.ignored.length); // the index it is about to get
          return p;
        },
      }, sink);
      // A line of rendered output is no place in the user's files: name the output (and the template) instead.
      for (let i = errorsBefore; i < sink.errors.length; i++) {
        const e = sink.errors[i];
        sink.errors[i] = { file: input.dir, message: `${renderedPlace(input.type, rendered.text, e.line, e.column)}: ${e.message}` };
      }
      for (let i = ignoredBefore; i < sink.ignored.length; i++) {
        const d = sink.ignored[i];
        if (placerIgnored.has(i)) continue;
        sink.ignored[i] = { file: input.dir, reason: `${renderedPlace(input.type, rendered.text, d.line)}: ${d.reason}` };
      }
    }
  }
}

/** Rendered output whose origins are not known: every object and path at the rendered directory. */
function atDirectory(dir: string, by: 'kustomize' | 'helm'): Placement {
  const rendered = { from: dir };
  return { source: { file: dir, rendered }, locate: () => ({ file: dir, renderedBy: by, exact: false, rendered }) };
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

/** Reads every document of one YAML/JSON stream into the sink. `ctx.lines` is the line index of `text`. */
export function readText(text: string, invalidAt: number[], ctx: FileContext, sink: DocumentSink): void {
  // Helm's documents are matched to their `# Source:` comments by chunk offset: parsed one by one
  assemble(parseStream(text, invalidAt, ctx.renderedBy !== 'helm', ctx.lines), ctx, sink);
}

export type { Resource, InputError, IgnoredDocument };
