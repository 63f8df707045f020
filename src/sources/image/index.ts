// readImage: an image reference → the packages installed in the image, each with the layer that
// added it. See docs/images.md for the sources, authentication, cache, catalogue and limits.
import path from 'node:path';
import { isRecord } from '../../model/guards.js';
import type { ImageContents, LayerRef } from '../../model/vulnerability.js';
import { cacheDir } from '../../vulndb/cache-dir.js';
import { readArchive } from './archive.js';
import { BlobCache } from './cache.js';
import { catalog, wants } from './catalog/index.js';
import { dockerArchiveImage } from './docker-archive.js';
import { ImageError, ReadError } from './errors.js';
import { applyLayers, type LayerInput } from './layers.js';
import { MAX_CONFIG_BYTES, formatPlatform, parseManifest, parsePlatform, selectPlatform, type Platform } from './manifest.js';
import { RegistryClient } from './registry/client.js';
import { defaultDockerConfigDir, lookupCredentials, type Credentials } from './registry/credentials.js';
import { archiveFiles, directoryFiles, layoutBytes, registryBytes, type ImageBytes } from './sources.js';
import { parseTransport } from './transport.js';

export { ImageError } from './errors.js';

export interface ReadImageOptions {
  /** `os/arch[/variant]` to pick from a multi-platform index. Default linux/amd64. */
  platform?: string;
  /** Root of the blob cache (`<cache>/blobs`). Default `$PALISADE_CACHE_DIR/blobs`, else `$XDG_CACHE_HOME/palisade/blobs`, else ~/.cache/palisade/blobs. */
  cacheDir?: string;
  /**
   * Credentials (--registry-username/--registry-password). With `registry` (`host[:port]`, as a
   * reference names it), they are sent to that registry only, and other images' registries use
   * the docker config: a scan of many images must not hand one registry's password to another.
   */
  credentials?: Credentials & { registry?: string };
  /** Registry hosts (`host` or `host:port`) that may be reached over plain HTTP; loopback hosts always may. */
  insecureRegistries?: string[];
  /** Where config.json is. Default $DOCKER_CONFIG, else ~/.docker. */
  dockerConfigDir?: string;
  /** Per HTTP request, until its response headers arrive. Default 30 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Told what was skipped (a file too large, a manifest not JSON) while the rest is read. */
  onWarning?: (message: string) => void;
}

export const DEFAULT_PLATFORM = 'linux/amd64';
const DEFAULT_TIMEOUT_MS = 30_000;

/** `<cache>/blobs`, where <cache> is $PALISADE_CACHE_DIR, else $XDG_CACHE_HOME/palisade, else ~/.cache/palisade (vulndb/cache-dir.ts). */
export function defaultCacheDir(): string {
  return path.join(cacheDir(), 'blobs');
}

/** Whether a registry as the user named it is the reference's (`index.docker.io` and `registry-1.docker.io` are `docker.io`). */
function sameRegistry(named: string, host: string): boolean {
  const hub = (h: string): string => (['index.docker.io', 'registry-1.docker.io'].includes(h) ? 'docker.io' : h);
  return hub(named.replace(/^https?:\/\//, '').replace(/\/.*$/, '').toLowerCase()) === hub(host.toLowerCase());
}

interface Resolved {
  digest?: string;
  config: Record<string, unknown>;
  layers: LayerInput[];
}

async function parseConfig(body: Buffer, what: string): Promise<Record<string, unknown>> {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ReadError(`${what} is not JSON`);
  }
  if (!isRecord(doc)) throw new ReadError(`${what} is not an image config`);
  return doc;
}

/** The top manifest, the platform's manifest when it is an index, its config and layers. */
async function resolve(bytes: ImageBytes, platform: Platform): Promise<Resolved> {
  const root = await bytes.root();
  let parsed = parseManifest(root.body, root.mediaType);
  if (parsed.kind === 'index') {
    const entry = selectPlatform(parsed.manifests, platform);
    if (!entry) {
      const has = parsed.manifests.map((m) => m.platform).filter((p): p is Platform => !!p && p.os !== 'unknown').map(formatPlatform);
      throw new ReadError(`no ${formatPlatform(platform)} image in the index${has.length ? ` (it has ${[...new Set(has)].join(', ')})` : ''}`);
    }
    parsed = parseManifest(await bytes.manifest(entry), entry.mediaType);
    if (parsed.kind === 'index') throw new ReadError(`the index entry for ${formatPlatform(platform)} is another index`);
  }
  const configDesc = parsed.config;
  const config = await parseConfig(await bytes.blob(configDesc, MAX_CONFIG_BYTES), `config ${configDesc.digest}`);
  const diffIds = isRecord(config.rootfs) && Array.isArray(config.rootfs.diff_ids) ? config.rootfs.diff_ids : [];
  const layers = parsed.layers.map((desc, i): LayerInput => {
    const diffId = diffIds[i];
    const ref: LayerRef = { index: i, digest: desc.digest, ...(typeof diffId === 'string' ? { diffId } : {}) };
    return { ref, mediaType: desc.mediaType, open: () => bytes.layer(desc) };
  });
  return { digest: root.digest, config, layers };
}

async function read(ref: string, opts: ReadImageOptions): Promise<ImageContents> {
  const platform = parsePlatform(opts.platform ?? DEFAULT_PLATFORM);
  const cache = new BlobCache(opts.cacheDir ?? defaultCacheDir());
  const transport = parseTransport(ref);
  let resolved: Resolved;
  switch (transport.kind) {
    case 'registry': {
      const r = transport.ref;
      const host = r.port ? `${r.registry}:${r.port}` : r.registry;
      const given = opts.credentials;
      let credentials: Credentials | undefined = given && (given.registry === undefined || sameRegistry(given.registry, host))
        ? { username: given.username, password: given.password } : undefined;
      if (!credentials) {
        try {
          credentials = await lookupCredentials(host, opts.dockerConfigDir ?? defaultDockerConfigDir());
        } catch (err) {
          throw new ReadError(`credentials for ${host}: ${(err as Error).message}`);
        }
      }
      const client = new RegistryClient(r, {
        ...(credentials ? { credentials } : {}),
        insecureRegistries: opts.insecureRegistries ?? [],
        timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      resolved = await resolve(registryBytes(client, r.digest ?? r.tag ?? 'latest', cache), platform);
      break;
    }
    case 'oci':
      resolved = await resolve(await layoutBytes(directoryFiles(transport.path), transport.name), platform);
      break;
    case 'oci-archive': {
      const files = await readArchive(transport.path, cache, opts.signal);
      resolved = await resolve(await layoutBytes(archiveFiles(transport.path, files.small, files.blobs, cache), transport.name), platform);
      break;
    }
    case 'docker-archive': {
      const files = await readArchive(transport.path, cache, opts.signal);
      const img = await dockerArchiveImage(transport.path, files, cache, transport.name, transport.index);
      resolved = { config: img.config, layers: img.layers };
      break;
    }
  }
  const warn = opts.onWarning ?? ((): void => undefined);
  const files = await applyLayers(resolved.layers, { wants, warn, ...(opts.signal ? { signal: opts.signal } : {}) });
  const found = catalog(files, warn);
  const c = resolved.config;
  const configPlatform = typeof c.os === 'string' && typeof c.architecture === 'string'
    ? formatPlatform({ os: c.os, architecture: c.architecture, ...(typeof c.variant === 'string' ? { variant: c.variant } : {}) })
    : undefined;
  return {
    ref,
    ...(resolved.digest ? { digest: resolved.digest } : {}),
    ...(configPlatform ? { platform: configPlatform } : {}),
    ...(found.os ? { os: { id: found.os.id, ...(found.os.versionId ? { versionId: found.os.versionId } : {}), ...(found.os.prettyName ? { prettyName: found.os.prettyName } : {}) } } : {}),
    layers: resolved.layers.map((l) => l.ref),
    packages: found.packages,
  };
}

/** Reads an image and catalogues its packages. Throws one ImageError naming the image and why. */
export async function readImage(ref: string, opts: ReadImageOptions = {}): Promise<ImageContents> {
  try {
    return await read(ref, opts);
  } catch (err) {
    if (err instanceof ImageError) throw err;
    if (opts.signal?.aborted) throw new ImageError(ref, 'reading was cancelled');
    const e = err as NodeJS.ErrnoException;
    throw new ImageError(ref, err instanceof ReadError ? e.message : e.code && e.path ? `${e.code} on ${e.path}` : e.message);
  }
}
