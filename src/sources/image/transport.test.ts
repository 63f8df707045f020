import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTransport } from './transport.js';

describe('transports', () => {
  it('reads skopeo\'s transport names: the path ends at the first colon', () => {
    assert.deepEqual(parseTransport('docker-archive:/tmp/a.tar'), { kind: 'docker-archive', path: '/tmp/a.tar' });
    assert.deepEqual(parseTransport('docker-archive:/tmp/a.tar:app:1'), { kind: 'docker-archive', path: '/tmp/a.tar', name: 'app:1' });
    assert.deepEqual(parseTransport('docker-archive:a.tar:@2'), { kind: 'docker-archive', path: 'a.tar', index: 2 });
    assert.deepEqual(parseTransport('oci:/srv/layout'), { kind: 'oci', path: '/srv/layout' });
    assert.deepEqual(parseTransport('oci:/srv/layout:v1.2'), { kind: 'oci', path: '/srv/layout', name: 'v1.2' });
    assert.deepEqual(parseTransport('oci-archive:img.tar:latest'), { kind: 'oci-archive', path: 'img.tar', name: 'latest' });
    assert.throws(() => parseTransport('docker-archive:'), /docker-archive: needs a path/);
    assert.throws(() => parseTransport('docker-archive:a.tar:@x'), /is not @ and an image index/);
  });

  it('reads registry references, also as docker://', () => {
    const t = parseTransport('nginx:1.27');
    assert.equal(t.kind === 'registry' && t.ref.normalized, 'docker.io/library/nginx:1.27');
    const u = parseTransport('docker://localhost:5000/app@sha256:' + 'a'.repeat(64));
    assert.equal(u.kind === 'registry' && u.ref.port, '5000');
    assert.throws(() => parseTransport('Not_Valid!!'), /not an image reference/);
  });
});
