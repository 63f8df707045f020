import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChallenges } from './challenge.js';

describe('WWW-Authenticate', () => {
  it('parses the Bearer challenge of the token spec', () => {
    assert.deepEqual(parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"'), [
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:samalba/my-app:pull,push' } },
    ]);
  });

  it('parses Basic, token values, escapes and several challenges', () => {
    assert.deepEqual(parseChallenges('Basic realm="Registry \\"x\\""'), [{ scheme: 'basic', params: { realm: 'Registry "x"' } }]);
    assert.deepEqual(parseChallenges('Basic realm=reg, Bearer realm="https://a/t", error="invalid_token"'), [
      { scheme: 'basic', params: { realm: 'reg' } },
      { scheme: 'bearer', params: { realm: 'https://a/t', error: 'invalid_token' } },
    ]);
    assert.deepEqual(parseChallenges(''), []);
  });
});
