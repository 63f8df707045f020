// `palisade cache status|prune` end to end through the built CLI, with PALISADE_CACHE_DIR pointing
// at a temporary directory: blobs written by the test with the mtimes it sets, and a scan of an
// image served by a minimal OCI distribution registry on loopback (GET /v2/, manifests, blobs;
// distribution-spec "Pull"), built here with tar-stream: no Debian tool is needed.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import tar from 'tar-stream';
import { runCli, runCliAsync, tempDir } from './support/cli.js';

const DAY = 86_400_000;
const hexOf = (data: Buffer | string): string => crypto.createHash('sha256').update(data).digest('hex');

interface Cache { root: string; sha: string; env: NodeJS.ProcessEnv }

function newCache(): Cache {
  const root = tempDir('palisade-cli-cache-');
  return { root, sha: path.join(root, 'blobs', 'sha256'), env: { PALISADE_CACHE_DIR: root, DOCKER_CONFIG: path.join(root, 'no-docker') } };
}

/** A blob of `size` bytes (its name is its digest), last used `daysAgo` days ago. */
function blob(c: Cache, seed: string, size: number, daysAgo: number): string {
  fs.mkdirSync(c.sha, { recursive: true });
  const data = Buffer.alloc(size, seed);
  const hex = hexOf(data);
  fs.writeFileSync(path.join(c.sha, hex), data);
  const t = new Date(Date.now() - daysAgo * DAY);
  fs.utimesSync(path.join(c.sha, hex), t, t);
  return hex;
}

const cli = (c: Cache, args: string[]) => runCli(args, { env: c.env });
const left = (c: Cache): string[] => (fs.existsSync(c.sha) ? fs.readdirSync(c.sha).sort() : []);

describe('palisade cache status', () => {
  it('an absent cache is empty, not an error, in both formats', () => {
    const c = newCache();
    const pretty = cli(c, ['cache', 'status']);
    assert.equal(pretty.code, 0, pretty.stderr);
    assert.match(pretty.stdout, new RegExp(`Image blob cache: ${c.root}/blobs\\n  empty \\(the directory does not exist yet\\)`));
    assert.match(pretty.stdout, /Vulnerability database: .*\/db \(none: palisade db update creates it\)/);
    const json = JSON.parse(cli(c, ['cache', 'status', '--format', 'json']).stdout);
    assert.deepEqual({ ...json.blobs, dir: undefined }, {
      dir: undefined, state: 'absent', count: 0, bytes: 0, oldestUse: null, newestUse: null,
      temporary: { count: 0, bytes: 0, olderThanAnHour: 0 }, leftAlone: [], errors: [],
    });
    assert.equal(json.cacheDir, c.root);
    assert.equal(fs.existsSync(path.join(c.root, 'blobs')), false, 'status creates nothing');
  });

  it('a filled cache: count, bytes, least and most recent use, temporary files, what prune leaves alone, the database\'s size', () => {
    const c = newCache();
    blob(c, 'a', 1000, 40);
    blob(c, 'b', 2048, 3);
    fs.writeFileSync(path.join(c.sha, '.tmp-99-0123456789ab'), 'partial');
    fs.writeFileSync(path.join(c.sha, 'notes.txt'), 'mine');
    fs.mkdirSync(path.join(c.root, 'db', 'gen'), { recursive: true });
    fs.writeFileSync(path.join(c.root, 'db', 'gen', 'records'), Buffer.alloc(3 * 1024));
    const r = cli(c, ['cache', 'status']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /  2 blobs, 3\.0 KiB \(3048 bytes\)\n/);
    assert.match(r.stdout, /Least recently used: \d{4}-\d\d-\d\dT[\d:.]+Z \((39|40) days ago\)/);
    assert.match(r.stdout, /Most recently used: +\d{4}-\d\d-\d\dT[\d:.]+Z \((2|3) days ago\)/);
    assert.match(r.stdout, /1 temporary file of scans, 7 B\n/);
    assert.match(r.stdout, /Left alone by prune \(not blobs Palisade wrote\): sha256\/notes\.txt \(not a blob or temporary file\)/);
    assert.match(r.stdout, /Vulnerability database: .*\/db, 3\.0 KiB in 1 file \(palisade db status describes it\)/);
    const json = JSON.parse(cli(c, ['cache', 'status', '--format', 'json']).stdout);
    assert.equal(json.blobs.count, 2);
    assert.equal(json.blobs.bytes, 3048);
    assert.ok(Date.parse(json.blobs.newestUse) - Date.parse(json.blobs.oldestUse) > 36 * DAY);
    assert.deepEqual(json.vulnerabilityDatabase, { dir: path.join(c.root, 'db'), exists: true, bytes: 3072, files: 1 });
    assert.equal(cli(c, ['cache', 'status', '--format', 'xml']).code, 2);
  });

  it('--cache-dir overrides PALISADE_CACHE_DIR', () => {
    const c = newCache();
    const other = newCache();
    blob(other, 'z', 10, 1);
    const r = cli(c, ['cache', 'status', '--cache-dir', other.root]);
    assert.match(r.stdout, new RegExp(`Image blob cache: ${other.root}/blobs\\n  1 blob, 10 B`));
  });
});

describe('palisade cache prune', () => {
  it('needs --older-than, --max-size or --all, and refuses malformed values naming the flag (exit 2, nothing removed)', () => {
    const c = newCache();
    const keep = blob(c, 'k', 10, 100);
    const none = cli(c, ['cache', 'prune']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /cache prune: say what to remove: --older-than DURATION \(e\.g\. 30d\), --max-size SIZE \(e\.g\. 2GiB\) or --all/);
    for (const [flag, value, shape] of [['--older-than', '-1d', 'duration'], ['--older-than', '', 'duration'], ['--older-than', '30', 'duration'], ['--older-than', '1y', 'duration'],
      ['--max-size', '1.5.0GiB', 'size'], ['--max-size', '2G', 'size'], ['--max-size', '', 'size']]) {
      const r = cli(c, ['cache', 'prune', `${flag}=${value}`]);
      assert.equal(r.code, 2, `${flag} ${value}`);
      assert.match(r.stderr, new RegExp(`${flag}: "${value.replace(/\./g, '\\.')}" is not a ${shape}`));
    }
    const long = cli(c, ['cache', 'prune', '--max-size', `1${'0'.repeat(300)}x`]);
    assert.equal(long.code, 2);
    assert.ok(!long.stderr.includes('0'.repeat(81)), 'at most 80 characters of the value');
    // a wrong value with a right one: still nothing removed
    assert.equal(cli(c, ['cache', 'prune', '--all', '--older-than', '3x']).code, 2);
    assert.deepEqual(left(c), [keep]);
  });

  it('an absent cache: nothing to remove, exit 0', () => {
    const c = newCache();
    const r = cli(c, ['cache', 'prune', '--all']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /does not exist: nothing to remove/);
  });

  it('--older-than removes the blobs not used for longer, and temporary files older than an hour', () => {
    const c = newCache();
    const old1 = blob(c, '1', 100, 45);
    const old2 = blob(c, '2', 200, 31);
    const recent = blob(c, '3', 300, 29);
    const stale = '.tmp-7-aaaaaaaaaaaa';
    const fresh = '.tmp-8-bbbbbbbbbbbb';
    fs.writeFileSync(path.join(c.sha, stale), 'x');
    fs.utimesSync(path.join(c.sha, stale), new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    fs.writeFileSync(path.join(c.sha, fresh), 'y');
    const r = cli(c, ['cache', 'prune', '--older-than', '30d']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Removed 2 blobs \(300 B\) and 1 temporary file \(1 B\) from .*\/blobs\nLeft: 1 blob \(300 B\)\n$/);
    assert.deepEqual(left(c), [fresh, recent].sort());
    assert.ok(![old1, old2].some((h) => left(c).includes(h)));
  });

  it('--max-size removes the least recently used first until the rest fits', () => {
    const c = newCache();
    const a = blob(c, 'a', 1024, 50);
    const b = blob(c, 'b', 1024, 40);
    const cc = blob(c, 'c', 1024, 30);
    const d = blob(c, 'd', 1024, 20);
    // 4 KiB, at most 2 KiB: a and b go (the least recently used), c and d stay
    const r = cli(c, ['cache', 'prune', '--max-size', '2KiB']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Removed 2 blobs \(2\.0 KiB\) from .*\nLeft: 2 blobs \(2\.0 KiB\)/);
    assert.deepEqual(left(c), [cc, d].sort());
    assert.ok(!left(c).includes(a) && !left(c).includes(b));
    // already under: nothing more; plain bytes
    const again = cli(c, ['cache', 'prune', '--max-size', '2048']);
    assert.match(again.stdout, /Nothing removed from .*\nLeft: 2 blobs/);
    // then by age and size together: age first
    const both = cli(c, ['cache', 'prune', '--older-than', '25d', '--max-size', '0']);
    assert.match(both.stdout, /Removed 2 blobs/);
    assert.deepEqual(left(c), []);
  });

  it('--dry-run removes nothing and says what it would remove, and why', () => {
    const c = newCache();
    const a = blob(c, 'a', 10, 50);
    const b = blob(c, 'b', 10, 1);
    const r = cli(c, ['cache', 'prune', '--older-than', '7d', '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Would remove 1 blob \(10 B\) from .*\/blobs \(dry run: nothing was removed\)\n/);
    assert.match(r.stdout, new RegExp(`  sha256:${a}  10 B  last used \\S+  \\(--older-than\\)\\n`));
    assert.doesNotMatch(r.stdout, new RegExp(b));
    assert.match(r.stdout, /Would leave 1 blob \(10 B\)/);
    assert.deepEqual(left(c), [a, b].sort());
  });

  it('--all removes every blob and never the vulnerability database', () => {
    const c = newCache();
    blob(c, 'a', 10, 50);
    blob(c, 'b', 10, 0);
    fs.mkdirSync(path.join(c.root, 'db'), { recursive: true });
    fs.writeFileSync(path.join(c.root, 'db', 'meta.json'), '{}');
    const r = cli(c, ['cache', 'prune', '--all']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Removed 2 blobs \(20 B\) from .*\nLeft: 0 blobs \(0 B\)/);
    assert.deepEqual(left(c), []);
    assert.equal(fs.readFileSync(path.join(c.root, 'db', 'meta.json'), 'utf8'), '{}');
  });

  it('leaves alone and reports foreign files, a 64-hex directory and a symlink to a file outside the cache', () => {
    const c = newCache();
    const outsideDir = tempDir('palisade-cli-cache-outside-');
    const outside = path.join(outsideDir, 'precious.txt');
    fs.writeFileSync(outside, 'do not delete');
    const old = new Date(Date.now() - 400 * DAY);
    fs.utimesSync(outside, old, old);
    blob(c, 'a', 10, 50);
    fs.writeFileSync(path.join(c.sha, 'notes.txt'), 'mine');
    fs.utimesSync(path.join(c.sha, 'notes.txt'), old, old);
    const dirName = 'd'.repeat(64);
    fs.mkdirSync(path.join(c.sha, dirName));
    fs.writeFileSync(path.join(c.sha, dirName, 'inside'), 'x');
    const linkName = hexOf('do not delete');
    fs.symlinkSync(outside, path.join(c.sha, linkName));
    const r = cli(c, ['cache', 'prune', '--all', '--older-than', '0s', '--max-size', '0']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Removed 1 blob \(10 B\)/);
    assert.match(r.stdout, new RegExp(`Left alone by prune \\(not blobs Palisade wrote\\): sha256/${linkName} \\(a symlink \\(not followed\\)\\), sha256/${dirName} \\(a directory\\), sha256/notes\\.txt \\(not a blob or temporary file\\)`));
    assert.deepEqual(left(c), [linkName, dirName, 'notes.txt'].sort());
    assert.equal(fs.readFileSync(outside, 'utf8'), 'do not delete');
    assert.equal(fs.readFileSync(path.join(c.sha, dirName, 'inside'), 'utf8'), 'x');
    assert.equal(fs.lstatSync(path.join(c.sha, linkName)).isSymbolicLink(), true);
  });

  it('refuses a blobs directory that is a symlink (exit 3, nothing removed)', () => {
    const c = newCache();
    const elsewhere = newCache();
    const h = blob(elsewhere, 'e', 10, 50);
    fs.symlinkSync(path.join(elsewhere.root, 'blobs'), path.join(c.root, 'blobs'));
    const r = cli(c, ['cache', 'prune', '--all']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /blobs is a symlink: it is not followed; nothing was removed/);
    assert.deepEqual(left(elsewhere), [h]);
    assert.equal(cli(c, ['cache', 'status']).code, 3);
  });
});

/** An OCI image of one uncompressed layer holding /etc/os-release, as a registry serves it. */
async function image(): Promise<{ manifest: Buffer; blobs: Map<string, Buffer> }> {
  const pack = tar.pack();
  pack.entry({ name: 'etc/os-release' }, 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  const layer = Buffer.concat(chunks);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [`sha256:${hexOf(layer)}`] }, config: {} }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${hexOf(config)}`, size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: `sha256:${hexOf(layer)}`, size: layer.length }],
  }));
  return { manifest, blobs: new Map([[`sha256:${hexOf(config)}`, config], [`sha256:${hexOf(layer)}`, layer]]) };
}

describe('a scan marks the blobs it reuses as used', () => {
  let server: http.Server;
  let host: string;
  const blobGets: string[] = [];
  before(async () => {
    const img = await image();
    server = http.createServer((req, res) => {
      const url = req.url ?? '';
      if (url === '/v2/') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      if (url === '/v2/app/manifests/1') {
        return void res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': `sha256:${hexOf(img.manifest)}` }).end(img.manifest);
      }
      const m = /^\/v2\/app\/blobs\/(sha256:[a-f0-9]{64})$/.exec(url);
      const body = m ? img.blobs.get(m[1]!) : undefined;
      if (body) {
        blobGets.push(m![1]!);
        return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  after(() => server.close());

  it('a second scan reads the blobs from the cache, touches them, and prune --older-than keeps them', async () => {
    const c = newCache();
    const scan = async () => runCliAsync(['scan', '--image', `${host}/app:1`, '--format', 'json'], { env: c.env });
    const first = await scan();
    assert.equal(first.code, 0, first.stderr);
    assert.equal(JSON.parse(first.stdout).images[0].os.id, 'debian');
    const cached = left(c);
    assert.equal(cached.length, 2, 'the config and the layer');
    assert.equal(blobGets.length, 2);
    // both last used 60 days ago, beside a blob no scan uses
    const old = new Date(Date.now() - 60 * DAY);
    for (const h of cached) fs.utimesSync(path.join(c.sha, h), old, old);
    const unused = blob(c, 'u', 10, 60);
    const second = await scan();
    assert.equal(second.code, 0, second.stderr);
    assert.equal(blobGets.length, 2, 'nothing fetched again: the cached copies were used');
    for (const h of cached) assert.ok(Date.now() - fs.statSync(path.join(c.sha, h)).mtimeMs < 10 * 60_000, `${h} touched`);
    const pruned = cli(c, ['cache', 'prune', '--older-than', '30d']);
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stdout, /Removed 1 blob \(10 B\)/);
    assert.deepEqual(left(c), cached);
    assert.ok(!left(c).includes(unused));
    // and after --all, the next scan fetches them again
    assert.equal(cli(c, ['cache', 'prune', '--all']).code, 0);
    const third = await scan();
    assert.equal(third.code, 0, third.stderr);
    assert.equal(blobGets.length, 4);
    assert.deepEqual(left(c), cached);
  });
});
