// The image source: the images a scan names (--image REF) and, with --scan-images, every image the
// scanned workloads run — each read once, however many containers run it, a few at a time — their
// packages matched against the local vulnerability database. Reading an image may use the network
// (a registry), because the user named it; matching never does (src/vulndb/ is offline).
import path from 'node:path';
import type { Resource, ScanTarget } from '../../model/types.js';
import type { ImageContents, ImageError, ImageScan } from '../../model/vulnerability.js';
import { Inventory } from '../../inventory/index.js';
import { cacheDir, defaultDbDir } from '../../vulndb/cache-dir.js';
import { DbMissingError, NO_DB_HINT, STALE_AFTER_DAYS, openDb, type VulnDb } from '../../vulndb/store.js';
import { toVulnerability } from '../../vulndb/to-vulnerability.js';
import { ImageError as ReadImageError, readImage, type ReadImageOptions } from './index.js';
import { parseTransport, type Transport } from './transport.js';

const DEFAULT_CONCURRENCY = 4;

export interface ImageSourceOptions extends Omit<ReadImageOptions, 'cacheDir' | 'onWarning' | 'credentials'> {
  /** References the user named (--image). */
  refs: string[];
  /** With --scan-images: the resources whose workloads' images are read too. */
  resources?: readonly Resource[];
  /** --registry-username/--registry-password: used only for the registries of `refs`. */
  credentials?: { username: string; password: string };
  /** The vulnerability database directory (default `<cache>/db`). */
  dbDir?: string;
  /** How many images are read at once. */
  concurrency?: number;
  /** Told each image as its reading starts and ends (a progress display). */
  onProgress?: (done: number, total: number, ref: string) => void;
  now?: Date;
}

export interface ImageSourceResult {
  images: ImageScan[];
  imageErrors: ImageError[];
  /** Set when no image could be judged: why, and what to run. */
  imagesNotJudged?: string;
  targets: ScanTarget[];
  warnings: string[];
  notes: string[];
}

/**
 * The references to read, once each: those named, then the workloads' (valid ones, in the order
 * their normalised names sort), keyed by the normalised reference so `nginx` and
 * `docker.io/library/nginx:latest` are one image.
 */
export function imageRefs(named: readonly string[], resources: readonly Resource[] | undefined): string[] {
  const byKey = new Map<string, string>();
  for (const ref of named) {
    const t = transportOf(ref);
    const key = t?.kind === 'registry' ? t.ref.normalized : ref;
    if (!byKey.has(key)) byKey.set(key, ref);
  }
  if (resources) {
    const uses = new Inventory([...resources]).images();
    for (const key of [...uses.keys()].sort()) {
      if (!byKey.has(key)) byKey.set(key, uses.get(key)![0]!.container.image!.text);
    }
  }
  return [...byKey.values()];
}

/** Registries (`host[:port]`) of the references the user named: the only ones given --registry-* credentials. */
function namedRegistries(named: readonly string[]): Set<string> {
  const hosts = new Set<string>();
  for (const ref of named) {
    const t = transportOf(ref);
    if (t?.kind === 'registry') hosts.add(registryHost(t.ref.registry, t.ref.port));
  }
  return hosts;
}

function registryHost(registry: string, port?: string): string {
  return port ? `${registry}:${port}` : registry;
}

function openDatabase(dbDir: string, now: Date, warnings: string[]): { db?: VulnDb; notJudged?: string } {
  try {
    const db = openDb(dbDir);
    const days = Math.floor((now.getTime() - Date.parse(db.meta.importedAt)) / 86_400_000);
    if (days > STALE_AFTER_DAYS) {
      warnings.push(`the vulnerability database is ${days} days old (last import ${db.meta.importedAt}): run \`palisade db update\` for newer advisories`);
    }
    return { db };
  } catch (e) {
    if (e instanceof DbMissingError) {
      return { notJudged: `${e.message}: ${NO_DB_HINT}` };
    }
    throw e;
  }
}

/** Matches an image's packages; says why when none of them could be (an ecosystem the database lacks). */
function judge(image: ImageContents, db: VulnDb, warnings: string[]): ImageScan {
  const ecosystems = [...new Set(image.packages.map((p) => p.ecosystem).filter((e): e is string => !!e))];
  const missing = ecosystems.filter((e) => !db.hasEcosystem(e));
  const vulnerabilities = db.match(image.packages).map((m) => toVulnerability(m, image));
  if (ecosystems.length && missing.length === ecosystems.length) {
    return { contents: image, vulnerabilities, notJudged: `the vulnerability database has no ${missing.join(', ')} advisories: run \`palisade db update --ecosystem ${missing.map(osvArchive).join(',')}\`` };
  }
  if (missing.length) warnings.push(`image ${image.ref}: the vulnerability database has no ${missing.join(', ')} advisories, so those packages were not judged (\`palisade db update --ecosystem ${missing.map(osvArchive).join(',')}\`)`);
  const unknownOs = image.packages.filter((p) => !p.ecosystem).length;
  if (unknownOs) warnings.push(`image ${image.ref}: ${unknownOs} package(s) of ${image.os ? `OS ${image.os.id}${image.os.versionId ? ` ${image.os.versionId}` : ''}` : 'an unknown OS'} have no OSV ecosystem Palisade knows, and were not judged`);
  return { contents: image, vulnerabilities };
}

/** OSV's archive name for an ecosystem: `Debian:12` is in `Debian/all.zip`. */
function osvArchive(ecosystem: string): string {
  return ecosystem.split(':')[0]!;
}

export async function readImages(opts: ImageSourceOptions): Promise<ImageSourceResult> {
  const now = opts.now ?? new Date();
  const warnings: string[] = [];
  const notes: string[] = [];
  const refs = imageRefs(opts.refs, opts.resources);
  const result: ImageSourceResult = { images: [], imageErrors: [], targets: [], warnings, notes };
  if (opts.resources && !opts.refs.length && !refs.length) notes.push('--scan-images: the scanned workloads name no image');
  if (!refs.length) return result;
  result.targets.push({ type: 'image', paths: refs });
  const dbDir = opts.dbDir ?? defaultDbDir();
  const { db, notJudged } = openDatabase(dbDir, now, warnings);
  if (notJudged) result.imagesNotJudged = notJudged;
  const credentialHosts = namedRegistries(opts.refs);
  const blobs = path.join(cacheDir(), 'blobs');
  const scans = new Array<ImageScan | undefined>(refs.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < refs.length) {
      const i = next++;
      const ref = refs[i]!;
      const t = transportOf(ref);
      const host = t?.kind === 'registry' ? registryHost(t.ref.registry, t.ref.port) : undefined;
      // --registry-username/--registry-password go only to the registries of the images named with --image
      const credentials = opts.credentials && host && credentialHosts.has(host) ? { ...opts.credentials, registry: host } : undefined;
      try {
        const contents = await readImage(ref, {
          platform: opts.platform, insecureRegistries: opts.insecureRegistries, dockerConfigDir: opts.dockerConfigDir,
          timeoutMs: opts.timeoutMs, signal: opts.signal, cacheDir: blobs,
          ...(credentials ? { credentials } : {}),
          onWarning: (m) => warnings.push(`image ${ref}: ${m}`),
        });
        scans[i] = db ? judge(contents, db, warnings) : { contents, vulnerabilities: [] };
      } catch (e) {
        if (!(e instanceof ReadImageError)) throw e;
        // the error names the image already ("image REF: why"); the report's error names it once, as its file
        const prefix = `image ${ref}: `;
        result.imageErrors.push({ ref, message: e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message });
      }
      opts.onProgress?.(++done, refs.length, ref);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? DEFAULT_CONCURRENCY, refs.length) }, worker));
  result.images = scans.filter((s): s is ImageScan => !!s);
  return result;
}

/** The transport of a reference, or undefined when it is not one (readImage then says why, as an image error). */
function transportOf(ref: string): Transport | undefined {
  try {
    return parseTransport(ref);
  } catch {
    return undefined;
  }
}
