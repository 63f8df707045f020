import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { itemPositions } from './list-items.js';
import { DocumentPositions, parseChunk, splitDocuments, type ParsedDocument } from './yaml-documents.js';

function documents(text: string): ParsedDocument[] {
  const docs: ParsedDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    const parsed = parseChunk(text, chunk);
    assert.ok(!('error' in parsed), JSON.stringify(parsed));
    docs.push(...parsed.documents);
  }
  return docs;
}

/** Every path to a node inside `value`, the empty path included. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

const LISTS: Array<[string, string]> = [
  ['block items', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n  spec:\n    containers:\n    - {name: c, image: "x:1"}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: b}\n  spec: {}\n'],
  ['a quoted items key after other keys', 'kind: List\napiVersion: v1\nmetadata: {resourceVersion: ""}\n"items":\n  - {apiVersion: v1, kind: ServiceAccount, metadata: {name: s}}\n  - |\n    not an object\n'],
  ['JSON, as kubectl -o json prints it', '{\n  "apiVersion": "v1",\n  "items": [\n    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"k": "v"}},\n    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "d"}}\n  ],\n  "kind": "List"\n}\n'],
  ['CRLF line ends, in the second document', 'a: 1\r\n---\r\napiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata: {name: a}\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata: {name: b}\r\n'],
  ['anchors and aliases (the js-yaml path)', 'apiVersion: v1\nkind: List\nitems:\n- &p {apiVersion: v1, kind: Pod, metadata: {name: a}}\n- *p\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: c, labels: &l {x: y}}\n  spec: {nodeSelector: *l}\n'],
];

describe('itemPositions', () => {
  for (const [name, text] of LISTS) {
    it(`resolves every path of every item as ['items', i, ...path] does from the root: ${name}`, () => {
      const doc = documents(text).find((d) => (d.value as { kind?: string }).kind === 'List')!;
      const items = (doc.value as { items: unknown[] }).items;
      const positions = itemPositions(doc, items.length, text);
      assert.ok(positions, 'positions for the items');
      items.forEach((item, i) => {
        for (const p of [...paths(item), ['nothing', 'here']]) {
          assert.deepEqual(positions[i].resolve(p), doc.positions.resolve(['items', i, ...p]), `item ${i} ${p.join('.')}`);
          assert.deepEqual(positions[i].resolve(p, true), doc.positions.resolve(['items', i, ...p], true), `item ${i} ${p.join('.')}, start only`);
        }
      });
    });
  }

  it('leaves to the root walk what it cannot match: items from a merge key, the yaml package\'s positions', () => {
    const merged = 'base: &b {items: [{apiVersion: v1, kind: Pod, metadata: {name: a}}]}\napiVersion: v1\nkind: List\n<<: *b\n';
    const [doc] = documents(merged);
    assert.equal(itemPositions(doc, 1, merged), undefined);
    // js-yaml refuses a `]` at its key's indentation; the yaml package reads it
    const lenient = 'apiVersion: v1\nkind: List\nitems: [\n  {apiVersion: v1, kind: Pod, metadata: {name: a}}\n]\n';
    const [fallback] = documents(lenient);
    assert.ok(!(fallback.positions instanceof DocumentPositions));
    assert.equal(itemPositions(fallback, 1, lenient), undefined);
  });
});
