// The sources a command reads, from its flags: the paths (files, directories, charts, `-`),
// `--node [--root DIR]` and `--cluster [--context NAME] [--kubeconfig FILE]`, in one run, combined.
import { UsageError } from '../model/errors.js';
import type { Source } from '../sources/source.js';
import { combineResults, type CombinedInput } from '../sources/combine.js';
import { fileSource } from '../sources/files/source.js';
import { nodeSource } from '../sources/node/source.js';
import { clusterProgress } from './progress.js';

export interface SourceFlags {
  node?: boolean;
  root?: string;
  cluster?: boolean;
  context?: string;
  kubeconfig?: string;
  requestTimeout?: string;
  quiet?: boolean;
}

export interface SourceOptions {
  maxFileSize?: number;
  includeNamespaces?: string[];
  excludeNamespaces?: string[];
  /** Only these kinds from a cluster (who-can reads RBAC). */
  clusterKinds?: readonly string[];
}

/** The paths a command reads: the ones given, else the current directory — unless the host or a cluster is the input. */
export function targetPaths(paths: string[], flags: SourceFlags): string[] {
  return paths.length ? paths : flags.node || flags.cluster ? [] : ['.'];
}

export function checkSourceFlags(flags: SourceFlags): void {
  if (flags.root !== undefined && !flags.node) throw new UsageError('--root needs --node');
  if (!flags.cluster) {
    if (flags.context !== undefined) throw new UsageError('--context needs --cluster');
    if (flags.kubeconfig !== undefined) throw new UsageError('--kubeconfig needs --cluster');
    if (flags.requestTimeout !== undefined) throw new UsageError('--request-timeout needs --cluster');
  }
  if (flags.requestTimeout !== undefined) requestTimeoutMs(flags.requestTimeout);
}

export async function readSources(paths: string[], flags: SourceFlags, options: SourceOptions): Promise<CombinedInput> {
  checkSourceFlags(flags);
  const sources: Source[] = [];
  const targets = targetPaths(paths, flags);
  if (targets.length) sources.push(fileSource(targets, { maxFileSize: options.maxFileSize }));
  if (flags.node) sources.push(nodeSource(flags.root));
  let progress: ReturnType<typeof clusterProgress> | undefined;
  if (flags.cluster) {
    // loaded only for a cluster scan: the kubeconfig library is large
    const { clusterSource } = await import('../sources/cluster/source.js');
    progress = clusterProgress(!!flags.quiet);
    sources.push(clusterSource({
      kubeconfig: flags.kubeconfig, context: flags.context,
      includeNamespaces: options.includeNamespaces, excludeNamespaces: options.excludeNamespaces,
      kinds: options.clusterKinds,
      ...(flags.requestTimeout !== undefined ? { timeoutMs: requestTimeoutMs(flags.requestTimeout) } : {}),
      onProgress: progress.update,
    }));
  }
  try {
    const results = [];
    for (const source of sources) results.push(await source.read());
    return combineResults(results);
  } finally {
    progress?.done();
  }
}

function requestTimeoutMs(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new UsageError(`--request-timeout: expected seconds between 0 and 3600, got "${text}"`);
  }
  return Math.round(seconds * 1000);
}
