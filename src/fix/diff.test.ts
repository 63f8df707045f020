// The --dry-run diff's header lines carry file names: a newline or ESC in a name must not forge a
// line. The diff package quotes such names as git does ("a/x\n…", octal escapes); this keeps it so.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { redactedDiff } from './diff.js';
import { DEFAULT_INPUTS } from '../controls/inputs.js';

describe('redactedDiff', () => {
  it('shows control characters in the file name escaped, one header line per name', () => {
    const file = path.join(process.cwd(), 'evil\n+++ b/forged\u001b[2K.yaml');
    const diff = redactedDiff(file, 'a: 1\n', 'a: 2\n', DEFAULT_INPUTS);
    const headers = diff.split('\n').filter((l) => l.startsWith('--- ') || l.startsWith('+++ '));
    assert.deepEqual(headers, ['--- "a/evil\\n+++ b/forged\\033[2K.yaml"', '+++ "b/evil\\n+++ b/forged\\033[2K.yaml"']);
    assert.ok(!diff.includes('\u001b'));
  });
});
