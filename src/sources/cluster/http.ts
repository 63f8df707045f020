// GET requests to the API server with Node's https module: one keep-alive agent, at most
// `concurrency` requests in flight, every body read under a byte cap and every request under a
// timeout. Retries follow client-go's: 429 waits for Retry-After, 5xx is retried with exponential
// backoff, a connection reset on a reused keep-alive socket is retried. 401 and connection
// failures end the scan (thrown); 403, 404 and the rest are results, so the caller goes on.
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { VERSION } from '../../version.js';
import { BodyTooLarge, readBody } from './body.js';
import { ClusterError, Unauthorized, Unreachable, safeLine, showServer } from './errors.js';
import type { ClusterConfig } from './kubeconfig.js';
import { Limiter } from './limiter.js';

export interface HttpOptions {
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Per request, from sending it to the last byte of the body (default 30 s). */
  timeoutMs?: number;
  /** Largest response body read, per page of a list (default 256 MiB). */
  maxBodyBytes?: number;
  /** Longest wait a 429's Retry-After can impose, in seconds (default 10). */
  maxRetryAfterSeconds?: number;
  /** First backoff after a 5xx or a reset connection, doubled each time (default 500 ms). */
  backoffMs?: number;
}

export type FailureStatus = number | 'timeout' | 'too-large' | 'invalid';
export interface Failure { ok: false; status: FailureStatus; reason: string }
export type GetResult<T> = { ok: true; body: T } | Failure;

export const DEFAULTS = { concurrency: 8, timeoutMs: 30_000, maxBodyBytes: 256 * 1024 * 1024, maxRetryAfterSeconds: 10, backoffMs: 500 };
/** Tries in all for a 5xx or a reset connection (client-go retries a few times too). */
const SERVER_ERROR_TRIES = 3;
const THROTTLED_TRIES = 5;
/** Error bodies are Status objects: a few hundred bytes. */
const ERROR_BODY_LIMIT = 64 * 1024;
/** A reused keep-alive socket the server closed meanwhile: safe to retry a GET. */
const TRANSIENT = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

interface Raw { status: number; headers: IncomingHttpHeaders; body: Buffer }
class Timeout extends Error {}

export class ApiClient {
  private readonly limiter: Limiter;
  private readonly o: typeof DEFAULTS;
  private readonly url: URL;

  private constructor(private readonly config: ClusterConfig, private readonly agent: https.Agent, options: HttpOptions) {
    this.o = { ...DEFAULTS, ...definedOnly(options) };
    this.limiter = new Limiter(this.o.concurrency);
    this.url = new URL(config.server);
  }

  static async connect(config: ClusterConfig, options: HttpOptions = {}): Promise<ApiClient> {
    const agent = await config.createAgent(options.concurrency ?? DEFAULTS.concurrency);
    return new ApiClient(config, agent, options);
  }

  private closed = false;

  /** Ends the keep-alive connections; requests still queued (after a 401 ended the scan) fail at once. */
  close(): void {
    this.closed = true;
    this.agent.destroy();
  }

  /** GETs a path of the API (`/api/v1/pods?limit=500`) and parses the JSON it returns. */
  async getJson<T>(apiPath: string, options: { accept?: string } = {}): Promise<GetResult<T>> {
    for (let attempt = 1; ; attempt++) {
      let raw: Raw;
      try {
        raw = await this.limiter.run(() => this.once(apiPath, options.accept ?? 'application/json'));
      } catch (e) {
        if (e instanceof Timeout) return { ok: false, status: 'timeout', reason: `no complete answer within ${this.o.timeoutMs / 1000} s` };
        if (e instanceof BodyTooLarge) return { ok: false, status: 'too-large', reason: `${e.message} (the limit per page)` };
        const code = (e as NodeJS.ErrnoException).code;
        if (code && TRANSIENT.has(code) && attempt < SERVER_ERROR_TRIES) {
          await sleep(this.o.backoffMs * 2 ** (attempt - 1));
          continue;
        }
        if (e instanceof ClusterError) throw e; // the credentials plugin failed
        throw new Unreachable(`cannot reach the API server ${showServer(this.config.server)} (context "${this.config.context}"): ${networkReason(e)}`);
      }
      const { status } = raw;
      if (status >= 200 && status < 300) {
        try {
          return { ok: true, body: JSON.parse(raw.body.toString('utf8')) as T };
        } catch {
          return { ok: false, status: 'invalid', reason: 'the response is not JSON' };
        }
      }
      if (status === 401) {
        throw new Unauthorized(`the API server ${showServer(this.config.server)} rejected the credentials of context "${this.config.context}" (401 Unauthorized)`);
      }
      if (status === 429 && attempt < THROTTLED_TRIES) {
        await sleep(retryAfterMs(raw.headers['retry-after'], this.o.maxRetryAfterSeconds) ?? this.o.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      if (status >= 500 && attempt < SERVER_ERROR_TRIES) {
        await sleep(this.o.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      return { ok: false, status, reason: statusReason(status, raw.body, attempt) };
    }
  }

  private async once(apiPath: string, accept: string): Promise<Raw> {
    if (this.closed) throw new ClusterError('the API client is closed');
    const auth: https.RequestOptions = { headers: {} };
    await this.config.authenticate(auth);
    const headers = { ...auth.headers, accept, 'user-agent': `palisade/${VERSION}` };
    const timeoutMs = this.o.timeoutMs;
    const limit = this.o.maxBodyBytes;
    return new Promise<Raw>((resolve, reject) => {
      let done = false;
      const finish = (f: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        f();
      };
      const req = https.request({
        host: this.url.hostname.replace(/^\[|\]$/g, ''), port: this.url.port || 443,
        path: this.url.pathname.replace(/\/+$/, '') + apiPath,
        method: 'GET', headers, auth: auth.auth, agent: this.agent,
      }, (res) => {
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        readBody(res, ok ? limit : ERROR_BODY_LIMIT).then(
          (body) => finish(() => resolve({ status, headers: res.headers, body })),
          // an oversized error body only loses its reason
          (e) => finish(() => (!ok && e instanceof BodyTooLarge ? resolve({ status, headers: res.headers, body: Buffer.alloc(0) }) : reject(e))),
        );
      });
      const timer = setTimeout(() => finish(() => {
        req.destroy();
        reject(new Timeout());
      }), timeoutMs);
      req.on('error', (e) => finish(() => reject(e)));
      req.end();
    });
  }
}

/** Retry-After in seconds (RFC 9110 also allows a date; the API server sends seconds), capped. */
function retryAfterMs(header: string | undefined, capSeconds: number): number | undefined {
  if (header === undefined || !/^\d+$/.test(header.trim())) return undefined;
  return Math.min(Number(header), capSeconds) * 1000;
}

/** `403 Forbidden: pods is forbidden: User "x" cannot list resource "pods" …` from the Status body. */
function statusReason(status: number, body: Buffer, attempts: number): string {
  let message = '';
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { kind?: string; message?: unknown };
    if (parsed?.kind === 'Status' && typeof parsed.message === 'string') message = safeLine(parsed.message);
  } catch {
    // not a Status: the status code says enough
  }
  const tries = attempts > 1 ? ` after ${attempts} tries` : '';
  return `${status} ${STATUS_TEXT[status] ?? 'error'}${tries}${message ? `: ${message}` : ''}`;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  410: 'Gone', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function networkReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const code = err?.code;
  const message = safeLine(err?.message ?? String(e));
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

function definedOnly(o: HttpOptions): Partial<typeof DEFAULTS> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<typeof DEFAULTS>;
}
