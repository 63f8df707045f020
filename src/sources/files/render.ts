// Building Kustomize and Helm directories with the user's own binaries, when they are on PATH.
// Kustomize: the user's kustomization is built through a temporary one that wraps it and turns on
// `buildMetadata: [originAnnotations]`, so that each object says which file it came from
// (kustomize-origin.ts); the user's files are never touched. Helm: `helm template` with the
// user's values, and each object's template from its `# Source:` comment (helm-origin.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childProcess } from '../child-process.js';

export type RenderResult = { text: string } | { error: string };

/** What `helm template` is given for every chart scanned (the scan's --helm-* flags). */
export interface HelmOptions {
  /** `--values FILE`, in order: later files win, as in helm. */
  valuesFiles?: string[];
  /** `--set key=value`, in order. */
  set?: string[];
  /** The release name (default `release-name`, helm's own default for `helm template`). */
  releaseName?: string;
  /** The release namespace (`--namespace`). */
  namespace?: string;
  /** Scan test hooks (`helm.sh/hook: test`) too; by default they are ignored documents. */
  includeTests?: boolean;
}

export const DEFAULT_RELEASE_NAME = 'release-name';

/** Finds an executable on PATH without running anything. */
export function which(name: string, pathVar = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir) continue;
    const full = path.join(dir, name);
    try {
      fs.accessSync(full, fs.constants.X_OK);
      if (fs.statSync(full).isFile()) return full;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A kustomize build: the output and, when the origins could be recorded, the directory whose paths they are relative to. */
export type KustomizeResult = { text: string; originBase?: string } | { error: string };

/**
 * Builds a kustomization. First through a temporary kustomization in a directory of its own:
 * `resources: [<relative path to the user's directory>]` and `buildMetadata: [originAnnotations]`
 * (kustomize takes no absolute path there, and loads a kustomization directory outside its root
 * without --load-restrictor). The temporary directory is removed before this returns. When that
 * build fails, the user's directory is built as it is: its error is the one to show (it names the
 * user's paths, not the temporary ones), and if it succeeds the objects have no origins.
 */
export function renderKustomize(dir: string): KustomizeResult {
  const kustomize = which('kustomize');
  const kubectl = kustomize ? undefined : which('kubectl');
  if (!kustomize && !kubectl) {
    return {
      error: 'is a Kustomize directory, but neither kustomize nor kubectl is on PATH: install kubectl '
        + '(it includes kustomize) or kustomize to scan it; its files were not scanned',
    };
  }
  const build = (target: string) => (kustomize
    ? run(kustomize, ['build', target], 'kustomize build')
    : run(kubectl!, ['kustomize', target], 'kubectl kustomize'));
  const wrapped = withWrapper(dir, build);
  if (wrapped && 'text' in wrapped.result) return { text: wrapped.result.text, originBase: wrapped.base };
  return build(dir);
}

/** Runs `build` on a temporary kustomization wrapping `dir`; undefined when none could be written. */
function withWrapper(dir: string, build: (target: string) => RenderResult): { result: RenderResult; base: string } | undefined {
  let tmp: string | undefined;
  try {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-kustomize-')));
    const target = path.relative(tmp, fs.realpathSync(dir)).split(path.sep).join('/');
    // JSON is YAML: no quoting rules to get wrong for unusual directory names
    fs.writeFileSync(path.join(tmp, 'kustomization.yaml'), `${JSON.stringify({
      apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization',
      resources: [target], buildMetadata: ['originAnnotations'],
    })}\n`);
    return { result: build(tmp), base: tmp };
  } catch {
    return undefined;
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** `helm template NAME DIR` with the scan's values and namespace. */
export function helmTemplateArgs(dir: string, options: HelmOptions = {}): string[] {
  const args = ['template', options.releaseName ?? DEFAULT_RELEASE_NAME, dir];
  for (const file of options.valuesFiles ?? []) args.push('--values', file);
  for (const s of options.set ?? []) args.push('--set', s);
  if (options.namespace) args.push('--namespace', options.namespace);
  return args;
}

export function renderHelm(dir: string, options: HelmOptions = {}): RenderResult {
  const helm = which('helm');
  if (!helm) {
    return { error: 'is a Helm chart, but helm is not on PATH: install helm (https://helm.sh) to scan it; its templates were not scanned' };
  }
  const out = spawnHelm(helm, helmTemplateArgs(dir, options));
  if ('stderr' in out) {
    const required = requiredValueError(out.stderr, dir);
    return { error: `helm template failed: ${required ?? firstError(out.stderr) ?? `exit code ${out.status}`}` };
  }
  return out;
}

function spawnHelm(bin: string, args: string[]): { text: string } | { error: string } | { stderr: string; status: number | null } {
  const out = childProcess().spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 120_000 });
  if (out.error) return { error: `helm template failed: ${out.error.message}` };
  if (out.status !== 0) return { stderr: out.stderr || '', status: out.status };
  return { text: out.stdout };
}

function run(bin: string, args: string[], label: string): RenderResult {
  const out = childProcess().spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 120_000 });
  if (out.error) return { error: `${label} failed: ${out.error.message}` };
  if (out.status !== 0) return { error: `${label} failed: ${firstError(out.stderr || '') ?? `exit code ${out.status}`}` };
  return { text: out.stdout };
}

/**
 * The renderer's first complaint: its first non-empty line and the indented lines that continue it
 * (helm 4 writes `Error: shop/templates/db.yaml:5:22` and then, indented, `executing ... at
 * <.Values.db.password>:` and `nil pointer evaluating ...`), joined, at most 300 characters.
 * Lines after it are left out: they may quote the input.
 */
function firstError(stderr: string): string | undefined {
  const lines = stderr.split('\n');
  const start = lines.findIndex((l) => l.trim() !== '');
  if (start < 0) return undefined;
  const parts = [lines[start].trim()];
  for (let i = start + 1; i < lines.length && /^[ \t]+\S/.test(lines[i]); i++) parts.push(lines[i].trim());
  return parts.join(' ').slice(0, 300);
}

/**
 * helm's error for a `required` value: `Error: execution error at (shop/templates/db.yaml:6:15):
 * <the chart's message>`. The message is the chart author's and need not name the value, so the
 * value is read from the template at that place: the one `.Values.x.y` in the `{{ }}` action
 * there. Gives "the chart requires a value for db.password (shop/templates/db.yaml:6:15: <message>):
 * set it with --helm-set or --helm-values", or undefined when the error is not of that form.
 */
export function requiredValueError(stderr: string, chartDir: string): string | undefined {
  const first = firstError(stderr);
  const m = first ? /^Error: execution error at \(([^():]+):(\d+):(\d+)\): ?(.*)$/.exec(first) : null;
  if (!m) return undefined;
  const [, source, line, column, message] = m;
  const value = valueAt(templateFile(chartDir, source), Number(line), Number(column));
  const where = `${source}:${line}:${column}${message ? `: ${message}` : ''}`;
  if (!value) return `the chart requires a value (${where}); set it with --helm-set or --helm-values`;
  return `the chart requires a value for ${value} (${where}); set it with --helm-set ${value}=... or in a --helm-values file`;
}

/** `shop/templates/x.yaml` (helm names templates by chart name, not directory) → `<chartDir>/templates/x.yaml`. */
export function templateFile(chartDir: string, source: string): string {
  const rest = source.split('/').slice(1);
  return path.join(chartDir, ...rest);
}

/** The one `.Values` path in the template action at 1-based line, 0-based column (as helm counts). */
function valueAt(file: string, line: number, column: number): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lineText = text.split('\n')[line - 1];
  if (lineText === undefined) return undefined;
  const open = lineText.lastIndexOf('{{', column);
  const close = lineText.indexOf('}}', column);
  if (open < 0) return undefined;
  const action = lineText.slice(open, close < 0 ? undefined : close);
  const values = new Set([...action.matchAll(/\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)/g)].map((v) => v[1].slice(1)));
  return values.size === 1 ? [...values][0] : undefined;
}

/** `helm template` marks each document with `# Source: chart/templates/x.yaml`. */
export function helmSourceOf(docText: string): string | undefined {
  const m = /^# Source: (.+)$/m.exec(docText);
  return m ? m[1].trim() : undefined;
}
