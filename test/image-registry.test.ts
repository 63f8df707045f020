// readImage against Debian's docker-registry started on loopback (test/support/registry.ts):
// anonymous, htpasswd (Basic) and token (the Bearer dance against a token server that signs JWTs),
// with images built by umoci and pushed by skopeo; credentials from options, docker config auths
// and a credential helper; blob redirects to another host; the blob cache.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ImageError, readImage, type ReadImageOptions } from '../src/sources/image/index.js';
import { buildFixtureImages, type FixtureImages } from './support/image-build.js';
import { ALPINE_EXPECTED, debianExpected, summary } from './support/image-build-expect.js';
import { push, startRegistry, type Registry } from './support/registry.js';

const USER = 'alice';
const PASSWORD = 'pa55-Wörd:with-colon';
const creds = { username: USER, password: PASSWORD };
let work: string;
let fx: FixtureImages;
let anon: Registry;
let basic: Registry;
let token: Registry;
let noDocker: string;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-image-registry-'));
  noDocker = path.join(work, 'no-docker');
  fx = buildFixtureImages(work);
  [anon, basic, token] = await Promise.all([
    startRegistry(path.join(work, 'reg-anon'), { kind: 'none' }),
    startRegistry(path.join(work, 'reg-basic'), { kind: 'htpasswd', ...creds }),
    startRegistry(path.join(work, 'reg-token'), { kind: 'token', ...creds }),
  ]);
  await Promise.all([
    push(`oci:${fx.layout}:debian`, anon, 'test/app:1'),
    push(`oci:${fx.layout}:multi`, anon, 'test/multi:1', undefined, true),
    push(`oci:${fx.layout}:debian`, basic, 'test/app:1', creds),
    push(`oci:${fx.layout}:debian`, token, 'test/app:1', creds),
  ]);
});
after(async () => {
  await Promise.all([anon, basic, token].filter(Boolean).map((r) => r.stop()));
  fs.rmSync(work, { recursive: true, force: true });
});

let caches = 0;
const freshCache = (): string => path.join(work, `cache-${caches++}`, 'blobs');
const read = (ref: string, extra: ReadImageOptions = {}) => readImage(ref, { cacheDir: freshCache(), dockerConfigDir: noDocker, timeoutMs: 10_000, ...extra });

async function rejects(ref: string, pattern: RegExp, extra: ReadImageOptions = {}): Promise<string> {
  const err = await read(ref, extra).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ImageError, `expected an ImageError, got ${String(err)}`);
  assert.match(err.message, pattern);
  assert.ok(!err.message.includes(PASSWORD) && !err.message.includes(Buffer.from(`${USER}:${PASSWORD}`).toString('base64')), 'no credential in the message');
  return err.message;
}

describe('anonymous registry', () => {
  it('reads an image by tag and by digest, with the manifest digest it was read at', async () => {
    const img = await read(`${anon.host}/test/app:1`);
    assert.deepEqual(summary(img), debianExpected(fx.goVersion));
    assert.match(img.digest ?? '', /^sha256:[a-f0-9]{64}$/);
    assert.equal(img.ref, `${anon.host}/test/app:1`);
    const byDigest = await read(`${anon.host}/test/app@${img.digest}`);
    assert.deepEqual(summary(byDigest), debianExpected(fx.goVersion));
    assert.equal(byDigest.digest, img.digest);
  });

  it('picks the platform of a multi-arch index', async () => {
    const amd = await read(`${anon.host}/test/multi:1`);
    assert.deepEqual(summary(amd), debianExpected(fx.goVersion));
    const arm = await read(`${anon.host}/test/multi:1`, { platform: 'linux/arm64' });
    assert.deepEqual(summary(arm), ALPINE_EXPECTED);
    assert.equal(arm.os?.id, 'alpine');
    const libcrypto = arm.packages.find((p) => p.name === 'libcrypto3')!;
    assert.equal(libcrypto.sourceName, 'openssl');
    assert.equal(libcrypto.purl, 'pkg:apk/alpine/libcrypto3@3.3.0-r2?arch=x86_64&distro=alpine-3.20.3&upstream=openssl');
    await rejects(`${anon.host}/test/multi:1`, /no windows\/amd64 image in the index \(it has linux\/amd64, linux\/arm64\/v8\)/, { platform: 'windows/amd64' });
  });

  it('says what is missing: an unknown tag, repository or digest', async () => {
    await rejects(`${anon.host}/test/app:nope`, /manifest nope: 404 not found \(MANIFEST_UNKNOWN/);
    await rejects(`${anon.host}/test/none:1`, /manifest 1: 404 not found/);
    await rejects(`${anon.host}/test/app@sha256:${'a'.repeat(64)}`, /404 not found/);
  });

  it('caches blobs by digest, checks them before use, and fetches again a cached copy that was changed', async () => {
    const cacheDir = freshCache();
    const img = await readImage(`${anon.host}/test/app:1`, { cacheDir, dockerConfigDir: noDocker });
    for (const l of img.layers) assert.ok(fs.statSync(path.join(cacheDir, 'sha256', l.digest.slice(7))).isFile());
    assert.deepEqual(fs.readdirSync(path.join(cacheDir, 'sha256')).filter((f) => f.startsWith('.tmp')), [], 'no temporary file left');
    const cached = path.join(cacheDir, 'sha256', img.layers[0]!.digest.slice(7));
    const again = (): Promise<unknown> => readImage(`${anon.host}/test/app:1`, { cacheDir, dockerConfigDir: noDocker }).then((i) => summary(i), (e: Error) => e);
    const hash = (): string => `sha256:${crypto.createHash('sha256').update(fs.readFileSync(cached)).digest('hex')}`;
    const bytes = fs.readFileSync(cached);
    bytes[100] ^= 0xff;
    fs.writeFileSync(cached, bytes);
    assert.deepEqual(await again(), debianExpected(fx.goVersion), 'a changed copy is fetched again');
    assert.equal(hash(), img.layers[0]!.digest);
    fs.appendFileSync(cached, 'longer');
    assert.deepEqual(await again(), debianExpected(fx.goVersion), 'a longer copy too');
    assert.equal(hash(), img.layers[0]!.digest);
  });

  it('stops at the timeout when the registry does not answer, and when cancelled', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      await rejects(`127.0.0.1:${port}/x/y:1`, /no response from 127\.0\.0\.1:\d+ within 300 ms/, { timeoutMs: 300 });
      const ctl = new AbortController();
      setTimeout(() => ctl.abort(), 100);
      await rejects(`127.0.0.1:${port}/x/y:1`, /reading was cancelled/, { signal: ctl.signal });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('a registry that stalls after its headers', () => {
  it('is cut after the timeout with no data, in a manifest and in a blob, naming what it was reading', async () => {
    // answers /v2/ and then sends the headers and the first bytes of the manifest, or a correct
    // manifest whose config blob never finishes
    const config = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');
    const configDigest = `sha256:${crypto.createHash('sha256').update(config).digest('hex')}`;
    const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length }, layers: [] }));
    const server = http.createServer((req, res) => {
      if (req.url === '/v2/') return res.end('{}');
      if (req.url?.includes('/manifests/stall')) {
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': String(manifest.length) });
        res.write(manifest.subarray(0, 10)); // and nothing more
        return;
      }
      if (req.url?.includes('/manifests/')) {
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
        return res.end(manifest);
      }
      res.writeHead(200, { 'content-length': String(config.length) });
      res.write(config.subarray(0, 5)); // a blob that stops
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const t0 = Date.now();
      await rejects(`127.0.0.1:${port}/x/y:stall`, /manifest stall: the registry sent nothing for 400 ms/, { timeoutMs: 400 });
      await rejects(`127.0.0.1:${port}/x/y:1`, new RegExp(`blob ${configDigest}: the registry sent nothing for 400 ms`), { timeoutMs: 400 });
      assert.ok(Date.now() - t0 < 10_000, 'both gave up within seconds');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('registry with htpasswd (Basic)', () => {
  it('is refused without credentials, and with a wrong password, without printing it', async () => {
    await rejects(`${basic.host}/test/app:1`, /asks for a username and password \(none given or found in the docker config\)/);
    await rejects(`${basic.host}/test/app:1`, /401 unauthorized/, { credentials: { username: USER, password: `${PASSWORD}x` } });
  });

  it('reads with --registry-username/--registry-password', async () => {
    assert.deepEqual(summary(await read(`${basic.host}/test/app:1`, { credentials: creds })), debianExpected(fx.goVersion));
  });

  it('sends credentials named for a registry to that registry only', async () => {
    assert.deepEqual(summary(await read(`${basic.host}/test/app:1`, { credentials: { ...creds, registry: basic.host } })), debianExpected(fx.goVersion));
    await rejects(`${basic.host}/test/app:1`, /asks for a username and password/, { credentials: { ...creds, registry: 'ghcr.io' } });
  });

  it('reads with the docker config: auths (base64 user:password under a URL key)', async () => {
    const dir = path.join(work, 'docker-auths');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({
      auths: { [`http://${basic.host}/v1/`]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } },
    }));
    assert.deepEqual(summary(await read(`${basic.host}/test/app:1`, { dockerConfigDir: dir })), debianExpected(fx.goVersion));
  });

  it('reads with a credential helper (credHelpers), the server address on its stdin', async () => {
    const dir = path.join(work, 'docker-helper');
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    const seen = path.join(dir, 'stdin');
    fs.writeFileSync(path.join(bin, 'docker-credential-palisadetest'),
      `#!/bin/sh\n[ "$1" = get ] || exit 3\ncat > '${seen}'\nprintf '%s' '${JSON.stringify({ ServerURL: basic.host, Username: USER, Secret: PASSWORD }).replace(/'/g, "'\\''")}'\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credHelpers: { [basic.host]: 'palisadetest' }, auths: { [basic.host]: { auth: Buffer.from('bob:wrong').toString('base64') } } }));
    const oldPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${oldPath}`;
    try {
      assert.deepEqual(summary(await read(`${basic.host}/test/app:1`, { dockerConfigDir: dir })), debianExpected(fx.goVersion));
      assert.equal(fs.readFileSync(seen, 'utf8'), basic.host);
    } finally {
      process.env.PATH = oldPath;
    }
  });

  it('follows blob redirects to another host without the Authorization header', async () => {
    // front: forwards to the registry, but answers blob GETs with a 307 to `store` (another host:port)
    const received: Array<string | undefined> = [];
    const forward = (req: http.IncomingMessage, res: http.ServerResponse, auth: string | undefined): void => {
      const up = http.request({ host: '127.0.0.1', port: Number(basic.host.split(':')[1]), path: req.url, method: req.method,
        headers: { ...(auth ? { authorization: auth } : {}), accept: req.headers.accept ?? '*/*' } }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      up.end();
    };
    const store = http.createServer((req, res) => {
      received.push(req.headers.authorization);
      forward(req, res, `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
    });
    await new Promise<void>((r) => store.listen(0, '127.0.0.1', r));
    const storePort = (store.address() as net.AddressInfo).port;
    const front = http.createServer((req, res) => {
      if (req.url?.includes('/blobs/')) {
        res.writeHead(307, { location: `http://localhost:${storePort}${req.url}` }).end();
        return;
      }
      forward(req, res, req.headers.authorization);
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    try {
      const img = await read(`127.0.0.1:${(front.address() as net.AddressInfo).port}/test/app:1`, { credentials: creds });
      assert.deepEqual(summary(img), debianExpected(fx.goVersion));
      assert.ok(received.length >= 5, 'config and layers came from the other host');
      assert.deepEqual(received.filter(Boolean), [], 'no Authorization header reached the other host');
    } finally {
      front.close();
      store.close();
    }
  });

  it('does not print credentials a hostile registry echoes back in its errors', async () => {
    const hostile = http.createServer((req, res) => {
      if (!req.headers.authorization) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end();
        return;
      }
      const echoed = `${req.headers.authorization} ${Buffer.from(req.headers.authorization.slice(6), 'base64').toString()}`;
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: `you sent ${echoed}\u001b[31m` }] }));
    });
    await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
    try {
      const message = await rejects(`127.0.0.1:${(hostile.address() as net.AddressInfo).port}/a/b:1`, /404 not found \(MANIFEST_UNKNOWN: you sent Basic \*\*\* alice:\*\*\* /, { credentials: creds });
      assert.ok(!message.includes('\u001b'), 'no control characters');
    } finally {
      hostile.close();
    }
  });
});

describe('registry with token authentication (Bearer)', () => {
  it('does the token dance with Basic credentials to the token server', async () => {
    const before = token.tokenRequests.length;
    assert.deepEqual(summary(await read(`${token.host}/test/app:1`, { credentials: creds })), debianExpected(fx.goVersion));
    const asked = token.tokenRequests.slice(before);
    assert.ok(asked.length >= 1);
    assert.deepEqual(asked[0], { scope: 'repository:test/app:pull', service: 'palisade-test-registry', authorized: true });
  });

  it('is refused anonymously and with a wrong password, without printing it', async () => {
    await rejects(`${token.host}/test/app:1`, /the token server 127\.0\.0\.1:\d+ refused anonymous access \(401\)/);
    await rejects(`${token.host}/test/app:1`, /the token server 127\.0\.0\.1:\d+ refused the credentials \(401\)/, { credentials: { username: USER, password: 'wrong' } });
  });

  it('refuses a plain-HTTP token realm on a host that is neither loopback nor named insecure', async () => {
    const fake = http.createServer((_req, res) => {
      res.writeHead(401, { 'www-authenticate': 'Bearer realm="http://tokens.example.com/token",service="x"' }).end();
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    try {
      await rejects(`127.0.0.1:${(fake.address() as net.AddressInfo).port}/a/b:1`, /token realm http:\/\/tokens\.example\.com is not HTTPS/, { credentials: creds });
    } finally {
      fake.close();
    }
  });
});
