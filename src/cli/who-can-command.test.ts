import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { requestsFor } from './who-can-command.js';

describe('who-can questions', () => {
  it('who-can: exec/attach/port-forward pods stand for the subresource requests; other questions are themselves', () => {
    assert.deepEqual(requestsFor('exec', 'pods', undefined, undefined).map((r) => r.verb), ['create', 'get']);
    assert.deepEqual(requestsFor('port-forward', 'pods', 'shop', undefined).map((r) => `${r.verb} ${r.subresource}`), ['create portforward']);
    assert.deepEqual(requestsFor('exec', 'pods', undefined, 'v1.35.0').map((r) => r.verb), ['create']);
    assert.deepEqual(requestsFor('create', 'pods/exec', undefined, undefined), [{ verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: undefined }]);
  });
});
