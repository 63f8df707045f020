import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { applyPrune, listBlobCache, planPrune, treeSize, TEMP_MAX_AGE_MS } from './cache-prune.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const roots: string[] = [];
after(() => { for (const r of roots) fs.rmSync(r, { recursive: true, force: true }); });

const hex = (c: string): string => c.repeat(64);

/** A cache with blobs of the given sizes and ages (days before NOW), their mtimes set with utimesSync. */
function cache(blobs: Record<string, { size: number; daysAgo: number }>, extra: (sha: string) => void = () => undefined): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-prune-'));
  roots.push(root);
  const sha = path.join(root, 'blobs', 'sha256');
  fs.mkdirSync(sha, { recursive: true });
  for (const [name, b] of Object.entries(blobs)) {
    const file = path.join(sha, name);
    fs.writeFileSync(file, Buffer.alloc(b.size));
    const t = new Date(NOW - b.daysAgo * DAY);
    fs.utimesSync(file, t, t);
  }
  extra(sha);
  return path.join(root, 'blobs');
}

const names = (items: { name: string }[]): string[] => items.map((i) => i.name);

describe('listBlobCache', () => {
  it('an absent cache is empty, not an error', () => {
    const l = listBlobCache(path.join(os.tmpdir(), `palisade-none-${process.pid}`, 'blobs'));
    assert.equal(l.state, 'absent');
    assert.deepEqual([l.blobs, l.temps, l.leftAlone, l.errors], [[], [], [], []]);
  });

  it('lists 64-hex regular files as blobs, .tmp-PID-HEX files as temporary, and leaves the rest alone', () => {
    const outside = path.join(os.tmpdir(), `palisade-outside-${process.pid}`);
    fs.writeFileSync(outside, 'keep me');
    const dir = cache({ [hex('a')]: { size: 10, daysAgo: 1 } }, (sha) => {
      fs.writeFileSync(path.join(sha, '.tmp-42-0123456789ab'), 'x');
      fs.writeFileSync(path.join(sha, 'notes.txt'), 'x');
      fs.writeFileSync(path.join(sha, hex('A')), 'upper case is no digest');
      fs.writeFileSync(path.join(sha, `${hex('b')}.partial`), 'x');
      fs.mkdirSync(path.join(sha, hex('c')));
      fs.symlinkSync(outside, path.join(sha, hex('d')));
      fs.writeFileSync(path.join(sha, '..', 'stray'), 'x');
    });
    const l = listBlobCache(dir);
    fs.rmSync(outside);
    assert.equal(l.state, 'present');
    assert.deepEqual(names(l.blobs), [hex('a')]);
    assert.deepEqual(names(l.temps), ['.tmp-42-0123456789ab']);
    assert.deepEqual(l.leftAlone.map((e) => `${e.name}: ${e.why}`).sort(), [
      `sha256/${hex('A')}: not a blob or temporary file`,
      `sha256/${hex('b')}.partial: not a blob or temporary file`,
      `sha256/${hex('c')}: a directory`,
      `sha256/${hex('d')}: a symlink (not followed)`,
      'sha256/notes.txt: not a blob or temporary file',
      'stray: not part of the cache',
    ].sort());
  });

  it('refuses a blobs or sha256 directory that is a symlink', () => {
    const target = cache({ [hex('a')]: { size: 1, daysAgo: 1 } });
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-prune-link-'));
    roots.push(root);
    fs.symlinkSync(target, path.join(root, 'blobs'));
    const l = listBlobCache(path.join(root, 'blobs'));
    assert.equal(l.state, 'refused');
    assert.match(l.reason ?? '', /is a symlink: it is not followed/);
    assert.deepEqual(l.blobs, []);
    fs.rmSync(path.join(root, 'blobs'));
    fs.mkdirSync(path.join(root, 'blobs'));
    fs.symlinkSync(path.join(target, 'sha256'), path.join(root, 'blobs', 'sha256'));
    assert.equal(listBlobCache(path.join(root, 'blobs')).state, 'refused');
  });
});

describe('planPrune', () => {
  const blobs = {
    [hex('1')]: { size: 100, daysAgo: 40 },
    [hex('2')]: { size: 200, daysAgo: 20 },
    [hex('3')]: { size: 300, daysAgo: 10 },
    [hex('4')]: { size: 400, daysAgo: 2 },
    [hex('5')]: { size: 500, daysAgo: 0 },
  };

  it('--older-than removes the blobs not used for longer, oldest first', () => {
    const plan = planPrune(listBlobCache(cache(blobs)), { olderThanMs: 15 * DAY, now: NOW });
    assert.deepEqual(names(plan.remove), [hex('1'), hex('2')]);
    assert.ok(plan.remove.every((r) => r.reason === 'age' && r.kind === 'blob'));
    assert.deepEqual(names(plan.keep), [hex('3'), hex('4'), hex('5')]);
    // exactly at the limit is not older than it
    assert.deepEqual(names(planPrune(listBlobCache(cache(blobs)), { olderThanMs: 20 * DAY, now: NOW }).remove), [hex('1')]);
  });

  it('--max-size removes the least recently used until the rest is at most the size', () => {
    // 1500 bytes in all; at most 1000: 100 + 200 + 300 go (900 left), 400 and 500 stay
    const plan = planPrune(listBlobCache(cache(blobs)), { maxBytes: 1000, now: NOW });
    assert.deepEqual(names(plan.remove), [hex('1'), hex('2'), hex('3')]);
    assert.ok(plan.remove.every((r) => r.reason === 'size'));
    assert.deepEqual(names(plan.keep), [hex('4'), hex('5')]);
    // already under: nothing; 0: everything
    assert.deepEqual(planPrune(listBlobCache(cache(blobs)), { maxBytes: 1500, now: NOW }).remove, []);
    assert.equal(planPrune(listBlobCache(cache(blobs)), { maxBytes: 0, now: NOW }).remove.length, 5);
  });

  it('age first, then size over what is left; ties in age go by name', () => {
    // 1 goes by age (1400 left); then 200 and 300 go to get to 900
    const plan = planPrune(listBlobCache(cache(blobs)), { olderThanMs: 30 * DAY, maxBytes: 900, now: NOW });
    assert.deepEqual(plan.remove.map((r) => `${r.name[0]}:${r.reason}`), ['1:age', '2:size', '3:size']);
    const tied = planPrune(listBlobCache(cache({ [hex('f')]: { size: 1, daysAgo: 3 }, [hex('e')]: { size: 1, daysAgo: 3 } })), { maxBytes: 1, now: NOW });
    assert.deepEqual(names(tied.remove), [hex('e')]);
  });

  it('--all removes every blob; temporary files go only when older than an hour', () => {
    const dir = cache(blobs, (sha) => {
      for (const [name, age] of [['.tmp-1-aaaaaaaaaaaa', TEMP_MAX_AGE_MS + 1000], ['.tmp-2-bbbbbbbbbbbb', TEMP_MAX_AGE_MS - 60_000]] as const) {
        fs.writeFileSync(path.join(sha, name), 'x');
        fs.utimesSync(path.join(sha, name), new Date(NOW - age), new Date(NOW - age));
      }
    });
    const plan = planPrune(listBlobCache(dir), { all: true, now: NOW });
    assert.deepEqual(plan.remove.map((r) => `${r.name.slice(0, 6)}:${r.reason}`),
      ['.tmp-1:temporary', `${'1'.repeat(6)}:all`, `${'2'.repeat(6)}:all`, `${'3'.repeat(6)}:all`, `${'4'.repeat(6)}:all`, `${'5'.repeat(6)}:all`]);
    assert.deepEqual(plan.keep, []);
    // with a rule that removes no blob, the old temporary file still goes
    assert.deepEqual(names(planPrune(listBlobCache(dir), { olderThanMs: 100 * DAY, now: NOW }).remove), ['.tmp-1-aaaaaaaaaaaa']);
  });
});

describe('planPrune on a large cache', () => {
  it('plans over 300,000 blobs without overflowing the call stack', () => {
    const blobs = Array.from({ length: 300_000 }, (_, i) => ({ name: i.toString(16).padStart(64, '0'), size: 10, mtimeMs: NOW - (i % 90) * DAY }));
    assert.equal(planPrune({ blobs, temps: [] }, { all: true, now: NOW }).remove.length, 300_000);
    const plan = planPrune({ blobs, temps: [] }, { olderThanMs: 30 * DAY, maxBytes: 10 * 1000, now: NOW });
    assert.equal(plan.keep.length, 1000);
    assert.equal(plan.remove.length, 299_000);
  });
});

describe('applyPrune', () => {
  it('removes what the plan says, and nothing that changed since it was listed', () => {
    const dir = cache({ [hex('1')]: { size: 1, daysAgo: 9 }, [hex('2')]: { size: 1, daysAgo: 8 }, [hex('3')]: { size: 1, daysAgo: 7 } });
    const plan = planPrune(listBlobCache(dir), { all: true, now: NOW });
    const sha = path.join(dir, 'sha256');
    // meanwhile: one is used by a scan (touched), one is removed by another prune
    fs.utimesSync(path.join(sha, hex('2')), new Date(), new Date());
    fs.rmSync(path.join(sha, hex('3')));
    const result = applyPrune(dir, plan);
    assert.deepEqual(names(result.removed), [hex('1')]);
    assert.equal(result.skipped, 2);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(fs.readdirSync(sha), [hex('2')]);
  });

  it('never removes a symlink swapped in for a blob, nor what it points at', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-outside-'));
    roots.push(outside);
    fs.writeFileSync(path.join(outside, 'precious'), 'keep');
    const dir = cache({ [hex('1')]: { size: 1, daysAgo: 9 } });
    const plan = planPrune(listBlobCache(dir), { all: true, now: NOW });
    const blob = path.join(dir, 'sha256', hex('1'));
    fs.rmSync(blob);
    fs.symlinkSync(path.join(outside, 'precious'), blob);
    const result = applyPrune(dir, plan);
    assert.deepEqual(result.removed, []);
    assert.equal(fs.lstatSync(blob).isSymbolicLink(), true);
    assert.equal(fs.readFileSync(path.join(outside, 'precious'), 'utf8'), 'keep');
  });
});

describe('treeSize', () => {
  it('adds up regular files below a directory without following symlinks', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-tree-'));
    roots.push(root);
    fs.mkdirSync(path.join(root, 'db', 'gen-1'), { recursive: true });
    fs.writeFileSync(path.join(root, 'db', 'meta.json'), Buffer.alloc(10));
    fs.writeFileSync(path.join(root, 'db', 'gen-1', 'Debian.ndjson'), Buffer.alloc(90));
    fs.writeFileSync(path.join(root, 'big'), Buffer.alloc(5000));
    fs.symlinkSync(path.join(root, 'big'), path.join(root, 'db', 'link'));
    fs.symlinkSync(root, path.join(root, 'db', 'loop'));
    assert.deepEqual(treeSize(path.join(root, 'db')), { exists: true, bytes: 100, files: 2 });
    assert.deepEqual(treeSize(path.join(root, 'none')), { exists: false, bytes: 0, files: 0 });
  });
});
