import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { archiveUrl, displayUrl, updateDb, updateEcosystems, DownloadError, DEFAULT_ECOSYSTEMS } from './download.js';
import { importOsv } from './import.js';
import { DSA_5532_1, GO_2020_0015 } from '../testing/osv-records.js';

function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-download-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('archive URLs: one path segment per ecosystem, percent-encoded; trailing slashes of the base dropped', () => {
  assert.equal(archiveUrl('https://osv-vulnerabilities.storage.googleapis.com', 'npm'), 'https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip');
  assert.equal(archiveUrl('http://mirror.local/osv//', 'Debian:12'), 'http://mirror.local/osv/Debian%3A12/all.zip');
  assert.equal(archiveUrl('http://m', 'crates.io'), 'http://m/crates.io/all.zip');
});

test('URLs are shown without their credentials', () => {
  assert.equal(displayUrl('https://user:secret@mirror.local/osv/npm/all.zip'), 'https://***@mirror.local/osv/npm/all.zip');
  assert.equal(displayUrl('https://mirror.local/x'), 'https://mirror.local/x');
});

test('default ecosystems: the families in the database, else the default list', async () => {
  const root = tmp();
  const dbDir = path.join(root, 'db');
  assert.deepEqual(updateEcosystems(dbDir), DEFAULT_ECOSYSTEMS);
  const src = path.join(root, 'src');
  fs.mkdirSync(src);
  fs.writeFileSync(path.join(src, 'a.json'), JSON.stringify(DSA_5532_1));
  fs.writeFileSync(path.join(src, 'b.json'), JSON.stringify(GO_2020_0015));
  await importOsv(src, { dbDir });
  assert.deepEqual(updateEcosystems(dbDir), ['Debian', 'Go']);
});

test('a download that stalls is abandoned after the stall timeout; nothing is left behind', async (t) => {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-length': 1_000_000 });
    res.write(Buffer.alloc(10)); // then nothing more
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dbDir = path.join(tmp(), 'db');
  const started = Date.now();
  await assert.rejects(updateDb({ dbDir, baseUrl: base, ecosystems: ['npm'], stallTimeoutMs: 300 }), (e: Error) => e instanceof DownloadError && /npm\/all\.zip: stalled for 0\.3 s after 10 bytes/.test(e.message));
  assert.ok(Date.now() - started < 5000);
  assert.deepEqual(fs.readdirSync(dbDir), [], 'the temporary download is removed');
});

test('a server that does not answer at all: abandoned too', async (t) => {
  const server = http.createServer(() => { /* never answers */ });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await assert.rejects(updateDb({ dbDir: path.join(tmp(), 'db'), baseUrl: base, ecosystems: ['Go'], stallTimeoutMs: 300 }), /Go\/all\.zip: no answer in 0\.3 s/);
});
