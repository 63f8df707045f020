// `palisade db update` against a local HTTP server (node:http on 127.0.0.1) serving OSV zips
// built here with fflate from real advisories: what it downloads, and that a failed download
// leaves the old database as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { runCliAsync, tempDir } from './support/cli.js';
import { DSA_5532_1, GHSA_35JH, GO_2020_0015, GO_2023_2102 } from '../src/testing/osv-records.js';
import type { OsvRecord } from '../src/vulndb/osv.js';

const zipOf = (records: OsvRecord[]): Buffer => Buffer.from(zipSync(Object.fromEntries(records.map((r) => [`${r.id}.json`, strToU8(JSON.stringify(r))]))));

interface Server {
  base: string;
  requests: string[];
  /** path → what to answer: a body, or a function that answers itself. */
  routes: Map<string, Buffer | ((res: http.ServerResponse) => void)>;
  close(): Promise<void>;
}

async function serve(): Promise<Server> {
  const requests: string[] = [];
  const routes: Server['routes'] = new Map();
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const r = routes.get(req.url ?? '');
    if (typeof r === 'function') return r(res);
    if (!r) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': r.length }).end(r);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`, requests, routes,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

test('db update: downloads the named ecosystems, then by default those in the database', async (t) => {
  const s = await serve();
  t.after(() => s.close());
  s.routes.set('/npm/all.zip', zipOf([GHSA_35JH]));
  s.routes.set('/Go/all.zip', zipOf([GO_2020_0015, GO_2023_2102]));
  const dbDir = path.join(tempDir(), 'db');
  const first = await runCliAsync(['db', 'update', '--base-url', s.base, '--ecosystem', 'npm,Go', '--db-dir', dbDir]);
  assert.equal(first.stderr, '', 'no progress when standard error is not a terminal');
  assert.equal(first.code, 0);
  assert.deepEqual(s.requests, ['/npm/all.zip', '/Go/all.zip']);
  assert.match(first.stdout, new RegExp(`^Downloaded ${s.base}/npm/all\\.zip \\(0\\.0 MB\\)$`, 'm'));
  assert.match(first.stdout, /^Imported 3 OSV records into /m);
  const st = JSON.parse((await runCliAsync(['db', 'status', '--format', 'json', '--db-dir', dbDir])).stdout);
  assert.deepEqual(st.ecosystems.map((e: { name: string; source: string }) => [e.name, e.source]), [['Go', `${s.base}/Go/all.zip`], ['npm', `${s.base}/npm/all.zip`]]);

  s.requests.length = 0;
  const again = await runCliAsync(['db', 'update', '--base-url', `${s.base}/`, '--db-dir', dbDir, '--quiet']);
  assert.equal(again.code, 0);
  assert.equal(again.stdout, '', '--quiet');
  assert.deepEqual(s.requests.sort(), ['/Go/all.zip', '/npm/all.zip']);
});

test('db update without a database fetches the default ecosystems, names percent-encoded', async (t) => {
  const s = await serve();
  t.after(() => s.close());
  const empty = zipOf([]);
  for (const e of ['Alpine', 'Ubuntu', 'npm', 'PyPI', 'Go']) s.routes.set(`/${e}/all.zip`, empty);
  s.routes.set('/Debian/all.zip', zipOf([DSA_5532_1]));
  s.routes.set('/Debian%3A12/all.zip', zipOf([DSA_5532_1]));
  const dbDir = path.join(tempDir(), 'db');
  const r = await runCliAsync(['db', 'update', '--base-url', s.base, '--db-dir', dbDir]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(s.requests, ['/Debian/all.zip', '/Alpine/all.zip', '/Ubuntu/all.zip', '/npm/all.zip', '/PyPI/all.zip', '/Go/all.zip']);
  assert.match(r.stdout, /^Imported 1 OSV records/m);
  s.requests.length = 0;
  const one = await runCliAsync(['db', 'update', '--base-url', s.base, '--ecosystem', 'Debian:12', '--db-dir', dbDir]);
  assert.equal(one.code, 0, one.stderr);
  assert.deepEqual(s.requests, ['/Debian%3A12/all.zip']);
});

test('a failing download leaves the old database intact', async (t) => {
  const s = await serve();
  t.after(() => s.close());
  s.routes.set('/npm/all.zip', zipOf([GHSA_35JH]));
  const dbDir = path.join(tempDir(), 'db');
  assert.equal((await runCliAsync(['db', 'update', '--base-url', s.base, '--ecosystem', 'npm', '--db-dir', dbDir])).code, 0);
  const meta = fs.readFileSync(path.join(dbDir, 'meta.json'), 'utf8');
  const files = fs.readdirSync(dbDir).sort();

  // the server fails the second archive: the first, downloaded fine, is not imported either
  s.routes.set('/npm/all.zip', zipOf([GHSA_35JH, GO_2020_0015]));
  s.routes.set('/Go/all.zip', (res) => res.writeHead(500, 'Internal Server Error').end());
  const r500 = await runCliAsync(['db', 'update', '--base-url', s.base, '--ecosystem', 'npm,Go', '--db-dir', dbDir]);
  assert.equal(r500.code, 3);
  assert.match(r500.stderr, new RegExp(`^palisade: db update: ${s.base}/Go/all\\.zip: HTTP 500 Internal Server Error$`, 'm'));
  assert.match(r500.stderr, /^palisade: the database was not changed$/m);

  // a connection cut before the declared length
  s.routes.set('/Go/all.zip', (res) => {
    res.writeHead(200, { 'content-length': 100_000 });
    res.write(Buffer.alloc(1000));
    setTimeout(() => res.destroy(), 50);
  });
  const cut = await runCliAsync(['db', 'update', '--base-url', s.base, '--ecosystem', 'Go', '--db-dir', dbDir]);
  assert.equal(cut.code, 3);
  assert.match(cut.stderr, /Go\/all\.zip: .*(after|received) 1000 (bytes|of 100000 bytes)/);

  // larger than --max-download-size (declared, and not declared)
  s.routes.set('/Go/all.zip', zipOf([GO_2020_0015, GO_2023_2102]));
  const big = await runCliAsync(['db', 'update', '--base-url', s.base, '--ecosystem', 'Go', '--max-download-size', '0.0005', '--db-dir', dbDir]);
  assert.equal(big.code, 3);
  assert.match(big.stderr, /Go\/all\.zip: \d+ bytes, more than the limit of 524$/m);
  s.routes.set('/Go/all.zip', (res) => {
    res.writeHead(200, { 'transfer-encoding': 'chunked' });
    res.end(Buffer.alloc(4096));
  });
  const chunked = await runCliAsync(['db', 'update', '--base-url', s.base, '--ecosystem', 'Go', '--max-download-size', '0.0005', '--db-dir', dbDir]);
  assert.equal(chunked.code, 3);
  assert.match(chunked.stderr, /Go\/all\.zip: more than the limit of 524 bytes$/m);

  // a 404, and an archive that is not one
  const missing = await runCliAsync(['db', 'update', '--base-url', s.base, '--ecosystem', 'PyPI', '--db-dir', dbDir]);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /PyPI\/all\.zip: HTTP 404/);
  s.routes.set('/Go/all.zip', Buffer.from('<html>captive portal</html>'));
  const html = await runCliAsync(['db', 'update', '--base-url', s.base, '--ecosystem', 'Go', '--db-dir', dbDir]);
  assert.equal(html.code, 3);
  assert.match(html.stderr, new RegExp(`${s.base}/Go/all\\.zip: neither a directory, a zip archive`), 'named by its URL, not the temporary file');

  assert.equal(fs.readFileSync(path.join(dbDir, 'meta.json'), 'utf8'), meta);
  assert.deepEqual(fs.readdirSync(dbDir).sort(), files, 'no download or generation left behind');
  const st = JSON.parse((await runCliAsync(['db', 'status', '--format', 'json', '--db-dir', dbDir])).stdout);
  assert.deepEqual(st.ecosystems.map((e: { name: string }) => e.name), ['npm']);
});

test('db update refuses base URLs it should not fetch', async () => {
  const dbDir = path.join(tempDir(), 'db');
  for (const [url, msg] of [
    ['file:///etc', /only http and https/],
    ['https://user:secret@example.invalid', /credentials/],
    ['not a url', /not a URL/],
  ] as const) {
    const r = await runCliAsync(['db', 'update', '--base-url', url, '--db-dir', dbDir]);
    assert.equal(r.code, 2, url);
    assert.match(r.stderr, msg);
    assert.doesNotMatch(r.stderr, /secret/);
  }
  const bad = await runCliAsync(['db', 'update', '--base-url', 'http://127.0.0.1:9', '--ecosystem', '../etc', '--db-dir', dbDir]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--ecosystem: not an OSV ecosystem name: "\.\.\/etc"/);
  assert.equal(fs.existsSync(dbDir), false);
});
