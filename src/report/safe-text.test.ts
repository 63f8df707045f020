// escapeControls / escapeMultiline: which characters become visible escapes, and in what form.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeControls, escapeMultiline } from './safe-text.js';

describe('escapeControls', () => {
  it('shows C0, DEL and C1 controls as \\xNN, and newline, CR and tab by name', () => {
    assert.equal(escapeControls('a\u001b[2Kb\u0007\u0000\u007f\u0085\u009b'), 'a\\x1b[2Kb\\x07\\x00\\x7f\\x85\\x9b');
    assert.equal(escapeControls('one\ntwo\r\tthree'), 'one\\ntwo\\r\\tthree');
  });

  it('shows bidi controls and the line and paragraph separators as \\uNNNN', () => {
    assert.equal(escapeControls('x\u202ey\u2066z\u2069\u2028\u2029\u200f'), 'x\\u202ey\\u2066z\\u2069\\u2028\\u2029\\u200f');
  });

  it('leaves printable text alone, backslashes and non-Latin scripts included', () => {
    const text = 'C:\\dir\\web.yaml — Größe 東京 ✓ 😀 \u00a0';
    assert.equal(escapeControls(text), text);
  });
});

describe('escapeMultiline', () => {
  it('keeps line breaks, tabs and CRLF line ends, and escapes the rest', () => {
    assert.equal(escapeMultiline('a\tb\nc\r\nd\re\u001b[31m\u202e'), 'a\tb\nc\r\nd\\re\\x1b[31m\\u202e');
  });
});
