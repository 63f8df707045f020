import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatPath, parsePath } from './paths.js';

describe('formatPath', () => {
  it('writes plain keys with dots, indices in brackets and other keys quoted', () => {
    assert.equal(formatPath([]), '');
    assert.equal(formatPath(['spec', 'containers', 0, 'image']), 'spec.containers[0].image');
    assert.equal(formatPath([0, 'name']), '[0].name');
    assert.equal(formatPath(['metadata', 'annotations', 'a.b/c']), 'metadata.annotations["a.b/c"]');
    assert.equal(formatPath(['data', '0']), 'data["0"]', 'a string that looks like an index is a key');
    assert.equal(formatPath(['data', '']), 'data[""]');
    assert.equal(formatPath(['', 'x']), '[""].x');
  });

  it('gives the same text for a path met again, and for paths that share a beginning', () => {
    const a = formatPath(['spec', 'template', 'spec', 'containers', 1, 'securityContext']);
    assert.equal(formatPath(['spec', 'template', 'spec', 'containers', 1, 'securityContext']), a);
    assert.equal(formatPath(['spec', 'template', 'spec', 'containers', 1]), 'spec.template.spec.containers[1]');
    assert.equal(formatPath(['spec', 'template', 'spec', 'containers', '1']), 'spec.template.spec.containers["1"]');
  });

  it('past the paths it remembers, builds each as before: the same text, and parsePath reads it back', () => {
    // more distinct paths than formatPath keeps (ConfigMap keys, annotations of a large input)
    for (let i = 0; i < 30_000; i++) {
      const path = ['data', `key-${i}`, i, `k.${i}`];
      const text = formatPath(path);
      assert.equal(text, `data.key-${i}[${i}]["k.${i}"]`);
      if (i % 1000 === 0) assert.deepEqual(parsePath(text), path);
    }
    assert.equal(formatPath(['spec', 'containers', 0, 'image']), 'spec.containers[0].image');
  });
});
