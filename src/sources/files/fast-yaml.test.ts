// The fast YAML parser against js-yaml: on cases, on every corpus file and on mutations of corpus
// excerpts. Wherever the fast parser takes a text it must give the same values and the same event
// offsets (so the same finding locations); everything else it must leave to js-yaml.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fastParse } from './fast-yaml.js';
import { assertFastAgrees as assertAgrees, assertSameDocuments, fuzz, readYaml as read, yamlFiles } from '../../testing/yaml-fuzz.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CORPUS = path.join(ROOT, 'test/corpus');

const accepted: Array<[string, string]> = [
  ['a block mapping with typed scalars', 'a: 1\nb: true\nc: null\nd: ~\ne: 1.5\nf: 0x1F\ng: 0o17\nh: .inf\ni: -.5e3\nj: text\nk: "2"\n'],
  ['keys that type as numbers, booleans and null become their strings', '1: a\ntrue: b\nnull: c\n0x10: d\n'],
  ['nested mappings and sequences, indented and not', 'spec:\n  containers:\n  - name: a\n    ports:\n      - containerPort: 80\n        protocol: TCP\n  - name: b\n'],
  ['sequences of sequences and empty entries', '- - a\n  - b\n-\n- c\n'],
  ['empty values', 'a:\nb:\n  c:\nd: 1\n'],
  ['comments everywhere', '# head\na: 1 # after\n  # indented\nb: "x" # q\n# between\nc:\n  # before child\n  d: 2\n'],
  ['quoted scalars with escapes, on one line and over several', "a: 'it''s'\nb: \"tab\\there \\u00e9 \\x41 \\U0001F600 \\\" \\/\"\nc: \"one\n  two\n\n  three\"\nd: 'x\n  y'\n"],
  ['quoted keys', '"a b": 1\n\'c\': 2\n"x:y": 3\n'],
  ['plain scalars over several lines', 'description: one two\n  three\n\n  four\nnext: x\nseq:\n- a\n  b\n'],
  ['plain scalars with colons, hashes and dashes inside', 'image: nginx:1.2\nurl: http://x/#frag\nflag: --port=80\nneg: -1\ntime: 12:30\n'],
  ['literal and folded block scalars with each chomping', 'a: |\n  l1\n\n    l2\n  l3\nb: >\n  f1\n  f2\n\n  f3\nc: |-\n  x\nd: |+\n  y\n\ne: >-\n  z\n'],
  ['block scalars in sequences and with a comment on the header', 'args:\n- |\n  echo hi\n- >- # folded\n  a\n  b\n'],
  ['flow collections on one line', 'a: []\nb: {}\nc: [x, "y", 1, [z]]\nd: {k: v, "q": [1, 2]}\ne: [a, b, ]\n'],
  ['flow collections over several lines, JSON included', '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "spec": {"containers": [\n    {"name": "a", "ports": [80,\n      443]}\n  ]}\n}\n'],
  ['a command as a flow sequence on its own lines', 'command:\n  [\n    "sh", # the shell\n    "-c",\n  ]\n'],
  ['several documents, markers, empty documents and ...', '---\na: 1\n---\n# only a comment\n---\nb: 2\n...\n---\nc: [3]\n'],
  ['a document that does not start on the first line', '\n\n  a: 1\n  b:\n    - x\n'],
  ['a document that is a scalar or a sequence', '--- # c\nhello\n---\n- a\n'],
  ['unicode outside the BMP', 'message: "🚨 ok" \nplain: 🐐 goat\n'],
  ['mixed CRLF and LF line ends', 'a: 1\r\nb: 2\nc: |\r\n  x\n  y\r\nd: "p\n  q"\r\n'],
  ['CRLF line ends, offsets moved back to the original text', 'a: 1\r\nb: |\r\n  x\r\n\r\n  y\r\nc: "p\r\n  q"\r\nd: [1,\r\n  2]\r\ne: one\r\n  two\r\n'],
];

const declined: Array<[string, string]> = [
  ['anchors and aliases', 'a: &x 1\nb: *x\n'],
  ['tags', 'a: !!str 1\n'],
  ['merge keys', 'a: {x: 1}\nb:\n  <<: {y: 2}\n'],
  ['duplicate keys (js-yaml reports them)', 'a: 1\na: 2\n'],
  ['__proto__ keys', '__proto__: 1\n'],
  ['complex keys', '? a\n: b\n'],
  ['directives', '%YAML 1.2\n---\na: 1\n'],
  ['content after --- on its line', '--- a: 1\n'],
  ['tabs in indentation', 'a:\n\tb: 1\n'],
  ['a CR that does not end a line', 'a: 1\rb: 2\n'],
  ['a block scalar indentation indicator', 'a: |2\n   x\n'],
  ['non-printable characters', 'a: "\u0007"\n'],
  ['a mapping after a scalar (an error)', 'a: b: c\n'],
  ['a quoted key after a key on its line (an error)', 'a: "b": c\nd: "e":\n'],
  ['bad indentation (an error)', 'a:\n    b: 1\n  c: 2\n'],
  ['an unclosed quote (an error)', 'a: "x\n'],
  ['an unknown escape (an error)', 'a: "b\\ic"\n'],
  ['a short hex escape (an error)', 'a: ["\\x4"]\n'],
  ['a tab inside a flow collection (js-yaml: deficient indentation)', 'a: [x,\ty]\n'],
  ['a flow collection with deficient indentation (an error)', 'a:\n  b: [1,\n  2]\n'],
  ['nesting deeper than 100 levels', '['.repeat(101) + ']'.repeat(101)],
  ['a lone - in a flow sequence (an error)', '[-]'],
  ['a lone ? in a flow sequence (an error)', '[?]'],
  ['a lone - as a flow mapping value (an error)', '{x: -}'],
  ['a tab before a flow collection as a mapping value (js-yaml: deficient indentation)', 'x:\n  k: \t[1]\n  j: 2\n'],
  ['a tab and a space after a sequence entry\'s dash', '   -\t spec:\n      hostNetwork: true'],
  ['a last block scalar line of spaces with no line break after it', 'a: |\n  x\n   '],
];

/** Documents that a block scalar at the root must not swallow: each is scanned as js-yaml reads it. */
const markersInRootScalars: Array<[string, string]> = [
  ['| then ---', '---\n|\nnotes\n---\napiVersion: v1\nkind: Pod\n'],
  ['> then ---', '---\n>\nnotes\nmore\n---\napiVersion: v1\nkind: Pod\n'],
  ['| then ...', '|\nnotes\n...\napiVersion: v1\nkind: Pod\n'],
  ['|- on the --- line, marker after several lines', '--- |-\na\nb\n\nc\n---\nkind: Pod\n'],
  ['a marker with a comment after it', '>+\nx\n--- # next\nkind: Pod\n'],
];

describe('fast YAML parser', () => {
  for (const [name, text] of accepted) {
    it(`parses ${name} as js-yaml does, offsets included`, () => {
      assert.equal(assertAgrees(text), true, 'expected the fast path to take this text');
    });
  }
  for (const [name, text] of declined) {
    it(`leaves ${name} to js-yaml`, () => {
      assert.equal(fastParse(text), undefined);
    });
  }
  for (const [name, text] of markersInRootScalars) {
    it(`ends a block scalar at the root at a document marker (${name}): the next document is read`, () => {
      assertAgrees(text);
      assertSameDocuments(text);
      const fast = fastParse(text);
      if (fast) assert.equal(fast.values.length, 2, 'two documents');
    });
  }
  it('types plain scalars with the schema\'s resolvers, so that a number stays a number', () => {
    const fast = fastParse('replicas: 3\nport: "80"\nenabled: True\nversion: 1.10\n');
    assert.deepEqual(fast?.values, [{ replicas: 3, port: '80', enabled: true, version: 1.1 }]);
  });
});

describe('fast YAML parser against js-yaml', () => {
  it('agrees on every corpus file it takes, as written and with CRLF line ends, and takes at least 95% of them', () => {
    const files = yamlFiles(CORPUS);
    let taken = 0, takenCrlf = 0;
    for (const file of files) {
      const text = read(file);
      if (assertAgrees(text)) taken++;
      if (assertAgrees(text.replace(/\r?\n/g, '\r\n'))) takenCrlf++;
    }
    assert.ok(files.length > 500, `corpus has ${files.length} files`);
    assert.ok(taken / files.length >= 0.95, `fast path took ${taken} of ${files.length} corpus files`);
    assert.ok(takenCrlf / files.length >= 0.95, `fast path took ${takenCrlf} of ${files.length} corpus files with CRLF line ends`);
  });

  it('agrees on the examples and the test fixtures it takes', () => {
    const files = [...yamlFiles(path.join(ROOT, 'examples')), ...yamlFiles(path.join(ROOT, 'test'))];
    let taken = 0;
    for (const file of files) if (assertAgrees(read(file))) taken++;
    assert.ok(taken > 0);
  });

  it('agrees with js-yaml on 4,000 seeded mutations of corpus excerpts (markers inside block scalars, root block scalars, CRLF), or declines them; no document hidden or lost', () => {
    // A fixed seed: the same cases every run; capped at 20 s on a slow machine. `npm run fuzz` runs longer.
    const texts = yamlFiles(CORPUS).map(read).filter((t) => t.length < 20_000);
    const r = fuzz(texts, { seed: 20261129, cases: 4000, seconds: 20 });
    assert.ok(r.cases >= 1000, `only ${r.cases} cases ran in ${r.seconds.toFixed(1)} s`);
    assert.ok(r.fastTaken > r.cases / 10, `fast path took only ${r.fastTaken} of ${r.cases} mutated excerpts`);
  });
});
