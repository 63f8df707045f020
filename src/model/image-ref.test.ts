import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { imageBaseName, parseImageRef } from './image-ref.js';

const DIGEST = 'sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a';

/** The fields that say what a reference means. */
function parts(text: string) {
  const r = parseImageRef(text);
  return {
    registry: r.registry, port: r.port, repository: r.repository, tag: r.tag, digest: r.digest,
    registryDefaulted: r.registryDefaulted, tagDefaulted: r.tagDefaulted, valid: r.valid,
  };
}

describe('parseImageRef: the distribution/reference grammar with Docker\'s normalisation', () => {
  it('defaults the registry to docker.io and one-component paths to library/', () => {
    assert.deepEqual(parts('nginx'), {
      registry: 'docker.io', port: undefined, repository: 'library/nginx', tag: undefined, digest: undefined,
      registryDefaulted: true, tagDefaulted: true, valid: true,
    });
    assert.equal(parseImageRef('nginx').normalized, 'docker.io/library/nginx:latest');
    assert.equal(parseImageRef('someuser/app:1.2').normalized, 'docker.io/someuser/app:1.2');
    assert.equal(parseImageRef('docker.io/nginx:1.27').repository, 'library/nginx');
    assert.equal(parseImageRef('docker.io/nginx:1.27').registryDefaulted, false);
    assert.equal(parseImageRef('index.docker.io/nginx').normalized, 'docker.io/library/nginx:latest');
    assert.equal(parseImageRef('a/b/c').repository, 'a/b/c', 'more than one component: no library/');
  });

  it('host:port/path:tag@digest', () => {
    assert.deepEqual(parts(`registry.example.com:5000/team/app:v1.2.3@${DIGEST}`), {
      registry: 'registry.example.com', port: '5000', repository: 'team/app', tag: 'v1.2.3', digest: DIGEST,
      registryDefaulted: false, tagDefaulted: false, valid: true,
    });
    const r = parseImageRef(`registry.example.com:5000/team/app:v1.2.3@${DIGEST}`);
    assert.equal(r.name, 'registry.example.com:5000/team/app');
    assert.equal(r.normalized, r.text);
  });

  it('a digest without a tag leaves the tag unset and not defaulted', () => {
    const r = parseImageRef(`nginx@${DIGEST}`);
    assert.equal(r.tag, undefined);
    assert.equal(r.tagDefaulted, false);
    assert.equal(r.normalized, `docker.io/library/nginx@${DIGEST}`);
  });

  it('the first component is a registry when it has a "." or ":", or is localhost', () => {
    assert.deepEqual([parts('localhost/app').registry, parts('localhost/app').repository], ['localhost', 'app']);
    assert.deepEqual([parts('localhost:5000/app').registry, parts('localhost:5000/app').port, parts('localhost:5000/app').tag], ['localhost', '5000', undefined]);
    assert.equal(parts('ghcr.io/acme/app').registry, 'ghcr.io');
    assert.equal(parts('myhost:443/app').registry, 'myhost');
    assert.deepEqual([parts('myhost/app').registry, parts('myhost/app').repository], ['docker.io', 'myhost/app']);
  });

  it('a port-looking suffix without a "/" after it is a tag', () => {
    assert.deepEqual([parts('localhost:5000').repository, parts('localhost:5000').tag], ['library/localhost', '5000']);
  });

  it('IPv6 registries in brackets, with and without a port', () => {
    assert.deepEqual([parts('[::1]:5000/app:1').registry, parts('[::1]:5000/app:1').port, parts('[::1]:5000/app:1').tag, parts('[::1]:5000/app:1').valid],
      ['[::1]', '5000', '1', true]);
    assert.deepEqual([parts('[fe80::1]/app').registry, parts('[fe80::1]/app').port, parts('[fe80::1]/app').valid], ['[fe80::1]', undefined, true]);
  });

  it('refuses upper case in the path; upper case in the first component makes it a registry', () => {
    assert.equal(parts('Nginx').valid, false);
    assert.equal(parts('acme/App').valid, false);
    assert.match(parseImageRef('acme/App').error!, /lower case/);
    assert.deepEqual([parts('Registry/app').registry, parts('Registry/app').valid], ['Registry', true]);
    assert.equal(parts('REGISTRY.EXAMPLE.COM/app').valid, true, 'host names may have upper case');
  });

  it('path separators: ".", "_", "__" and runs of "-", never at either end', () => {
    for (const ok of ['a.b', 'a_b', 'a__b', 'a-b', 'a---b', 'a0/b1.c_d']) assert.equal(parts(ok).valid, true, ok);
    for (const bad of ['a..b', 'a___b', '-a', 'a-', '.a', 'a/', '/a', 'a//b', '_a']) assert.equal(parts(bad).valid, false, bad);
  });

  it('tags: a word character then up to 127 of [\\w.-]', () => {
    assert.equal(parts('app:V1.2_rc-1').valid, true);
    assert.equal(parts(`app:${'a'.repeat(128)}`).valid, true);
    assert.equal(parts(`app:${'a'.repeat(129)}`).valid, false);
    assert.equal(parts('app:.1').valid, false);
    assert.equal(parts('app:-1').valid, false);
    assert.deepEqual([parts('app:').tag, parts('app:').valid], ['', false]);
  });

  it('digests: algorithm, ":", 32 or more hex digits', () => {
    assert.equal(parts(`app@sha512:${'a'.repeat(128)}`).valid, true);
    assert.equal(parts(`app@sha256+b64u:${'a'.repeat(32)}`).valid, true);
    assert.equal(parts(`app@sha256:${'a'.repeat(31)}`).valid, false);
    assert.equal(parts('app@sha256:xyz').valid, false);
    assert.equal(parts(`app@${'a'.repeat(64)}`).valid, false, 'no algorithm');
  });

  it('refuses a bare image ID, an empty path, a bad registry, whitespace and over-long names', () => {
    assert.equal(parts('a'.repeat(64)).valid, false);
    assert.equal(parts('').valid, false);
    assert.equal(parts('ghcr.io/').valid, false);
    assert.equal(parts('bad_host.io/app').valid, false);
    assert.equal(parts('host.io:port/app').valid, false);
    assert.equal(parts(' nginx').valid, false);
    assert.equal(parts('nginx:1.27 ').valid, false);
    assert.equal(parts(`ghcr.io/${'a'.repeat(247)}`).valid, true);
    assert.equal(parts(`ghcr.io/${'a'.repeat(248)}`).valid, false);
    assert.equal(parts(`a/${'b'.repeat(243)}`).valid, true, 'counted with docker.io/');
    assert.equal(parts(`a/${'b'.repeat(244)}`).valid, false);
  });

  it('still splits what breaks the grammar, by the same rules', () => {
    assert.deepEqual([parts('Acme/App:Latest').registry, parts('Acme/App:Latest').repository, parts('Acme/App:Latest').tag], ['Acme', 'App', 'Latest']);
    assert.deepEqual([parts('nginx:').tag, parts('nginx@sha256:x').digest], ['', 'sha256:x']);
  });

  it('imageBaseName is the last path component', () => {
    assert.equal(imageBaseName(parseImageRef('registry.k8s.io/kube-apiserver-amd64:v1.30.0')), 'kube-apiserver-amd64');
    assert.equal(imageBaseName(parseImageRef('etcd')), 'etcd');
  });
});
