// Where an image comes from, with skopeo's transport names (containers/image, transports/alltransports):
//   docker-archive:PATH[:REF|:@INDEX]   a `docker save` tar (docker/archive/transport.go ParseReference
//                                       splits at the first ':' after the transport, so PATH holds none)
//   oci:DIR[:REF]                       an OCI image layout directory (oci/layout/oci_transport.go,
//                                       oci/internal/oci_util.go SplitPathAndImage: first ':' on Unix)
//   oci-archive:PATH[:REF]              a tar of an OCI image layout (oci/archive/oci_transport.go)
//   docker://REF or REF                 a registry (src/model/image-ref.ts)
import { parseImageRef, type ImageRef } from '../../model/image-ref.js';
import { ReadError } from './errors.js';

export type Transport =
  | { kind: 'registry'; ref: ImageRef }
  | { kind: 'docker-archive'; path: string; name?: string; index?: number }
  | { kind: 'oci'; path: string; name?: string }
  | { kind: 'oci-archive'; path: string; name?: string };

function splitFirst(rest: string): [string, string | undefined] {
  const colon = rest.indexOf(':');
  return colon < 0 ? [rest, undefined] : [rest.slice(0, colon), rest.slice(colon + 1)];
}

export function parseTransport(text: string): Transport {
  const [scheme, rest] = splitFirst(text);
  switch (scheme) {
    case 'docker-archive': {
      const [path, sel] = splitFirst(rest ?? '');
      if (path === '') throw new ReadError('docker-archive: needs a path');
      if (sel === undefined || sel === '') return { kind: 'docker-archive', path };
      if (sel.startsWith('@')) {
        // skopeo: "@N" is the N-th image of the archive's manifest.json, from 0
        if (!/^\d+$/.test(sel.slice(1))) throw new ReadError(`docker-archive: "${sel}" is not @ and an image index`);
        return { kind: 'docker-archive', path, index: Number(sel.slice(1)) };
      }
      return { kind: 'docker-archive', path, name: sel };
    }
    case 'oci':
    case 'oci-archive': {
      const [path, name] = splitFirst(rest ?? '');
      if (path === '') throw new ReadError(`${scheme}: needs a path`);
      return { kind: scheme, path, ...(name ? { name } : {}) };
    }
    case 'docker':
      // skopeo writes registry references as docker://REF
      if (rest?.startsWith('//')) return registry(rest.slice(2));
      return registry(text);
    default:
      return registry(text);
  }
}

function registry(text: string): Transport {
  const ref = parseImageRef(text);
  if (!ref.valid) throw new ReadError(`not an image reference: ${ref.error}`);
  return { kind: 'registry', ref };
}

/** Why a text cannot be read as an image (for checking --image before anything is read), or undefined. */
export function imageRefProblem(ref: string): string | undefined {
  try {
    parseTransport(ref);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
