import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cacheDir, defaultDbDir } from './cache-dir.js';

test('cache dir: $PALISADE_CACHE_DIR, then $XDG_CACHE_HOME/palisade, then ~/.cache/palisade', () => {
  assert.equal(cacheDir({ PALISADE_CACHE_DIR: '/var/cache/p', XDG_CACHE_HOME: '/x' }, '/home/u'), '/var/cache/p');
  assert.equal(cacheDir({ PALISADE_CACHE_DIR: 'rel' }, '/home/u'), path.resolve('rel'));
  assert.equal(cacheDir({ XDG_CACHE_HOME: '/x' }, '/home/u'), '/x/palisade');
  assert.equal(cacheDir({ XDG_CACHE_HOME: 'relative' }, '/home/u'), '/home/u/.cache/palisade', 'a relative XDG path is ignored');
  assert.equal(cacheDir({ PALISADE_CACHE_DIR: '', XDG_CACHE_HOME: '' }, '/home/u'), '/home/u/.cache/palisade');
  assert.equal(defaultDbDir({ XDG_CACHE_HOME: '/x' }, '/home/u'), '/x/palisade/db');
});
