// Where the bytes of an image come from: a registry, an OCI image layout (a directory, or a tar
// of one), or a `docker save` archive. Each gives the top manifest (or index) and then manifests,
// configs and layers by descriptor, every one checked against its digest.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { isRecord } from '../../model/guards.js';
import { readBounded, sha256, verifyFile, Verifier, type BlobCache } from './cache.js';
import { ReadError } from './errors.js';
import { MAX_MANIFEST_BYTES, descriptor, type Descriptor } from './manifest.js';
import type { RegistryClient } from './registry/client.js';

export interface Root { body: Buffer; mediaType: string; digest: string }

export interface ImageBytes {
  /** The manifest or index the reference names. */
  root(): Promise<Root>;
  /** A manifest an index points at, whole and verified. */
  manifest(desc: Descriptor): Promise<Buffer>;
  /** A small blob (the config), whole and verified. */
  blob(desc: Descriptor, maxBytes: number): Promise<Buffer>;
  /** A layer, as a stream that fails at its end unless it has its digest. */
  layer(desc: Descriptor): Promise<Readable>;
}

/** `source.pipe(verifier)`, with the source's errors passed on (pipe alone drops them). */
function through(source: Readable, verifier: Verifier): Readable {
  source.on('error', (e) => verifier.destroy(e));
  return source.pipe(verifier);
}

function checked(body: Buffer, desc: Descriptor, what: string): Buffer {
  if (body.length !== desc.size) throw new ReadError(`${what} is ${body.length} bytes, not the ${desc.size} its descriptor says`);
  const digest = sha256(body);
  if (digest !== desc.digest) throw new ReadError(`${what} does not match its digest (expected ${desc.digest}, got ${digest})`);
  return body;
}

export function registryBytes(client: RegistryClient, reference: string, cache: BlobCache): ImageBytes {
  const cached = async (desc: Descriptor): Promise<void> => {
    if (!await cache.check(desc.digest, desc.size)) await cache.put(`blob ${desc.digest}`, await client.blob(desc), desc.digest, desc.size);
  };
  // cached, then opened; a copy removed between the two (`palisade cache prune --all` or
  // --max-size running beside this scan) is fetched once more
  const opened = async (desc: Descriptor, what: string): Promise<Readable> => {
    await cached(desc);
    try {
      return cache.open(desc.digest, what, desc.size);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await cached(desc);
      return cache.open(desc.digest, what, desc.size);
    }
  };
  return {
    root: () => client.manifest(reference),
    manifest: async (desc) => checked((await client.manifest(desc.digest)).body, desc, `manifest ${desc.digest}`),
    async blob(desc, maxBytes) {
      if (desc.size > maxBytes) throw new ReadError(`blob ${desc.digest} is ${desc.size} bytes, more than ${maxBytes}`);
      return readBounded(await opened(desc, `blob ${desc.digest}`), maxBytes, `blob ${desc.digest}`);
    },
    layer: (desc) => opened(desc, `layer ${desc.digest}`),
  };
}

/** Access to the files of an OCI image layout (image-layout.md), in a directory or in a cached archive. */
export interface LayoutFiles {
  where: string;
  read(name: string, maxBytes: number): Promise<Buffer | undefined>;
  /** A layer blob, checked whole against its digest first, then streamed (and hashed again). */
  open(name: string, desc: Descriptor): Promise<Readable | undefined>;
}

export function directoryFiles(dir: string): LayoutFiles {
  const full = (name: string): string => path.join(dir, ...name.split('/'));
  return {
    where: dir,
    async read(name, maxBytes) {
      let stream: fs.ReadStream;
      try {
        const st = fs.statSync(full(name));
        if (!st.isFile()) return undefined;
        if (st.size > maxBytes) throw new ReadError(`${full(name)} is larger than ${maxBytes} bytes`);
        stream = fs.createReadStream(full(name));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      return readBounded(stream, maxBytes, full(name));
    },
    async open(name, desc) {
      if (!fs.existsSync(full(name))) return undefined;
      await verifyFile(full(name), desc.digest, desc.size, full(name));
      return through(fs.createReadStream(full(name)), new Verifier(full(name), desc.digest, desc.size));
    },
  };
}

export function archiveFiles(file: string, small: Map<string, Buffer>, blobs: Map<string, string>, cache: BlobCache): LayoutFiles {
  return {
    where: file,
    async read(name, maxBytes) {
      const data = small.get(name);
      if (data) return data;
      const digest = blobs.get(name);
      if (!digest) return undefined;
      return readBounded(cache.open(digest, `${file}: ${name}`), maxBytes, `${file}: ${name}`);
    },
    async open(name, desc) {
      const digest = blobs.get(name);
      if (!digest) return undefined;
      if (small.has(name)) return undefined;
      // the archive's blob was hashed as it was cached: its name must be that digest
      if (digest !== desc.digest) throw new ReadError(`${file}: ${name} does not match its digest (expected ${desc.digest}, got ${digest})`);
      return through(cache.open(digest, `${file}: ${name}`), new Verifier(`${file}: ${name}`, desc.digest, desc.size));
    },
  };
}

const REF_NAME = 'org.opencontainers.image.ref.name';

/** An OCI image layout: index.json names the images; `name` picks one by its ref.name annotation (containers/image oci/layout). */
export async function layoutBytes(files: LayoutFiles, name: string | undefined): Promise<ImageBytes> {
  const layout = await files.read('oci-layout', 4096);
  if (!layout) throw new ReadError(`${files.where} is not an OCI image layout (no oci-layout file)`);
  const indexBody = await files.read('index.json', MAX_MANIFEST_BYTES);
  if (!indexBody) throw new ReadError(`${files.where} has no index.json`);
  let index: unknown;
  try {
    index = JSON.parse(indexBody.toString('utf8'));
  } catch {
    throw new ReadError(`${files.where}: index.json is not JSON`);
  }
  if (!isRecord(index) || !Array.isArray(index.manifests)) throw new ReadError(`${files.where}: index.json has no manifests`);
  const entries = index.manifests.map((m, i) => descriptor(m, `index.json entry ${i}`));
  let chosen: Descriptor | undefined;
  if (name !== undefined) {
    chosen = entries.find((d) => d.annotations?.[REF_NAME] === name);
    if (!chosen) {
      const names = entries.map((d) => d.annotations?.[REF_NAME]).filter(Boolean);
      throw new ReadError(`${files.where} has no image named "${name}"${names.length ? ` (it has ${names.join(', ')})` : ''}`);
    }
  } else if (entries.length === 1) {
    chosen = entries[0];
  } else {
    throw new ReadError(`${files.where} holds ${entries.length} images: name one (${files.where}:NAME)`);
  }
  const blobName = (desc: Descriptor): string => `blobs/sha256/${desc.digest.slice('sha256:'.length)}`;
  const whole = async (desc: Descriptor, maxBytes: number, what: string): Promise<Buffer> => {
    if (desc.size > maxBytes) throw new ReadError(`${what} is ${desc.size} bytes, more than ${maxBytes}`);
    const body = await files.read(blobName(desc), maxBytes);
    if (!body) throw new ReadError(`${files.where} has no blob ${desc.digest}`);
    return checked(body, desc, `${what} ${desc.digest}`);
  };
  return {
    async root() {
      const body = await whole(chosen!, MAX_MANIFEST_BYTES, 'manifest');
      return { body, mediaType: chosen!.mediaType, digest: chosen!.digest };
    },
    manifest: (desc) => whole(desc, MAX_MANIFEST_BYTES, 'manifest'),
    blob: (desc, maxBytes) => whole(desc, maxBytes, 'blob'),
    async layer(desc) {
      const s = await files.open(blobName(desc), desc);
      if (!s) throw new ReadError(`${files.where} has no layer ${desc.digest}`);
      return s;
    },
  };
}
