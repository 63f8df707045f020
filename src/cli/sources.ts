// The sources a command reads, from its flags: the paths (files, directories, charts, `-`),
// `--node [--root DIR]` and `--cluster [--context NAME] [--kubeconfig FILE]`, in one run, combined.
import fs from 'node:fs';
import { UsageError } from '../model/errors.js';
import type { Resource } from '../model/types.js';
import type { Source } from '../sources/source.js';
import { combineResults, type CombinedInput } from '../sources/combine.js';
import { fileSource } from '../sources/files/source.js';
import type { HelmOptions } from '../sources/files/render.js';
import { nodeSource } from '../sources/node/source.js';
import { clusterProgress, imageProgress } from './progress.js';
import { imageRefProblem } from '../sources/image/transport.js';

/** The "section" an image-only scan is narrowed to: no control has it, so none runs. */
export const IMAGES_SECTION = 'images';

export interface SourceFlags {
  node?: boolean;
  root?: string;
  cluster?: boolean;
  context?: string;
  kubeconfig?: string;
  requestTimeout?: string;
  quiet?: boolean;
  /** Passed to `helm template` for every chart scanned. */
  helmValues?: string[];
  helmSet?: string[];
  releaseName?: string;
  helmNamespace?: string;
  /** Helm test hooks are not part of a release: scanned only when asked. */
  includeHelmTests?: boolean;
  /** --image, repeatable: image references (or docker-archive:/oci:/oci-archive: sources) to scan. */
  image?: string[];
  /** Every image the scanned workloads run. */
  scanImages?: boolean;
  platform?: string;
  registryUsername?: string;
  registryPassword?: string;
  insecureRegistry?: string[];
  dbDir?: string;
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
  return paths.length ? paths : flags.node || flags.cluster || flags.image?.length ? [] : ['.'];
}

export function checkSourceFlags(flags: SourceFlags): void {
  if (flags.root !== undefined && !flags.node) throw new UsageError('--root needs --node');
  if (!flags.cluster) {
    if (flags.context !== undefined) throw new UsageError('--context needs --cluster');
    if (flags.kubeconfig !== undefined) throw new UsageError('--kubeconfig needs --cluster');
    if (flags.requestTimeout !== undefined) throw new UsageError('--request-timeout needs --cluster');
  }
  if (flags.requestTimeout !== undefined) requestTimeoutMs(flags.requestTimeout);
  helmOptions(flags);
  checkImageSourceFlags(flags);
}

/** The image flags: each needs images to read, and the references must be ones the image source can read. */
function checkImageSourceFlags(flags: SourceFlags): void {
  const images = !!flags.image?.length || !!flags.scanImages;
  for (const [flag, given] of [['--platform', flags.platform], ['--registry-username', flags.registryUsername],
    ['--registry-password', flags.registryPassword], ['--insecure-registry', flags.insecureRegistry?.length ? 'x' : undefined],
    ['--db-dir', flags.dbDir]] as const) {
    if (given !== undefined && !images) throw new UsageError(`${flag} needs images to scan (--image REF or --scan-images)`);
  }
  if ((flags.registryUsername === undefined) !== (registryPassword(flags) === undefined)) {
    throw new UsageError('--registry-username and --registry-password (or PALISADE_REGISTRY_PASSWORD) go together');
  }
  if (flags.registryUsername !== undefined && !flags.image?.length) {
    throw new UsageError('--registry-username: the credentials are sent only to the registries of the images named with --image; name one');
  }
  if (flags.platform !== undefined && !/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(flags.platform)) {
    throw new UsageError(`--platform: expected os/arch[/variant], e.g. linux/amd64 or linux/arm64/v8, got "${flags.platform}"`);
  }
  for (const ref of flags.image ?? []) {
    const problem = imageRefProblem(ref);
    if (problem) throw new UsageError(`--image ${ref}: ${problem}`);
  }
}

/** The registry password: the flag, else PALISADE_REGISTRY_PASSWORD (kept out of the process list and shell history). */
function registryPassword(flags: SourceFlags): string | undefined {
  return flags.registryPassword ?? (flags.registryUsername !== undefined ? process.env.PALISADE_REGISTRY_PASSWORD : undefined);
}

/** The helm flags, checked: a values file that is not there or a --helm-set without `=` is a wrong invocation. */
export function helmOptions(flags: SourceFlags): HelmOptions {
  for (const file of flags.helmValues ?? []) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) continue; // a URL: helm fetches it, as asked
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      throw new UsageError(`--helm-values: no such file: ${file}`);
    }
    if (!st.isFile()) throw new UsageError(`--helm-values: not a regular file: ${file}`);
  }
  for (const s of flags.helmSet ?? []) {
    if (!/^[^=]+=/.test(s)) throw new UsageError(`--helm-set: expected key=value, got "${s}"`);
  }
  const name = flags.releaseName;
  if (name !== undefined && (name.length > 53 || !DNS_LABELS.test(name))) {
    throw new UsageError(`--release-name: "${name}" is not a valid release name (lower-case letters, digits, - and ., at most 53 characters, as helm requires)`);
  }
  if (flags.helmNamespace !== undefined && !DNS_LABEL.test(flags.helmNamespace)) {
    throw new UsageError(`--helm-namespace: "${flags.helmNamespace}" is not a valid namespace name`);
  }
  return {
    valuesFiles: flags.helmValues, set: flags.helmSet, releaseName: name,
    namespace: flags.helmNamespace, includeTests: flags.includeHelmTests,
  };
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_LABELS = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export async function readSources(paths: string[], flags: SourceFlags, options: SourceOptions): Promise<CombinedInput> {
  checkSourceFlags(flags);
  const sources: Source[] = [];
  const targets = targetPaths(paths, flags);
  if (targets.length) sources.push(fileSource(targets, { maxFileSize: options.maxFileSize, helm: helmOptions(flags) }));
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
  let combined: CombinedInput;
  try {
    const results = [];
    for (const source of sources) results.push(await source.read());
    combined = combineResults(results);
  } finally {
    progress?.done();
  }
  if (flags.image?.length || flags.scanImages) {
    await addImages(combined, flags, options);
    // images alone inform no posture section: the scan judges the images, and no control is skipped for want of manifests
    if (sources.length === 0) combined.sections = [IMAGES_SECTION];
  }
  return combined;
}

/**
 * The images named with --image and, with --scan-images, every image the workloads read so far
 * run: read (a registry only because the user named the image or the workload), their packages
 * matched against the local vulnerability database, the results added to the input.
 */
async function addImages(input: CombinedInput, flags: SourceFlags, options: SourceOptions): Promise<void> {
  // loaded only for an image scan
  const { readImages } = await import('../sources/image/source.js');
  const progress = imageProgress(!!flags.quiet);
  const password = registryPassword(flags);
  let result: Awaited<ReturnType<typeof readImages>>;
  try {
    result = await readImages({
      refs: flags.image ?? [],
      ...(flags.scanImages ? { resources: inNamespaces(input.resources, options) } : {}),
      ...(flags.platform ? { platform: flags.platform } : {}),
      ...(flags.registryUsername !== undefined && password !== undefined ? { credentials: { username: flags.registryUsername, password } } : {}),
      ...(flags.insecureRegistry?.length ? { insecureRegistries: flags.insecureRegistry } : {}),
      ...(flags.dbDir ? { dbDir: flags.dbDir } : {}),
      onProgress: progress.update,
    });
  } finally {
    progress.done();
  }
  input.images = result.images;
  input.imageErrors = result.imageErrors;
  if (result.imagesNotJudged !== undefined) input.imagesNotJudged = result.imagesNotJudged;
  for (const t of result.targets) input.targets.push(t);
  for (const w of result.warnings) input.warnings.push(w);
  for (const n of result.notes) input.notes.push(n);
}

function requestTimeoutMs(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new UsageError(`--request-timeout: expected seconds between 0 and 3600, got "${text}"`);
  }
  return Math.round(seconds * 1000);
}

/** The resources -n/--exclude-namespaces keep (as the scan keeps them): --scan-images reads only their images. */
function inNamespaces(resources: Resource[], options: SourceOptions): Resource[] {
  const include = options.includeNamespaces?.length ? new Set(options.includeNamespaces) : undefined;
  const exclude = new Set(options.excludeNamespaces ?? []);
  if (!include && exclude.size === 0) return resources;
  return resources.filter((r) => r.effectiveNamespace === undefined || ((!include || include.has(r.effectiveNamespace)) && !exclude.has(r.effectiveNamespace)));
}
