// Building Kustomize and Helm directories with the user's own binaries, when they are on PATH.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type RenderResult = { text: string } | { error: string };

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

export function renderKustomize(dir: string): RenderResult {
  const kustomize = which('kustomize');
  if (kustomize) return run(kustomize, ['build', dir], 'kustomize build');
  const kubectl = which('kubectl');
  if (kubectl) return run(kubectl, ['kustomize', dir], 'kubectl kustomize');
  return {
    error: 'is a Kustomize directory, but neither kustomize nor kubectl is on PATH: install kubectl '
      + '(it includes kustomize) or kustomize to scan it; its files were not scanned',
  };
}

export function renderHelm(dir: string): RenderResult {
  const helm = which('helm');
  if (!helm) {
    return { error: 'is a Helm chart, but helm is not on PATH: install helm (https://helm.sh) to scan it; its templates were not scanned' };
  }
  return run(helm, ['template', 'release-name', dir], 'helm template');
}

function run(bin: string, args: string[], label: string): RenderResult {
  const out = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 120_000 });
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

/** `helm template` marks each document with `# Source: chart/templates/x.yaml`. */
export function helmSourceOf(docText: string): string | undefined {
  const m = /^# Source: (.+)$/m.exec(docText);
  return m ? m[1].trim() : undefined;
}
