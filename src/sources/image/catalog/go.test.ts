import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goPackages, goTagToSemver, parseModinfo } from './go.js';
import { LAYER0 } from '../../../testing/image-files.js';

// The module info `go version -m` prints for a binary with a module replacement and a directory one.
const MODINFO = [
  'path\texample.com/cmd/app',
  'mod\texample.com/cmd\tv0.3.0\th1:abc=',
  'dep\tgithub.com/google/uuid\tv1.3.0\th1:uuid=',
  'dep\tgolang.org/x/net\tv0.7.0\th1:old=',
  '=>\tgithub.com/fork/net\tv0.17.0\th1:new=',
  'dep\texample.com/greeting\tv1.4.2',
  '=>\t../greeting\t(devel)\t',
  'build\t-compiler=gc',
  'build\tGOOS=linux',
  '',
].join('\n');

describe('go', () => {
  it('parses path/mod/dep/=> lines as runtime/debug does', () => {
    assert.deepEqual(parseModinfo(MODINFO), {
      main: { path: 'example.com/cmd', version: 'v0.3.0' },
      deps: [
        { path: 'github.com/google/uuid', version: 'v1.3.0' },
        { path: 'golang.org/x/net', version: 'v0.7.0', replace: { path: 'github.com/fork/net', version: 'v0.17.0' } },
        { path: 'example.com/greeting', version: 'v1.4.2', replace: { path: '../greeting', version: '(devel)' } },
      ],
    });
  });

  it('turns Go tags into semver as golang.org/x/vuln does', () => {
    assert.equal(goTagToSemver('go1.19'), 'v1.19.0');
    assert.equal(goTagToSemver('go1.19.8'), 'v1.19.8');
    assert.equal(goTagToSemver('go1.21rc2'), 'v1.21.0-rc.2');
    assert.equal(goTagToSemver('go1.18beta1'), 'v1.18.0-beta.1');
    assert.equal(goTagToSemver('go1.22.3 X:boringcrypto'), 'v1.22.3');
    assert.equal(goTagToSemver('devel go1.23-abcdef'), undefined);
  });

  it('lists stdlib, the main module unless (devel), replacements and directory replacements under the module they replace', () => {
    const pkgs = goPackages({ goVersion: 'go1.21.5', modinfo: MODINFO }, '/usr/bin/app', LAYER0);
    assert.deepEqual(pkgs.map((p) => `${p.name}@${p.version} ${p.purl}`), [
      'stdlib@v1.21.5 pkg:golang/stdlib@v1.21.5',
      'example.com/cmd@v0.3.0 pkg:golang/example.com/cmd@v0.3.0',
      'github.com/google/uuid@v1.3.0 pkg:golang/github.com/google/uuid@v1.3.0',
      'github.com/fork/net@v0.17.0 pkg:golang/github.com/fork/net@v0.17.0',
      'example.com/greeting@v1.4.2 pkg:golang/example.com/greeting@v1.4.2',
    ]);
    assert.ok(pkgs.every((p) => p.type === 'golang' && p.ecosystem === 'Go' && p.path === '/usr/bin/app'));
    const devel = goPackages({ goVersion: 'go1.21.5', modinfo: 'path\tx\nmod\texample.com/x\t(devel)\t\n' }, '/x', LAYER0);
    assert.deepEqual(devel.map((p) => p.name), ['stdlib']);
  });
});
