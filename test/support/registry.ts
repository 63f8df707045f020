// Starts Debian's docker-registry (the CNCF distribution registry) on loopback for the tests, with
// filesystem storage in a temporary directory: anonymous, with htpasswd (bcrypt, made with
// apache2-utils' htpasswd) or with token authentication, where a small token server in this
// process checks Basic credentials and signs RS256 JWTs with an x5c chain the registry trusts
// (distribution registry/auth/token: issuer, service, rootcertbundle; docs/spec/auth/jwt.md).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { run } from './image-build.js';

const execFileAsync = promisify(execFile);

export interface Registry {
  /** `127.0.0.1:PORT` */
  host: string;
  stop(): Promise<void>;
  /** Token requests the token server received (with whether they carried valid credentials). */
  tokenRequests: Array<{ scope: string | null; service: string | null; authorized: boolean }>;
}

export type RegistryAuth =
  | { kind: 'none' }
  | { kind: 'htpasswd'; username: string; password: string }
  | { kind: 'token'; username: string; password: string };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(host: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited (${child.exitCode}): ${fs.readFileSync(log, 'utf8').slice(-2000)}`);
    try {
      const res = await fetch(`http://${host}/v2/`);
      await res.body?.cancel();
      if (res.status === 200 || res.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`docker-registry did not start on ${host}: ${fs.readFileSync(log, 'utf8').slice(-2000)}`);
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** A token server for the registry's token auth: Basic credentials must match; the token grants what was asked. */
function tokenServer(dir: string, username: string, password: string, service: string, issuer: string, requests: Registry['tokenRequests']): Promise<{ server: http.Server; port: number; certFile: string }> {
  const keyFile = path.join(dir, 'token.key');
  const certFile = path.join(dir, 'token.crt');
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=palisade-test-token-issuer']);
  const key = crypto.createPrivateKey(fs.readFileSync(keyFile));
  const der = new crypto.X509Certificate(fs.readFileSync(certFile)).raw;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const auth = req.headers.authorization ?? '';
    const authorized = auth === `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    requests.push({ scope: url.searchParams.get('scope'), service: url.searchParams.get('service'), authorized });
    if (url.pathname !== '/token' || !authorized) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
      return;
    }
    const access = url.searchParams.getAll('scope').map((s) => {
      const [type, name, actions] = s.split(':');
      return { type, name, actions: (actions ?? '').split(',') };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [der.toString('base64')] };
    const claims = { iss: issuer, sub: username, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: crypto.randomUUID(), access };
    const signing = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = crypto.sign('sha256', Buffer.from(signing), key);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `${signing}.${b64url(signature)}`, expires_in: 300 }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as net.AddressInfo).port, certFile })));
}

export async function startRegistry(dir: string, auth: RegistryAuth): Promise<Registry> {
  fs.mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const tokenRequests: Registry['tokenRequests'] = [];
  let token: http.Server | undefined;
  let authConfig = '';
  if (auth.kind === 'htpasswd') {
    const line = run('htpasswd', ['-Bbn', auth.username, auth.password]).trim();
    fs.writeFileSync(path.join(dir, 'htpasswd'), `${line}\n`);
    authConfig = `auth:\n  htpasswd:\n    realm: palisade-test\n    path: ${path.join(dir, 'htpasswd')}\n`;
  } else if (auth.kind === 'token') {
    const t = await tokenServer(dir, auth.username, auth.password, 'palisade-test-registry', 'palisade-test-issuer', tokenRequests);
    token = t.server;
    authConfig = `auth:\n  token:\n    realm: http://127.0.0.1:${t.port}/token\n    service: palisade-test-registry\n    issuer: palisade-test-issuer\n    rootcertbundle: ${t.certFile}\n`;
  }
  const config = path.join(dir, 'config.yml');
  fs.writeFileSync(config, `version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: ${path.join(dir, 'data')}
http:
  addr: ${host}
${authConfig}`);
  const log = path.join(dir, 'registry.log');
  const out = fs.openSync(log, 'w');
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', out, out], env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' } });
  fs.closeSync(out);
  try {
    await waitReady(host, child, log);
  } catch (err) {
    child.kill('SIGKILL');
    token?.close();
    throw err;
  }
  return {
    host,
    tokenRequests,
    async stop() {
      token?.close();
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      });
    },
  };
}

/**
 * Pushes an image (skopeo's transport syntax) to the registry over plain HTTP. Asynchronous: the
 * token server answers from this process while skopeo runs.
 */
export async function push(source: string, registry: Registry, repo: string, creds?: { username: string; password: string }, all = false): Promise<void> {
  const args = ['copy', '--quiet', ...(all ? ['--all'] : []), '--dest-tls-verify=false', ...(creds ? ['--dest-creds', `${creds.username}:${creds.password}`] : []),
    source, `docker://${registry.host}/${repo}`];
  try {
    await execFileAsync('skopeo', args, { timeout: 120_000 });
  } catch (err) {
    throw new Error(`skopeo copy ${source} to ${registry.host}/${repo} failed: ${(err as { stderr?: string }).stderr ?? (err as Error).message}`);
  }
}
