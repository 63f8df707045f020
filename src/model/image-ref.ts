// Container image references, parsed once, as Docker and containerd read them: the grammar of
// github.com/distribution/reference (regexp.go) with Docker's normalisation (normalize.go,
// ParseNormalizedNamed): no registry means docker.io, a one-component Docker Hub path gets
// `library/`, and index.docker.io is docker.io.
//
//   reference  := name [ ":" tag ] [ "@" digest ]
//   name       := [ domain "/" ] path
//   domain     := host [ ":" port ]          host: a DNS name (upper case allowed), or an IPv6 address in brackets
//   path       := component ( "/" component )*   component: [a-z0-9]+ joined by ".", "_", "__" or "-"+
//   tag        := [\w][\w.-]{0,127}
//   digest     := algorithm ":" hex{32,}     e.g. sha256:…
//
// Which first component is the registry is Docker's rule, not the grammar's: the part before the
// first "/" is a registry when it contains "." or ":", is `localhost`, or has upper case (a path
// cannot). The tag is after the last ":" of the last path component; the digest after "@".
//
// parseImageRef never throws: a text that breaks the grammar is still split by these rules (so a
// control can judge what the kubelet would be asked to pull) and comes back with `valid: false`
// and the reason.

export interface ImageRef {
  /** The reference as written. */
  text: string;
  /** Whether the text follows the grammar; when false, `error` says why and the fields are a best-effort split. */
  valid: boolean;
  error?: string;
  /** Registry host as written (`docker.io` when the reference names none; index.docker.io is docker.io). IPv6 keeps its brackets. */
  registry: string;
  /** Registry port, when the reference names one (`localhost:5000/app` → 5000), as written. */
  port?: string;
  /** Repository path within the registry, normalised (`nginx` → `library/nginx` on Docker Hub). */
  repository: string;
  tag?: string;
  /** `algorithm:hex`, without the `@`. */
  digest?: string;
  /** The reference names no registry: Docker Hub is implied. */
  registryDefaulted: boolean;
  /** The reference has neither tag nor digest: `latest` is implied. */
  tagDefaulted: boolean;
  /** `registry[:port]/repository`, e.g. `docker.io/library/nginx`. */
  name: string;
  /** The fully normalised reference: `name[:tag][@digest]`, with `:latest` when the tag is defaulted. */
  normalized: string;
}

export const DEFAULT_REGISTRY = 'docker.io';
const LEGACY_DEFAULT_REGISTRY = 'index.docker.io';
const OFFICIAL_REPOSITORY_PREFIX = 'library/';
/** distribution/reference NameTotalLengthMax, counted on the normalised `registry/repository` as Docker does. */
const NAME_MAX = 255;

const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const PATH = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const DOMAIN_NAME_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = new RegExp(`^(?:${DOMAIN_NAME_COMPONENT}(?:\\.${DOMAIN_NAME_COMPONENT})*|\\[[a-fA-F0-9:]+\\])$`);
const PORT = /^[0-9]+$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** A bare 64-hex string is an image ID, which Docker refuses as a repository name. */
const IDENTIFIER = /^[a-f0-9]{64}$/;

/** Whether the first component of a name is a registry host (Docker's splitDockerDomain). */
function isRegistryComponent(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
}

export function parseImageRef(text: string): ImageRef {
  let name = text;
  let digest: string | undefined;
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
  }
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon >= 0 && colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const slash = name.indexOf('/');
  const registryDefaulted = slash < 0 || !isRegistryComponent(name.slice(0, slash));
  let domain = registryDefaulted ? DEFAULT_REGISTRY : name.slice(0, slash);
  const path = registryDefaulted ? name : name.slice(slash + 1);
  if (domain === LEGACY_DEFAULT_REGISTRY) domain = DEFAULT_REGISTRY;
  const repository = domain === DEFAULT_REGISTRY && !path.includes('/') ? OFFICIAL_REPOSITORY_PREFIX + path : path;
  const { host, port } = splitHostPort(domain);

  const fullName = `${domain}/${repository}`;
  const error = registryDefaulted ? undefined : domainError(host, port, domain);
  const problem = IDENTIFIER.test(text) ? 'a 64-character hexadecimal string is an image ID, not a repository name'
    : error
      ?? (path === '' ? 'the repository path is empty'
        : path !== path.toLowerCase() ? `the repository path "${path}" must be lower case`
          : !PATH.test(path) ? `the repository path "${path}" breaks the grammar`
            : fullName.length > NAME_MAX ? `the name is longer than ${NAME_MAX} characters`
              : tag !== undefined && !TAG.test(tag) ? `the tag "${tag}" breaks the grammar`
                : digest !== undefined && !DIGEST.test(digest) ? `the digest "${digest}" breaks the grammar`
                  : undefined);

  const tagDefaulted = tag === undefined && digest === undefined;
  const normalized = `${fullName}${tag !== undefined ? `:${tag}` : tagDefaulted ? ':latest' : ''}${digest !== undefined ? `@${digest}` : ''}`;
  return {
    text, valid: problem === undefined, ...(problem !== undefined ? { error: problem } : {}),
    registry: host, ...(port !== undefined ? { port } : {}), repository,
    ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}),
    registryDefaulted, tagDefaulted, name: fullName, normalized,
  };
}

function splitHostPort(domain: string): { host: string; port?: string } {
  const colon = domain.lastIndexOf(':');
  // `[::1]` alone: the colons are the address's
  if (colon < 0 || colon < domain.lastIndexOf(']')) return { host: domain };
  return { host: domain.slice(0, colon), port: domain.slice(colon + 1) };
}

function domainError(host: string, port: string | undefined, domain: string): string | undefined {
  if (!HOST.test(host)) return `the registry "${domain}" is not a host name or a bracketed IPv6 address`;
  if (port !== undefined && !PORT.test(port)) return `the registry port in "${domain}" is not a number`;
  return undefined;
}

/** The last component of the repository path: `registry.k8s.io/kube-apiserver-amd64:v1.30.0` → `kube-apiserver-amd64`. */
export function imageBaseName(ref: ImageRef): string {
  return ref.repository.slice(ref.repository.lastIndexOf('/') + 1);
}
