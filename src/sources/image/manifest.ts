// Image manifests and indexes as the OCI image spec (image-index.md, manifest.md, descriptor.md)
// and Docker's registry v2 schema 2 (manifest-v2-2.md) define them, and the choice of one platform
// from an index, as containerd's platforms.Only matcher does (platforms/platforms.go, defaults for
// arm's variant: platforms/cpuinfo + compare.go: arm64 means v8, arm means v7 when unnamed).
import { isRecord } from '../../model/guards.js';
import { ReadError } from './errors.js';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
} as const;

/** What a manifest GET accepts, most specific first (what containerd and skopeo send). */
export const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerList, MEDIA.dockerManifest].join(', ');

/** Manifests and indexes are read whole; the distribution registry refuses larger ones too (4 MiB). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** An image config (history, env, labels): larger than any real one. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export interface Platform { os: string; architecture: string; variant?: string }

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  urls?: string[];
}

export type Parsed =
  | { kind: 'index'; manifests: Descriptor[] }
  | { kind: 'manifest'; config: Descriptor; layers: Descriptor[] };

const DIGEST = /^sha256:[a-f0-9]{64}$/;

export function descriptor(v: unknown, where: string): Descriptor {
  if (!isRecord(v)) throw new ReadError(`${where} is not a descriptor object`);
  const { mediaType, digest, size } = v;
  if (typeof digest !== 'string' || !DIGEST.test(digest)) {
    throw new ReadError(`${where} has no sha256 digest${typeof digest === 'string' ? ` (${digest.slice(0, 80)})` : ''}`);
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw new ReadError(`${where} (${digest}) has no valid size`);
  const d: Descriptor = { mediaType: typeof mediaType === 'string' ? mediaType : '', digest, size };
  if (isRecord(v.platform) && typeof v.platform.os === 'string' && typeof v.platform.architecture === 'string') {
    d.platform = { os: v.platform.os, architecture: v.platform.architecture, ...(typeof v.platform.variant === 'string' ? { variant: v.platform.variant } : {}) };
  }
  if (isRecord(v.annotations)) {
    d.annotations = Object.fromEntries(Object.entries(v.annotations).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  if (Array.isArray(v.urls)) d.urls = v.urls.filter((u): u is string => typeof u === 'string');
  return d;
}

/** Parses a manifest or an index; `mediaType` is the Content-Type or the descriptor's, used when the body names none. */
export function parseManifest(body: Buffer, mediaType: string | undefined): Parsed {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ReadError('the manifest is not JSON');
  }
  if (!isRecord(doc)) throw new ReadError('the manifest is not a JSON object');
  const type = typeof doc.mediaType === 'string' ? doc.mediaType : (mediaType ?? '').split(';')[0]!.trim();
  if (type === MEDIA.dockerSchema1 || type === MEDIA.dockerSchema1Signed || doc.schemaVersion === 1) {
    throw new ReadError('Docker schema 1 manifests are not supported (deprecated by Docker; push the image again)');
  }
  // An OCI index may omit mediaType; it is told by its `manifests` array (image-index.md).
  if (type === MEDIA.ociIndex || type === MEDIA.dockerList || (type === '' && Array.isArray(doc.manifests))) {
    if (!Array.isArray(doc.manifests)) throw new ReadError('the index has no manifests array');
    return { kind: 'index', manifests: doc.manifests.map((m, i) => descriptor(m, `index entry ${i}`)) };
  }
  if (type === MEDIA.ociManifest || type === MEDIA.dockerManifest || (type === '' && isRecord(doc.config))) {
    if (!Array.isArray(doc.layers)) throw new ReadError('the manifest has no layers array');
    return {
      kind: 'manifest',
      config: descriptor(doc.config, 'the manifest config'),
      layers: doc.layers.map((l, i) => descriptor(l, `layer ${i}`)),
    };
  }
  throw new ReadError(`unsupported manifest media type "${type.slice(0, 100)}"`);
}

/** `linux/arm64/v8` → { os, architecture, variant }. */
export function parsePlatform(text: string): Platform {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/i.test(p))) {
    throw new ReadError(`platform "${text}" is not os/architecture[/variant]`);
  }
  return { os: parts[0]!.toLowerCase(), architecture: parts[1]!.toLowerCase(), ...(parts[2] ? { variant: parts[2].toLowerCase() } : {}) };
}

export function formatPlatform(p: Platform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

/** containerd normalizes arm64's variant to v8 (and "" → v8) and arm's to v7 when none is named. */
function variantOf(p: Platform): string {
  if (p.variant) return p.architecture === 'arm64' && p.variant === '8' ? 'v8' : p.variant;
  if (p.architecture === 'arm64') return 'v8';
  if (p.architecture === 'arm') return 'v7';
  return '';
}

/** The index entry for a platform: same os and architecture, and variant (named or defaulted). */
export function selectPlatform(manifests: Descriptor[], want: Platform): Descriptor | undefined {
  return manifests.find((m) => m.platform
    && m.platform.os === want.os && m.platform.architecture === want.architecture
    && variantOf(m.platform) === variantOf(want));
}
