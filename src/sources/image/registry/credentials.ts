// Registry credentials, looked up as the docker CLI does (docker/cli cli/config/configfile/file.go
// GetCredentialsStore / GetAuthConfig, cli/config/credentials):
//   1. the username and password the caller passes for the registry named (--registry-username/-password);
//   2. `credHelpers[<host>]` in $DOCKER_CONFIG/config.json, else `credsStore`: the program
//      `docker-credential-<name> get`, the server address on stdin, JSON {Username, Secret} on stdout
//      (docker/docker-credential-helpers client/client.go); a helper that knows nothing exits non-zero;
//   3. `auths[<host>]`: `auth` is base64("user:password"), or `username`/`password`.
// `auths` keys are matched by host name as docker's ConvertToHostname does (a scheme and a path
// such as "https://index.docker.io/v1/" are dropped). Docker Hub's credentials are stored under
// "https://index.docker.io/v1/". Identity tokens (OAuth refresh tokens) are not used.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isRecord } from '../../../model/guards.js';
import { childProcess } from '../../child-process.js';

export interface Credentials { username: string; password: string }

export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';
const HELPER_TIMEOUT_MS = 10_000;
const HELPER_MAX_OUTPUT = 64 * 1024;
const CONFIG_MAX_BYTES = 1024 * 1024;

/** docker/cli ConvertToHostname: "https://host:5000/v1/" → "host:5000". */
export function convertToHostname(key: string): string {
  let s = key;
  if (s.startsWith('http://')) s = s.slice(7);
  else if (s.startsWith('https://')) s = s.slice(8);
  return s.split('/')[0]!;
}

function isDockerHub(host: string): boolean {
  return host === 'docker.io' || host === 'index.docker.io' || host === 'registry-1.docker.io';
}

export function defaultDockerConfigDir(): string {
  return process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
}

function readConfig(dir: string): Record<string, unknown> | undefined {
  const file = path.join(dir, 'config.json');
  let text: string;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(CONFIG_MAX_BYTES + 1);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      if (n > CONFIG_MAX_BYTES) throw new Error(`${file} is larger than ${CONFIG_MAX_BYTES} bytes`);
      text = buf.subarray(0, n).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    const doc: unknown = JSON.parse(text);
    return isRecord(doc) ? doc : undefined;
  } catch {
    throw new Error(`${file} is not JSON`);
  }
}

function fromAuths(auths: unknown, host: string): Credentials | undefined {
  if (!isRecord(auths)) return undefined;
  for (const [key, entry] of Object.entries(auths)) {
    const h = convertToHostname(key);
    if (!(h === host || (isDockerHub(host) && isDockerHub(h))) || !isRecord(entry)) continue;
    if (typeof entry.auth === 'string' && entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      // docker/cli decodeAuth: "user:password", split at the first ':'
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1).replace(/\0+$/, '') };
    }
    if (typeof entry.username === 'string' && typeof entry.password === 'string' && entry.username) {
      return { username: entry.username, password: entry.password };
    }
  }
  return undefined;
}

/** Runs `docker-credential-<helper> get` with the server address on stdin; undefined when it knows nothing. */
export function runHelper(helper: string, server: string, timeoutMs = HELPER_TIMEOUT_MS): Promise<Credentials | undefined> {
  if (!/^[A-Za-z0-9_.-]+$/.test(helper)) return Promise.reject(new Error(`credential helper name "${helper.slice(0, 60)}" is not a plain program name`));
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn(`docker-credential-${helper}`, ['get'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let failed: Error | undefined;
    const timer = setTimeout(() => {
      failed = new Error(`docker-credential-${helper} did not answer within ${timeoutMs} ms`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > HELPER_MAX_OUTPUT) {
        failed = new Error(`docker-credential-${helper} wrote more than ${HELPER_MAX_OUTPUT} bytes`);
        child.kill('SIGKILL');
        return;
      }
      chunks.push(c);
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run docker-credential-${helper}: ${(err as NodeJS.ErrnoException).code ?? err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failed) return reject(failed);
      // A helper that has nothing for the server exits non-zero ("credentials not found in native keychain").
      if (code !== 0) return resolve(undefined);
      let doc: unknown;
      try {
        doc = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reject(new Error(`docker-credential-${helper} did not answer with JSON`));
      }
      if (!isRecord(doc) || typeof doc.Username !== 'string' || typeof doc.Secret !== 'string' || doc.Username === '<token>') return resolve(undefined);
      resolve({ username: doc.Username, password: doc.Secret });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(server);
  });
}

/** Credentials for a registry host (`host[:port]`, docker.io for Docker Hub), or undefined for anonymous access. */
export async function lookupCredentials(host: string, dockerConfigDir: string): Promise<Credentials | undefined> {
  const config = readConfig(dockerConfigDir);
  if (!config) return undefined;
  const server = isDockerHub(host) ? DOCKER_HUB_AUTH_KEY : host;
  const helpers = isRecord(config.credHelpers) ? config.credHelpers : {};
  const helper = [server, host].map((k) => helpers[k]).find((h): h is string => typeof h === 'string' && h !== '')
    ?? (typeof config.credsStore === 'string' && config.credsStore ? config.credsStore : undefined);
  if (helper) {
    const found = await runHelper(helper, server);
    if (found) return found;
  }
  return fromAuths(config.auths, host);
}
