import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, parseChunk, splitDocuments, type ParsedDocument } from './yaml-documents.js';

function parseAll(text: string): { docs: ParsedDocument[]; errors: Array<{ line: number; message: string }> } {
  const docs: ParsedDocument[] = [];
  const errors: Array<{ line: number; message: string }> = [];
  for (const chunk of splitDocuments(text)) {
    const r = parseChunk(text, chunk);
    if ('error' in r) errors.push(r.error); else docs.push(...r.documents);
  }
  return { docs, errors };
}

function lineOf(text: string, doc: ParsedDocument, path: Array<string | number>): { line: number; column: number; exact: boolean } {
  const span = doc.positions.resolve(path);
  return { ...new LineIndex(text).at(span.start), exact: span.exact };
}

describe('splitDocuments', () => {
  it('splits at --- lines and keeps each document\'s first line', () => {
    const text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n';
    assert.deepEqual(splitDocuments(text).map((c) => c.line), [1, 2, 4]);
  });
  it('does not split at --- inside a line or indented', () => {
    const text = 'a: "x --- y"\nb: |\n  ---\n  text\n';
    assert.equal(splitDocuments(text).length, 1);
  });
  it('ends a document at ... and keeps a %YAML directive with the next one', () => {
    const text = 'a: 1\n...\n%YAML 1.2\n---\nb: 2\n';
    const { docs, errors } = parseAll(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(docs.map((d) => d.value), [{ a: 1 }, { b: 2 }]);
  });
});

describe('parseChunk', () => {
  it('finds the same document lines with the line index as by counting (fast parser, js-yaml, chunks, CRLF)', () => {
    const texts = [
      '# head\n\na: 1\n---\n# c\n\nb: 2\n--- # x\nc: [1, 2]\n...\n---\n\n\nd: 4\n',
      'a: &x 1\nb: *x\n---\n\n# tagged: js-yaml parses it\nc: !!str 3\n',
      '# head\r\n\r\na: 1\r\n---\r\n# c\r\n\r\nb: 2\r\n',
    ];
    for (const text of texts) {
      const lines = new LineIndex(text);
      const whole = { start: 0, end: text.length, line: 1 };
      for (const chunks of [[whole], splitDocuments(text)]) {
        for (const chunk of chunks) {
          const counted = parseChunk(text, chunk);
          const looked = parseChunk(text, chunk, { lines });
          assert.ok('documents' in counted && 'documents' in looked);
          assert.ok(counted.documents.length > 0);
          assert.deepEqual(looked.documents.map((d) => d.line), counted.documents.map((d) => d.line));
        }
      }
      assert.deepEqual(
        (parseChunk(text, whole, { lines }) as { documents: ParsedDocument[] }).documents.map((d) => d.line),
        text.startsWith('a: &x') ? [1, 6] : text.includes('\r') ? [3, 7] : [3, 7, 9, 14],
      );
    }
  });
  it('a broken document does not take its neighbours with it', () => {
    const text = 'a: 1\n---\nb: [\n---\nc: 3\n';
    const { docs, errors } = parseAll(text);
    assert.deepEqual(docs.map((d) => d.value), [{ a: 1 }, { c: 3 }]);
    assert.equal(errors.length, 1);
    assert.ok(errors[0].line >= 3 && errors[0].line <= 4, `error line ${errors[0].line}`);
  });
  it('reports duplicate keys at the duplicate', () => {
    const { errors } = parseAll('---\nkind: Pod\nspec: {}\nkind: Service\n');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].line, 4);
    assert.match(errors[0].message, /duplicated mapping key/);
  });
  it('never quotes the input in an error', () => {
    const { errors } = parseAll('password: "hunter2-canary\nnext: [\n');
    assert.equal(errors.length, 1);
    assert.doesNotMatch(errors[0].message, /hunter2/);
  });
  it('refuses an alias bomb', () => {
    const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const p = String.fromCharCode(97 + i - 1), q = String.fromCharCode(97 + i);
      lol.push(`${q}: &${q} [*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p}]`);
    }
    const { docs, errors } = parseAll(lol.join('\n') + '\n');
    assert.equal(docs.length, 0);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /alias bomb/);
  });
  it('accepts ordinary anchors and merge keys', () => {
    const { docs, errors } = parseAll('base: &b {x: 1}\nderived:\n  <<: *b\n  z: 2\n');
    assert.deepEqual(errors, []);
    assert.deepEqual(docs[0].value, { base: { x: 1 }, derived: { x: 1, z: 2 } });
  });
  it('types plain scalars as Kubernetes does (YAML 1.1, go-yaml v2), on the fast path, through js-yaml (anchors) and through the yaml package (js-yaml refuses the text)', () => {
    const body = 'a: yes\nb: on\nc: y\nd: Off\ne: n\nf: 012\ng: 0b101\nh: 1_000\ni: "yes"\nj: 0o17\nk: 08\nl: 2001-12-14\nm: 1:30\nyes: key\n012: key\n';
    const expected = {
      a: true, b: true, c: true, d: false, e: false, f: 10, g: 5, h: 1000, i: 'yes', j: 15, k: 8, l: '2001-12-14', m: '1:30',
      true: 'key', 10: 'key',
    };
    const fast = parseAll(body);
    const viaJsYaml = parseAll(`anchor: &x 1\n${body}`);
    const viaYamlPackage = parseAll(`list: [1,\n]\n${body}`); // js-yaml refuses the ] at column 0
    for (const [how, r] of [['fast', fast], ['js-yaml', viaJsYaml], ['yaml package', viaYamlPackage]] as const) {
      assert.deepEqual(r.errors, [], how);
      const value = { ...(r.docs[0].value as Record<string, unknown>) };
      delete value.anchor;
      delete value.list;
      assert.deepEqual(value, expected, how);
    }
  });
  it('accepts what Kubernetes accepts but js-yaml refuses: a flow sequence closed at its key\'s indentation', () => {
    const text = 'a: 1\n---\nspec:\n  args: [\n    "x",\n  ]\n  env:\n    name: v\n';
    const { docs, errors } = parseAll(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(docs[1].value, { spec: { args: ['x'], env: { name: 'v' } } });
    assert.equal(docs[1].line, 3);
    assert.deepEqual(lineOf(text, docs[1], ['spec', 'env', 'name']), { line: 8, column: 5, exact: true });
    assert.deepEqual(lineOf(text, docs[1], ['spec', 'args', 0]), { line: 5, column: 5, exact: true });
    assert.deepEqual(lineOf(text, docs[1], ['spec', 'missing']), { line: 3, column: 1, exact: false });
  });
  it('still refuses duplicate keys when the fallback parser sees them', () => {
    const { errors } = parseAll('spec:\n  args: [\n    "x",\n  ]\n  args: []\n');
    assert.equal(errors.length, 1);
  });
  it('skips empty documents', () => {
    const { docs } = parseAll('---\n---\n# only a comment\n---\na: 1\n');
    assert.equal(docs.length, 1);
  });
  it('finds every document of a stream whose roots are mappings, sequences, scalars and empty (both parsers)', () => {
    // toDocuments steps from a document's root to its end: each kind of root, nested collections
    // inside them, and empty documents between them
    const body = '---\na:\n  b: [1, {c: 2}]\n---\n- x\n- [u, v]\n---\nplain\n---\n---\n"quoted"\n---\n{d: [3]}\n---\n- e: 4\n';
    for (const text of [body, `k: &anchor 1\nl: *anchor\n${body}`]) { // an alias: js-yaml parses it
      const result = parseChunk(text, { start: 0, end: text.length, line: 1 }, { lines: new LineIndex(text) });
      assert.ok('documents' in result);
      const aliased = text.startsWith('k:');
      assert.deepEqual(result.documents.map((d) => d.value), [
        ...(aliased ? [{ k: 1, l: 1 }] : []), { a: { b: [1, { c: 2 }] } }, ['x', ['u', 'v']], 'plain', 'quoted', { d: [3] }, [{ e: 4 }],
      ]);
      assert.deepEqual(result.documents.map((d) => d.line), [...(aliased ? [1] : []), ...[2, 5, 8, 11, 13, 15].map((l) => l + (aliased ? 2 : 0))]);
    }
  });
});

describe('DocumentPositions.resolve', () => {
  const text = [
    'apiVersion: v1',            // 1
    'kind: Pod',                 // 2
    'metadata:',                 // 3
    '  name: web',               // 4
    '  annotations:',            // 5
    '    "a.b/c": "yes"',        // 6
    'spec:',                     // 7
    '  containers:',             // 8
    '  - name: a',               // 9
    '    image: nginx',          // 10
    '  - {name: b, image: x, securityContext: {privileged: true}}', // 11
    '',
  ].join('\n');
  const doc = parseAll(text).docs[0];

  it('resolves block keys to the key\'s line and column', () => {
    assert.deepEqual(lineOf(text, doc, ['spec', 'containers', 0, 'image']), { line: 10, column: 5, exact: true });
  });
  it('resolves flow mappings inside sequences', () => {
    assert.deepEqual(lineOf(text, doc, ['spec', 'containers', 1, 'securityContext', 'privileged']), { line: 11, column: 43, exact: true });
  });
  it('resolves quoted keys', () => {
    assert.deepEqual(lineOf(text, doc, ['metadata', 'annotations', 'a.b/c']), { line: 6, column: 5, exact: true });
  });
  it('falls back to the nearest existing parent for a missing path', () => {
    assert.deepEqual(lineOf(text, doc, ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot']), { line: 9, column: 5, exact: false });
    assert.deepEqual(lineOf(text, doc, ['spec', 'containers', 7]), { line: 8, column: 3, exact: false });
  });
  it('gives an end past the value', () => {
    const span = doc.positions.resolve(['spec', 'containers', 0, 'image']);
    assert.equal(text.slice(span.start, span.end), 'image: nginx');
  });
  it('works in the second document of a file, on the file\'s own lines', () => {
    const two = 'a: 1\n---\nkind: X\nspec:\n  deep:\n    key: v\n';
    const second = parseAll(two).docs[1];
    assert.deepEqual(lineOf(two, second, ['spec', 'deep', 'key']), { line: 6, column: 5, exact: true });
  });
  it('resolves a key with an empty value to the key', () => {
    const t = 'spec:\n  hostPID:\n  x: 1\n';
    const d = parseAll(t).docs[0];
    assert.deepEqual(lineOf(t, d, ['spec', 'hostPID']), { line: 2, column: 3, exact: true });
  });
  it('gives the same spans for paths resolved in turn on one document as on a fresh one (shared, diverging, missing and shorter paths)', () => {
    const paths: Array<Array<string | number>> = [
      ['spec', 'containers', 0, 'image'],
      ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'],
      ['spec', 'containers', 1, 'securityContext', 'privileged'],
      ['spec', 'containers', 1, 'securityContext', 'privileged'],
      ['spec', 'containers', 1],
      ['spec', 'containers', 7, 'image'],
      ['spec', 'containers', 0, 'name'],
      ['metadata', 'annotations', 'a.b/c'],
      [],
      ['spec', 'containers', 1, 'name'],
      ['nope', 'containers'],
      ['spec', 'containers', 0, 'image'],
    ];
    const reused = parseAll(text).docs[0];
    for (const path of paths) {
      const fresh = parseAll(text).docs[0];
      assert.deepEqual(reused.positions.resolve(path), fresh.positions.resolve(path), path.join('.'));
      assert.deepEqual(reused.positions.resolve(path, true), fresh.positions.resolve(path, true), path.join('.'));
    }
  });
  it('handles JSON input', () => {
    const json = '{\n  "kind": "Pod",\n  "spec": {\n    "hostPID": true\n  }\n}\n';
    const d = parseAll(json).docs[0];
    assert.deepEqual(lineOf(json, d, ['spec', 'hostPID']), { line: 4, column: 5, exact: true });
  });
});

describe('LineIndex', () => {
  /** Line and column of `offset` by counting, the way the index must agree with. */
  function counted(text: string, offset: number): { line: number; column: number } {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  }
  it('agrees with counting, at every offset of texts with and without a final newline, empty lines and CRLF', () => {
    for (const text of ['', 'a', '\n', 'a\nb', 'a\nb\n', '\n\n\nx\n', 'key: v\r\nother: w\r\n', 'é\n😀 x\ny']) {
      const lines = new LineIndex(text);
      for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(lines.at(offset), counted(text, offset), `${JSON.stringify(text)} at ${offset}`);
    }
  });
  it('agrees with counting where the text has far more lines than its length suggests (the array of line starts grows)', () => {
    const text = '\n'.repeat(5000) + 'a: 1\n' + 'x\n'.repeat(3000);
    const lines = new LineIndex(text);
    for (const offset of [0, 1, 2499, 4999, 5000, 5003, 5005, 7000, text.length - 1, text.length]) {
      assert.deepEqual(lines.at(offset), counted(text, offset), `at ${offset}`);
    }
  });
});
