import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparatorFor, ecosystemFamily, normalizeName } from './index.js';

test('ecosystems map to their ordering', () => {
  const cases: [string, string | undefined][] = [
    ['Debian:12', 'dpkg'], ['Debian', 'dpkg'], ['Ubuntu:22.04:LTS', 'dpkg'], ['Ubuntu:Pro:18.04:LTS', 'dpkg'],
    ['Alpine:v3.20', 'apk'], ['Wolfi', 'apk'], ['npm', 'semver'], ['crates.io', 'semver'], ['Go', 'go'], ['PyPI', 'pep440'],
    ['Maven', undefined], ['debian:12', undefined],
  ];
  for (const [eco, name] of cases) assert.equal(comparatorFor(eco)?.name, name, eco);
  assert.equal(ecosystemFamily('Ubuntu:Pro:18.04:LTS'), 'Ubuntu');
});

test('PyPI names are normalised as PEP 503 says; others are exact', () => {
  assert.equal(normalizeName('PyPI', 'Django'), 'django');
  assert.equal(normalizeName('PyPI', 'zope.interface'), 'zope-interface');
  assert.equal(normalizeName('PyPI', 'Foo__Bar-.baz'), 'foo-bar-baz');
  assert.equal(normalizeName('npm', '@Scope/Pkg'), '@Scope/Pkg');
  assert.equal(normalizeName('Go', 'github.com/BurntSushi/toml'), 'github.com/BurntSushi/toml');
});
