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
  if (out.status !== 0) {
    // Only the first line of the renderer's complaint: its later lines may quote the input.
    const first = (out.stderr || '').split('\n').find((l) => l.trim() !== '') ?? `exit code ${out.status}`;
    return { error: `${label} failed: ${first.slice(0, 300)}` };
  }
  return { text: out.stdout };
}

/** `helm template` marks each document with `# Source: chart/templates/x.yaml`. */
export function helmSourceOf(docText: string): string | undefined {
  const m = /^# Source: (.+)$/m.exec(docText);
  return m ? m[1].trim() : undefined;
}
