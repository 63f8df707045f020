// Where an object of `helm template` output came from: the template file its `# Source:` comment
// names, and — only where it can be told with certainty — the line of that template that wrote a
// given line of the output.
//
// A template is not YAML, and what it writes depends on values, helpers and control flow, so a
// line of output cannot in general be traced to a line of the template. What can be traced: a
// line of output that a literal line of the template wrote. A rendered key line is matched to
// the template's key lines that (1) sit under the same chain of keys from the document root,
// (2) render to that line (their text, with each `{{ }}` standing for any text, equals the output
// line, indentation included), when (3) exactly one template line does both, and (4) no action in
// the template could have written that key instead (an `include`, `toYaml`, or any action alone on
// its line, whose output lands under a prefix of the key's chain). Otherwise the nearest enclosing
// key that can be matched is given, with `exact: false`, as for a missing field; and if none can,
// the file with no line. A wrong line is never given: an ambiguous match gives none.
import fs from 'node:fs';
import type { KubeObject, Locator, PathSegments, SourceLocation } from '../../model/types.js';
import { lineStructure, renderPattern, type KeyLine, type LineStructure } from './yaml-lines.js';
import { helmSourceOf, templateFile } from './render.js';
import type { Placement } from './to-resources.js';
import type { LineIndex, ParsedDocument } from './yaml-documents.js';

const HOOK = 'helm.sh/hook';
const TEST_HOOKS = new Set(['test', 'test-success']);

/** A template file, read once, with its key lines and the patterns they render to. */
class Template {
  private readonly structure: LineStructure;
  private readonly patterns = new Map<number, RegExp | null>();

  constructor(text: string) {
    this.structure = lineStructure(text, true);
  }

  /**
   * The one template line that wrote a rendered key line, given as its chain, its text and the
   * texts of its ancestry lines (KeyLine.ancestry); undefined when that is not certain.
   */
  lineFor(chain: ReadonlyArray<string | null>, renderedLine: string, renderedAncestry: readonly string[]): KeyLine | undefined {
    let found: KeyLine | undefined;
    for (const k of this.structure.keys) {
      if (!sameChain(k.chain, chain) || k.ancestry.length !== renderedAncestry.length) continue;
      if (!this.renders(k.line, renderedLine) || !k.ancestry.every((l, i) => this.renders(l, renderedAncestry[i]))) continue;
      if (found) return undefined; // two lines could have written it
      found = k;
    }
    if (!found) return undefined;
    for (const g of this.structure.generators) {
      // An action could have written this key when the rendered key sits under what the action's
      // place renders to; one at the top of a document could have written a document of its own.
      if (g.document !== found.document && g.ancestry.length > 0) continue;
      if (g.ancestry.length <= renderedAncestry.length && g.ancestry.every((l, i) => this.renders(l, renderedAncestry[i]))) return undefined;
    }
    return found;
  }

  /** Whether a template line renders to this text (its key-line pattern). */
  private renders(line: number, text: string): boolean {
    return this.pattern(line)?.test(text) ?? false;
  }

  private pattern(line: number): RegExp | null {
    let p = this.patterns.get(line);
    if (p === undefined) {
      p = renderPattern(this.structure.lines[line - 1]) ?? null;
      this.patterns.set(line, p);
    }
    return p;
  }
}

function sameChain(a: ReadonlyArray<string | null>, b: ReadonlyArray<string | null>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] === null || a[i] !== b[i]) return false;
  return true;
}

/** Whether `prefix` could be a prefix of `chain`: a key an action writes (null) could be any key. */
function isPrefix(prefix: ReadonlyArray<string | null>, chain: ReadonlyArray<string | null>): boolean {
  if (prefix.length > chain.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== null && prefix[i] !== chain[i]) return false;
  return true;
}

export interface HelmPlacerOptions {
  /** The chart directory as the user named it (the location of objects whose template is not a file). */
  chartDir: string;
  /** The whole `helm template` output, and its line index. */
  text: string;
  lines: LineIndex;
  includeTests: boolean;
}

/** Places the objects of one chart's output: their template file, lines where certain, test hooks ignored. */
export class HelmPlacer {
  private readonly templates = new Map<string, Template | null>();

  constructor(private readonly o: HelmPlacerOptions) {}

  place(object: Record<string, unknown>, doc: ParsedDocument, prefix: PathSegments): Placement {
    const { chartDir, text, lines } = this.o;
    const end = documentEnd(text, doc.offset);
    // this document's comment, not the next one's
    const origin = helmSourceOf(text.slice(doc.offset, Math.min(end, doc.offset + 2000)));
    const file = origin !== undefined ? templateFile(chartDir, origin) : undefined;
    const template = file !== undefined ? this.template(file) : undefined;
    let renderedDoc: LineStructure | undefined;
    const structure = () => (renderedDoc ??= lineStructure(text.slice(doc.offset, end), false));
    const firstLine = lines.at(doc.offset).line;

    const renderedAt = (p: PathSegments) => lines.at(doc.positions.resolve([...prefix, ...p], true).start);
    /**
     * The template line that wrote the rendered key line at `at`, when that line is the place of
     * `p`: a key whose chain is p's keys; for a list entry, the entry's first key; for the root, the first key.
     */
    const mapLine = (at: { line: number; column: number }, p: PathSegments) => {
      if (!template || prefix.length) return undefined;
      const k = structure().byLine.get(at.line - firstLine + 1);
      if (!k || k.column !== at.column - 1 || k.key === null) return undefined;
      const keys = p.filter((s): s is string => typeof s === 'string');
      const entry = p.length === 0 || typeof p[p.length - 1] === 'number';
      if (entry ? !isPrefix(keys, k.chain) || k.chain.length !== keys.length + 1 : !sameChain(k.chain, keys)) return undefined;
      const rendered = structure().lines;
      return template.lineFor(k.chain, rendered[k.line - 1], k.ancestry.map((l) => rendered[l - 1]));
    };

    const start = renderedAt([]);
    const startLine = mapLine(start, []);
    if (!this.o.includeTests && isTestHook(object)) {
      return {
        ignore: `a Helm test hook (${HOOK}: ${hookOf(object)}): not part of the release, helm test runs it; `
          + 'scanned with --include-helm-tests',
        file: template ? file! : chartDir,
        ...(startLine ? { line: startLine.line } : {}),
      };
    }
    const rendered = { from: chartDir, line: start.line, column: start.column };
    const locate: Locator = (p: PathSegments): SourceLocation => {
      const full = [...prefix, ...p];
      const span = doc.positions.resolve(full, true);
      const at = lines.at(span.start);
      const renderedPlace = { from: chartDir, line: at.line, column: at.column };
      if (!template) return { file: chartDir, renderedBy: 'helm', exact: false, rendered: renderedPlace };
      // from the path (or its nearest existing parent) up to the root, the first key line that maps
      const found = existingLength(object, p);
      for (let n = found; n >= 0; n--) {
        const sub = p.slice(0, n);
        const k = mapLine(n === found ? at : renderedAt(sub), sub);
        if (k) {
          return { file: file!, line: k.line, column: k.column + 1, exact: span.exact && n === p.length, rendered: renderedPlace };
        }
      }
      return { file: file!, exact: false, rendered: renderedPlace };
    };
    return {
      source: {
        file: template ? file! : chartDir,
        ...(template && startLine ? { line: startLine.line, column: startLine.column + 1 } : {}),
        ...(origin !== undefined ? { origin } : {}),
        rendered,
      },
      locate,
    };
  }

  private template(file: string): Template | undefined {
    let t = this.templates.get(file);
    if (t === undefined) {
      t = readTemplate(file);
      this.templates.set(file, t);
    }
    return t ?? undefined;
  }
}

function readTemplate(file: string): Template | null {
  try {
    if (!fs.statSync(file).isFile()) return null; // a subchart packed as a .tgz has no template file
    return new Template(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Offset where the document that starts at `offset` ends: the next `---` line, or the end. */
function documentEnd(text: string, offset: number): number {
  const re = /\n---(?=[ \t\r\n]|$)/g;
  re.lastIndex = text.startsWith('---', offset) ? offset + 3 : offset;
  const m = re.exec(text);
  return m ? m.index + 1 : text.length;
}

/** How many leading segments of `p` exist in the object (what `resolve` finds before it stops). */
function existingLength(object: unknown, p: PathSegments): number {
  let node = object;
  for (let i = 0; i < p.length; i++) {
    const seg = p[i];
    if (typeof seg === 'number' ? Array.isArray(node) && seg < node.length
      : typeof node === 'object' && node !== null && !Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, seg)) {
      node = (node as Record<string | number, unknown>)[seg];
    } else {
      return i;
    }
  }
  return p.length;
}

function hookOf(object: Record<string, unknown>): string | undefined {
  const annotations = (object as Partial<KubeObject>).metadata?.annotations;
  const hook = annotations && typeof annotations === 'object' ? annotations[HOOK] : undefined;
  return typeof hook === 'string' ? hook : undefined;
}

/** A test hook, and nothing else: `helm.sh/hook: test` (or the older `test-success`), not `test,pre-install`. */
export function isTestHook(object: Record<string, unknown>): boolean {
  const hooks = hookOf(object)?.split(',').map((h) => h.trim()).filter(Boolean);
  return !!hooks?.length && hooks.every((h) => TEST_HOOKS.has(h));
}
