import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editFix, setFix } from './define.js';

describe('setFix', () => {
  it('is what editFix gives for one set edit, key order included (the report\'s bytes)', () => {
    const path = ['spec', 'containers', 0, 'securityContext', 'readOnlyRootFilesystem'];
    for (const safety of ['safe', { review: 'it may break writes' }] as const) {
      for (const value of [true, 0, 'x', { a: 1 }, undefined]) {
        const made = setFix('set it', path, value, safety);
        const general = editFix('set it', [{ op: 'set', path, value }], safety);
        assert.deepEqual(made, general);
        assert.equal(JSON.stringify(made), JSON.stringify(general));
      }
    }
    assert.deepEqual(setFix('set it', ['spec', 'a'], 1, { review: 'r' }), {
      description: 'set it', edits: [{ op: 'set', path: 'spec.a', value: 1 }], safety: 'review', reviewReason: 'r',
    });
  });
});
