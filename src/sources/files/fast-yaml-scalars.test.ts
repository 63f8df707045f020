import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NON_PRINTABLE, codesOf, printableAscii } from './fast-yaml-scalars.js';
import { parseBuffer, parseStream } from './parse-file.js';
import { DocumentPositions, LineIndex } from './yaml-documents.js';

describe('printableAscii', () => {
  const around = (b: number[]): Buffer => Buffer.concat([Buffer.from('a: "x'), Buffer.from(b), Buffer.from('y"\nb: 1\n')]);

  it('agrees with NON_PRINTABLE (CRs aside) on every byte value, and says no to any non-ASCII byte', () => {
    for (let b = 0; b < 256; b++) {
      for (const buf of [Buffer.from([b]), around([b]), Buffer.concat([around([]), Buffer.from([b])])]) {
        const text = buf.toString('utf8');
        const ascii = buf.every((x) => x < 128);
        assert.equal(printableAscii(buf), ascii && !NON_PRINTABLE.test(text.replace(/\r/g, '')), `byte ${b}`);
      }
    }
  });

  it('says no to multi-byte characters, even printable ones, which NON_PRINTABLE is left to judge', () => {
    for (const ch of ['é', '€', '😀', '\u0085', '\uFEFF', '\u009F']) assert.equal(printableAscii(around([...Buffer.from(ch)])), false, ch);
  });

  it('reading from bytes gives what the regular expression gives: a control character still sends the text on', () => {
    // the fast parser itself would take `"x\x01y"`: only the check keeps it from js-yaml's (and the fallback's) judgement
    for (const b of [0x01, 0x08, 0x09, 0x0b, 0x0d, 0x1f, 0x20, 0x7e, 0x7f]) {
      const buf = around([b]);
      const text = buf.toString('utf8');
      const read = parseBuffer(buf);
      assert.ok('items' in read);
      assert.deepEqual(read.items, parseStream(text, [], true, new LineIndex(text), false), `byte ${b}`);
    }
    const clean = parseBuffer(around([0x09]));
    assert.ok('items' in clean && 'docs' in clean.items[0]);
    assert.ok(clean.items[0].docs[0].positions instanceof DocumentPositions);
    assert.deepEqual(clean.items[0].docs[0].value, { a: 'x\ty', b: 1 });
  });
});

describe('codesOf', () => {
  it('gives each UTF-16 code unit of the text, natively and copied, for short and long texts', () => {
    const texts = ['', 'a', 'apiVersion: v1\nkind: Pod\n', 'é€ 😀 \uFEFF \uD800 lone', 'x'.repeat(5000) + '€', '€'.repeat(3000)];
    for (const text of texts) {
      const expected = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
      for (const native of [true, false]) {
        const codes = codesOf(text, native);
        assert.equal(codes.length, text.length);
        assert.deepEqual(Array.from(codes), expected, `${native ? 'native' : 'copied'}: ${text.slice(0, 20)}`);
      }
    }
  });
  it('reads nothing past either end, as charCodeAt gives no character code there', () => {
    const codes = codesOf('ab');
    assert.equal(codes[2], undefined);
    assert.equal(codes[-1], undefined);
  });
});
