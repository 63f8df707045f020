import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImageRef } from '../../../model/image-ref.js';
import { apiHost, isLoopback } from './client.js';

describe('registry client', () => {
  it('serves Docker Hub from registry-1.docker.io, others from their host and port', () => {
    assert.equal(apiHost(parseImageRef('nginx')), 'registry-1.docker.io');
    assert.equal(apiHost(parseImageRef('index.docker.io/library/nginx')), 'registry-1.docker.io');
    assert.equal(apiHost(parseImageRef('localhost:5000/app')), 'localhost:5000');
    assert.equal(apiHost(parseImageRef('ghcr.io/org/app:1')), 'ghcr.io');
  });

  it('allows plain HTTP by default only to loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]']) assert.equal(isLoopback(h), true, h);
    for (const h of ['10.0.0.1', 'localhost.example.com', '128.0.0.1', 'example.com', '0.0.0.0']) assert.equal(isLoopback(h), false, h);
  });
});
