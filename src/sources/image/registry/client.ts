// A client for the OCI distribution API (opencontainers/distribution-spec spec.md): manifests by
// tag or digest, blobs by digest, with the registry token dance (distribution docs/spec/auth/token.md):
// a 401 with `WWW-Authenticate: Bearer realm,service,scope` → GET realm?service&scope (with Basic
// credentials when there are some) → {token | access_token} → the request again with
// `Authorization: Bearer <token>`; a `Basic` challenge is answered with the credentials.
// HTTPS always; plain HTTP only for a registry the caller calls insecure, and for loopback hosts
// (as dockerd treats 127.0.0.0/8): those are tried over HTTPS first, then HTTP (docker's
// fallback for insecure registries). Blob redirects are followed (at most 5), without the
// Authorization header once the host changes (a presigned storage URL must not see the token).
import { Readable, Transform } from 'node:stream';
import type { ImageRef } from '../../../model/image-ref.js';
import { isRecord } from '../../../model/guards.js';
import { readBounded, sha256 } from '../cache.js';
import { ReadError } from '../errors.js';
import { MANIFEST_ACCEPT, MAX_MANIFEST_BYTES, type Descriptor } from '../manifest.js';
import { parseChallenges } from './challenge.js';
import type { Credentials } from './credentials.js';

const MAX_REDIRECTS = 5;
const MAX_TOKEN_BYTES = 1024 * 1024;
const MAX_ERROR_BYTES = 64 * 1024;

export interface ClientOptions {
  credentials?: Credentials;
  /** Hosts (`host` or `host:port`) that may be reached over plain HTTP. */
  insecureRegistries: string[];
  timeoutMs: number;
  signal?: AbortSignal;
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The host the API is served from: Docker Hub's is registry-1.docker.io (docker/docker registry/config.go). */
export function apiHost(ref: ImageRef): string {
  const host = ref.registry === 'docker.io' ? 'registry-1.docker.io' : ref.registry;
  return ref.port ? `${host}:${ref.port}` : host;
}

function hostOf(url: URL): string {
  return url.host;
}

export class RegistryClient {
  private base: string | undefined;
  private auth: string | undefined;
  readonly host: string;

  constructor(private readonly ref: ImageRef, private readonly opts: ClientOptions) {
    this.host = apiHost(ref);
  }

  private insecureAllowed(host: string): boolean {
    const name = host.replace(/:\d+$/, '');
    return isLoopback(name) || this.opts.insecureRegistries.some((h) => h === host || h === name);
  }

  /** fetch with the caller's signal and a timeout until the response headers arrive. */
  private async send(url: string, headers: Record<string, string>): Promise<Response> {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(new ReadError(`no response from ${new URL(url).host} within ${this.opts.timeoutMs} ms`)), this.opts.timeoutMs);
    const onAbort = (): void => ctl.abort(this.opts.signal?.reason);
    this.opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await fetch(url, { headers, redirect: 'manual', signal: ctl.signal });
    } catch (err) {
      if (ctl.signal.aborted && ctl.signal.reason instanceof ReadError) throw ctl.signal.reason;
      this.opts.signal?.throwIfAborted();
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new ReadError(`cannot reach ${new URL(url).host}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Chooses https or (insecure hosts only) http with a GET /v2/, whose 401 also tells how to authenticate. */
  private async origin(): Promise<string> {
    if (this.base) return this.base;
    try {
      await this.send(`https://${this.host}/v2/`, {}).then((r) => r.body?.cancel());
      this.base = `https://${this.host}`;
    } catch (err) {
      if (!this.insecureAllowed(this.host) || this.opts.signal?.aborted) throw err;
      this.base = `http://${this.host}`;
    }
    return this.base;
  }

  private async authenticate(res: Response): Promise<void> {
    const challenges = parseChallenges(res.headers.get('www-authenticate') ?? '');
    const creds = this.opts.credentials;
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer) {
      this.auth = `Bearer ${await this.token(bearer.params)}`;
      return;
    }
    if (challenges.some((c) => c.scheme === 'basic')) {
      if (!creds) throw new ReadError(`${this.host} asks for a username and password (none given or found in the docker config)`);
      this.auth = basic(creds);
      return;
    }
    throw new ReadError(`${this.host} refused access (401) without a Basic or Bearer challenge`);
  }

  private async token(params: Record<string, string>): Promise<string> {
    const realm = params.realm;
    let url: URL;
    try {
      url = new URL(realm ?? '');
    } catch {
      throw new ReadError(`${this.host}'s token realm "${(realm ?? '').slice(0, 100)}" is not a URL`);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.insecureAllowed(hostOf(url)))) {
      throw new ReadError(`${this.host}'s token realm ${url.origin} is not HTTPS (add its host to the insecure registries to allow it)`);
    }
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? `repository:${this.ref.repository}:pull`);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.opts.credentials) headers.Authorization = basic(this.opts.credentials);
    const res = await this.send(url.toString(), headers);
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new ReadError(`the token server ${url.host} refused ${this.opts.credentials ? 'the credentials' : 'anonymous access'} (${res.status})`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new ReadError(`the token server ${url.host} answered ${res.status}`);
    }
    let doc: unknown;
    try {
      doc = JSON.parse((await readBounded(bodyOf(res), MAX_TOKEN_BYTES, 'the token response')).toString('utf8'));
    } catch (err) {
      if (err instanceof ReadError) throw err;
      throw new ReadError(`the token server ${url.host} did not answer with JSON`);
    }
    const token = isRecord(doc) ? (typeof doc.token === 'string' && doc.token ? doc.token : doc.access_token) : undefined;
    if (typeof token !== 'string' || !token) throw new ReadError(`the token server ${url.host} gave no token`);
    return token;
  }

  /** A GET on the API, authenticating once on 401, following redirects (for blobs). */
  private async get(path: string, accept: string | undefined, what: string): Promise<Response> {
    const base = await this.origin();
    for (let attempt = 0; ; attempt++) {
      let url = new URL(`${base}${path}`);
      let res: Response;
      for (let hop = 0; ; hop++) {
        const headers: Record<string, string> = {};
        if (accept) headers.Accept = accept;
        if (this.auth && hostOf(url) === this.host) headers.Authorization = this.auth;
        res = await this.send(url.toString(), headers);
        if (![301, 302, 303, 307, 308].includes(res.status)) break;
        await res.body?.cancel();
        const location = res.headers.get('location');
        if (!location || hop >= MAX_REDIRECTS) throw new ReadError(`${what}: too many or empty redirects`);
        const next = new URL(location, url);
        if (next.protocol !== 'https:' && !(next.protocol === 'http:' && (url.protocol === 'http:' || this.insecureAllowed(hostOf(next))))) {
          throw new ReadError(`${what}: redirected to ${next.protocol}//${next.host}, which is not HTTPS`);
        }
        url = next;
      }
      if (res.status === 401 && attempt === 0) {
        await this.authenticate(res);
        await res.body?.cancel();
        continue;
      }
      if (res.ok) return res;
      throw new ReadError(`${what}: ${this.redact(await describe(res))}`);
    }
  }

  /**
   * Text a registry wrote, made safe to print: without the credentials or the token this client
   * holds (a hostile registry could echo them back) and without control characters.
   */
  private redact(text: string): string {
    const secrets = [this.opts.credentials?.password, this.opts.credentials ? basic(this.opts.credentials).slice(6) : undefined, this.auth?.replace(/^\S+ /, '')]
      .filter((x): x is string => !!x && x.length >= 3);
    let out = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
    for (const secret of secrets) out = out.split(secret).join('***');
    return out;
  }

  /** A manifest or index by tag or digest, read whole (≤ 4 MiB) and checked against the digest asked for or announced. */
  async manifest(reference: string): Promise<{ body: Buffer; mediaType: string; digest: string }> {
    const what = `manifest ${reference}`;
    const res = await this.get(`/v2/${this.ref.repository}/manifests/${reference}`, MANIFEST_ACCEPT, what);
    const length = Number(res.headers.get('content-length') ?? '0');
    if (length > MAX_MANIFEST_BYTES) {
      await res.body?.cancel();
      throw new ReadError(`${what} is larger than ${MAX_MANIFEST_BYTES} bytes`);
    }
    const body = await readBounded(stallGuard(bodyOf(res), this.opts.timeoutMs, what), MAX_MANIFEST_BYTES, what);
    const digest = sha256(body);
    const expected = reference.includes(':') ? reference : res.headers.get('docker-content-digest') ?? undefined;
    if (expected && expected.startsWith('sha256:') && expected !== digest) {
      throw new ReadError(`${what} does not match its digest (expected ${expected}, got ${digest})`);
    }
    return { body, mediaType: res.headers.get('content-type') ?? '', digest };
  }

  /** A blob as a stream (the caller verifies it while storing it); refused early when it announces more bytes than its descriptor. */
  async blob(desc: Descriptor): Promise<Readable> {
    const what = `blob ${desc.digest}`;
    const res = await this.get(`/v2/${this.ref.repository}/blobs/${desc.digest}`, undefined, what);
    const length = res.headers.get('content-length');
    if (length !== null && Number(length) > desc.size) {
      await res.body?.cancel();
      throw new ReadError(`${what} is ${length} bytes, more than the ${desc.size} its descriptor says`);
    }
    return stallGuard(bodyOf(res), this.opts.timeoutMs, what);
  }
}

function basic(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

/**
 * The body, failed with a ReadError when the registry sends nothing for `ms` (a registry that
 * stalls after its headers would otherwise hold the scan for ever). The clock restarts with each
 * chunk passed on, so a slow but moving download is not cut.
 */
function stallGuard(body: Readable, ms: number, what: string): Readable {
  let timer: NodeJS.Timeout | undefined;
  const out = new Transform({
    transform(chunk, _enc, done) {
      arm();
      done(null, chunk);
    },
    flush(done) {
      clearTimeout(timer);
      done();
    },
  });
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const err = new ReadError(`${what}: the registry sent nothing for ${ms} ms`);
      body.destroy(err);
      out.destroy(err);
    }, ms);
    timer.unref?.();
  };
  arm();
  out.on('close', () => clearTimeout(timer));
  body.on('error', (err) => out.destroy(err));
  body.pipe(out);
  return out;
}

function bodyOf(res: Response): Readable {
  if (!res.body) return Readable.from([]);
  return Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
}

/** A failed response in words: its status and the registry's own error codes (distribution-spec "Error Codes"), never its headers. */
async function describe(res: Response): Promise<string> {
  let detail = '';
  try {
    const doc: unknown = JSON.parse((await readBounded(bodyOf(res), MAX_ERROR_BYTES, 'the error')).toString('utf8'));
    if (isRecord(doc) && Array.isArray(doc.errors)) {
      detail = doc.errors.filter(isRecord)
        .map((e) => [e.code, e.message].filter((x) => typeof x === 'string' && x).join(': ').slice(0, 200)).filter(Boolean).join('; ');
    }
  } catch {
    // not JSON: the status says enough
  }
  const status = res.status === 401 ? '401 unauthorized (the credentials were refused or are missing)'
    : res.status === 403 ? '403 forbidden' : res.status === 404 ? '404 not found' : `${res.status} ${res.statusText}`;
  return detail ? `${status} (${detail})` : status;
}
