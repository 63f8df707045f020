// A `docker save` archive: manifest.json lists the images ([{Config, RepoTags, Layers}], moby
// image/tarexport/tarexport.go manifestItem), with the layers as uncompressed tars in the order
// they apply. The classic layout names them `<id>/layer.tar` and the config `<id>.json`; Docker 25+
// writes an OCI layout beside it and manifest.json points into `blobs/sha256/`. Both are read
// through manifest.json. Image selection follows skopeo's docker-archive transport: a
// reference picks the image whose RepoTags has it, `@N` the N-th, none the only one.
import { isRecord } from '../../model/guards.js';
import { parseImageRef } from '../../model/image-ref.js';
import type { LayerRef } from '../../model/vulnerability.js';
import { readBounded, sha256, type BlobCache } from './cache.js';
import { ReadError } from './errors.js';
import type { LayerInput } from './layers.js';
import { MAX_CONFIG_BYTES } from './manifest.js';
import type { ArchiveFiles } from './archive.js';

export interface DockerArchiveImage {
  config: Record<string, unknown>;
  configDigest: string;
  layers: LayerInput[];
}

function same(a: string, b: string): boolean {
  const x = parseImageRef(a);
  const y = parseImageRef(b);
  return x.valid && y.valid ? x.normalized === y.normalized : a === b;
}

export async function dockerArchiveImage(file: string, files: ArchiveFiles, cache: BlobCache, name: string | undefined, index: number | undefined): Promise<DockerArchiveImage> {
  const body = files.small.get('manifest.json');
  if (!body) throw new ReadError(`${file} is not a docker save archive (no manifest.json)`);
  let items: unknown;
  try {
    items = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ReadError(`${file}: manifest.json is not JSON`);
  }
  if (!Array.isArray(items) || !items.every(isRecord)) throw new ReadError(`${file}: manifest.json is not a list of images`);
  const tags = (it: Record<string, unknown>): string[] => (Array.isArray(it.RepoTags) ? it.RepoTags.filter((t): t is string => typeof t === 'string') : []);
  let item: Record<string, unknown> | undefined;
  if (name !== undefined) {
    item = items.find((it) => tags(it).some((t) => same(t, name)));
    if (!item) throw new ReadError(`${file} has no image tagged ${name} (it has ${items.flatMap(tags).join(', ') || 'untagged images only'})`);
  } else if (index !== undefined) {
    item = items[index];
    if (!item) throw new ReadError(`${file} has ${items.length} image(s): no @${index}`);
  } else if (items.length === 1) {
    item = items[0];
  } else {
    throw new ReadError(`${file} holds ${items.length} images: name one (docker-archive:${file}:NAME or :@N)`);
  }
  const configName = item!.Config;
  const layerNames = item!.Layers;
  if (typeof configName !== 'string' || !Array.isArray(layerNames) || !layerNames.every((l): l is string => typeof l === 'string')) {
    throw new ReadError(`${file}: manifest.json entry has no Config and Layers`);
  }
  const configBody = files.small.get(configName)
    ?? (files.blobs.has(configName) ? await readConfigBlob(cache, files.blobs.get(configName)!, `${file}: ${configName}`) : undefined);
  if (!configBody) throw new ReadError(`${file} has no ${configName}`);
  const configDigest = sha256(configBody);
  // The classic layout names the config by its digest (the image ID).
  const named = /^(?:blobs\/sha256\/)?([a-f0-9]{64})(?:\.json)?$/.exec(configName);
  if (named && `sha256:${named[1]}` !== configDigest) throw new ReadError(`${file}: ${configName} does not match its digest (got ${configDigest})`);
  let config: unknown;
  try {
    config = JSON.parse(configBody.toString('utf8'));
  } catch {
    throw new ReadError(`${file}: ${configName} is not JSON`);
  }
  if (!isRecord(config)) throw new ReadError(`${file}: ${configName} is not an image config`);
  const diffIds = isRecord(config.rootfs) && Array.isArray(config.rootfs.diff_ids) ? config.rootfs.diff_ids : [];
  if (diffIds.length !== layerNames.length) throw new ReadError(`${file}: ${layerNames.length} layers but ${diffIds.length} diff_ids in the config`);
  const layers = layerNames.map((l, i): LayerInput => {
    const digest = files.blobs.get(l);
    if (!digest) throw new ReadError(`${file} has no layer ${l}`);
    const diffId = diffIds[i];
    const ref: LayerRef = { index: i, digest, ...(typeof diffId === 'string' ? { diffId } : {}) };
    return { ref, mediaType: '', open: async () => cache.open(digest, `${file}: ${l}`) };
  });
  return { config, configDigest, layers };
}

async function readConfigBlob(cache: BlobCache, digest: string, what: string): Promise<Buffer> {
  return readBounded(cache.open(digest, what), MAX_CONFIG_BYTES, what);
}
