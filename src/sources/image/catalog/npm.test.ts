import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { npm } from './npm.js';
import { catalogContext } from '../../../testing/image-files.js';

const pj = (o: Record<string, unknown>): string => JSON.stringify(o);

describe('npm', () => {
  it('wants package folders\' package.json and lockfiles outside node_modules', () => {
    assert.equal(npm.wants('/app/node_modules/express/package.json'), true);
    assert.equal(npm.wants('/app/node_modules/@types/node/package.json'), true);
    assert.equal(npm.wants('/app/node_modules/a/node_modules/b/package.json'), true);
    assert.equal(npm.wants('/app/node_modules/express/lib/package.json'), false);
    assert.equal(npm.wants('/app/node_modules/@types/package.json'), false);
    assert.equal(npm.wants('/app/package.json'), false);
    assert.equal(npm.wants('/app/package-lock.json'), true);
    assert.equal(npm.wants('/app/node_modules/x/package-lock.json'), false);
  });

  it('lists node_modules packages with scoped purls and licences', () => {
    const pkgs = npm.catalog(catalogContext({
      '/app/node_modules/@types/node/package.json': pj({ name: '@types/node', version: '20.11.5', license: 'MIT' }),
      '/app/node_modules/qs/package.json': pj({ name: 'qs', version: '6.5.2', license: { type: 'BSD-3-Clause' } }),
      '/app/node_modules/noversion/package.json': pj({ name: 'noversion' }),
    }));
    assert.deepEqual(pkgs.map((p) => [p.name, p.version, p.ecosystem, p.purl, p.licenses]), [
      ['@types/node', '20.11.5', 'npm', 'pkg:npm/%40types/node@20.11.5', ['MIT']],
      ['qs', '6.5.2', 'npm', 'pkg:npm/qs@6.5.2', ['BSD-3-Clause']],
    ]);
  });

  it('reads lockfile v2/v3 packages, not the root, links, or folders already catalogued; v1 is not read', () => {
    const lock = pj({
      name: 'app', lockfileVersion: 3, packages: {
        '': { name: 'app', version: '1.0.0' },
        'node_modules/express': { version: '4.17.1' },
        'node_modules/express/node_modules/debug': { version: '2.6.9' },
        'node_modules/@scope/x': { version: '1.0.0' },
        'node_modules/aliased': { name: 'real-name', version: '2.0.0' },
        'node_modules/linked': { resolved: 'packages/linked', link: true },
        'packages/linked': { name: 'linked', version: '0.0.1' },
      },
    });
    const pkgs = npm.catalog(catalogContext({
      '/app/package-lock.json': lock,
      '/app/node_modules/express/package.json': pj({ name: 'express', version: '4.17.1' }),
      '/v1/package-lock.json': pj({ lockfileVersion: 1, dependencies: { lodash: { version: '4.17.20' } } }),
    }));
    assert.deepEqual(pkgs.map((p) => `${p.name}@${p.version} ${p.path}`), [
      'express@4.17.1 /app/node_modules/express/package.json',
      'debug@2.6.9 /app/package-lock.json',
      '@scope/x@1.0.0 /app/package-lock.json',
      'real-name@2.0.0 /app/package-lock.json',
    ]);
  });

  it('warns about a file that is not JSON and goes on', () => {
    const warnings: string[] = [];
    const pkgs = npm.catalog(catalogContext({
      '/a/node_modules/bad/package.json': '{not json',
      '/a/node_modules/good/package.json': pj({ name: 'good', version: '1.0.0' }),
    }, undefined, warnings));
    assert.deepEqual(pkgs.map((p) => p.name), ['good']);
    assert.deepEqual(warnings, ['/a/node_modules/bad/package.json is not JSON: skipped']);
  });
});
