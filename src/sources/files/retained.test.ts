// What a parsed file keeps for the rest of the scan: its positions hold the compact events of its
// documents, and no more. The fast parser writes the events of many files into one shared array
// and keeps a view of each file's part; an array per file, grown by doubling and kept whole, once
// held 1.4 GB for 50k small files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fastParse } from './fast-yaml.js';
import { Slots } from './yaml-events.js';
import { DocumentPositions, parseChunk } from './yaml-documents.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers: [{name: a, image: nginx:1.27}]\n';

describe('the events a parsed file keeps', () => {
  it('are the events written, for a small file', () => {
    const parsed = fastParse(POD);
    assert.ok(parsed);
    assert.equal(parsed.data.length, parsed.count * Slots.W);
    const result = parseChunk(POD, { start: 0, end: POD.length, line: 1 });
    assert.ok('documents' in result);
    const positions = result.documents[0].positions;
    assert.ok(positions instanceof DocumentPositions);
    assert.equal(positions.data.length, parsed.count * Slots.W);
  });

  it('are all there for a file that outgrew the first array', () => {
    const text = Array.from({ length: 300 }, (_, i) => POD.replace('name: p', `name: p${i}`)).join('---\n');
    const parsed = fastParse(text);
    assert.ok(parsed && parsed.count > 1024);
    assert.equal(parsed.data.length, parsed.count * Slots.W);
    assert.equal(parsed.values.length, 300);
  });
});
