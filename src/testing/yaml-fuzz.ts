// Differential fuzzing of the YAML reading path against js-yaml, shared by the test suite (a short
// seeded run, src/sources/files/fast-yaml.test.ts) and `npm run fuzz` (a long one).
//
// Two properties, on corpus excerpts mutated at random:
//  1. The fast parser either declines a text or gives exactly js-yaml's values and event offsets
//     (so the same finding locations).
//  2. The whole reading path (`parseStream`: the fast parser, js-yaml, the split into documents)
//     gives, for a text js-yaml loads, the same documents with the same values: no document is
//     hidden inside another, none is lost, none is made up.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseEvents, constructFromEvents } from '../sources/files/js-yaml.js';
import { KUBERNETES_SCHEMA } from '../sources/files/kubernetes-schema.js';
import { fastParse } from '../sources/files/fast-yaml.js';
import { parseStream } from '../sources/files/parse-file.js';
import { Slots, compactEvents } from '../sources/files/yaml-events.js';

const SCHEMA = KUBERNETES_SCHEMA;

/** What the js-yaml path makes of a text: values and compact events, or the error it throws. */
export function viaJsYaml(text: string): { values: unknown[]; events: number[] } | { error: string } {
  try {
    const events = parseEvents(text, { maxDepth: 200 });
    const values = constructFromEvents(events, { source: text, schema: SCHEMA, maxTotalMergeKeys: 100_000 });
    const compact = compactEvents(events);
    return { values, events: Array.from(compact.data.subarray(0, compact.count * Slots.W)) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Property 1. Returns whether the fast parser took the text; throws where it disagrees. */
export function assertFastAgrees(text: string): boolean {
  const fast = fastParse(text);
  if (!fast) return false;
  const expected = viaJsYaml(text);
  assert.ok(!('error' in expected), `fast parser accepted what js-yaml refuses (${'error' in expected ? expected.error : ''}): ${JSON.stringify(text)}`);
  assert.deepEqual(fast.values, expected.values, `values differ for ${JSON.stringify(text)}`);
  assert.deepEqual(Array.from(fast.data.subarray(0, fast.count * Slots.W)), expected.events, `events differ for ${JSON.stringify(text)}`);
  return true;
}

/** Property 2: where js-yaml loads the text, the reading path gives the same documents. */
export function assertSameDocuments(text: string): void {
  const expected = viaJsYaml(text);
  if ('error' in expected) return;
  const values: unknown[] = [];
  for (const item of parseStream(text, [], true)) {
    assert.ok('docs' in item, `a text js-yaml loads gave an error: ${JSON.stringify(text)}`);
    for (const d of item.docs) values.push(d.value);
  }
  // Compared: the documents that are collections, what a Kubernetes object (or a List) is. Empty
  // documents (a `---` with nothing after it, or only a tag) are left out by the reading path, as
  // kubectl leaves them out; a scalar document is never an object either way. A document hidden in
  // a scalar, lost or made up still shows: the collection is on one side only.
  const some = (xs: unknown[]) => xs.filter((v) => v !== null && typeof v === 'object');
  assert.deepEqual(some(values), some(expected.values), `documents differ for ${JSON.stringify(text)}`);
}

/** The YAML files under a folder, sorted. */
export function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(full, out);
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(full);
  }
  return out.sort();
}

export function readYaml(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

/** Pieces inserted at random places: YAML's indicators, markers, escapes, odd characters. */
const PIECES = [
  ' ', '  ', '\n', '\n  ', '\n    ', ':', ': ', '- ', ' - ', '\n- ', '#', ' #', '"', "'", '[', ']', '{', '}', ',',
  '|', '>', '|-', '>+', 'k: |\n', 'k: >-\n  ', '\\', '---\n', '...\n', '\t', '&a ', '*a', '!t ', '? ', '~', 'null',
  '0x1F', '1e3', '.inf', 'true', '<<: ', '__proto__: ', '""', "''", '"a\\nb"', '[a,\n b]', '{a: 1,\n b: 2}', '\n\n  x',
  '%YAML 1.2\n', '\uFEFF', '\uFFFE', '\u2028', '\u0085', '\u00a0', 'é', '😀', '\\i', '\\x4', '\\u00e9', '\r', '\r\n',
  '[-]', '[?]', '{x: -}', '-', '?', ' \n', '   ',
];

/** Headers that make what follows a block scalar at the root of a document. */
const ROOT_SCALARS = ['|\n', '>\n', '|-\n', '>+\n', '--- |\n', '--- >-\n', '---\n|\n', '...\n---\n>\n'];
/** Document markers, put on a line of their own inside the text (and so inside whatever is there). */
const MARKERS = ['---', '...', '--- ', '---\t#c', '... # end', '----', '..'];

/** A seeded generator of mutated excerpts of the given texts: the same seed, the same texts. */
export function mutator(texts: string[], seed: number): () => string {
  let state = seed & 0x7fffffff;
  const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  let k = 0;
  return () => {
    k++;
    const large = k % 5 === 0;
    const lines = pick(texts).split('\n');
    const from = Math.floor(random() * lines.length);
    let t = lines.slice(from, from + 1 + Math.floor(random() * (large ? 200 : 25))).join('\n');
    for (let m = 1 + Math.floor(random() * (large ? 6 : 3)); m > 0; m--) {
      const at = Math.floor(random() * (t.length + 1));
      const r = random();
      if (r < 0.45) t = t.slice(0, at) + pick(PIECES) + t.slice(at);
      else if (r < 0.7) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(random() * 3));
      else if (r < 0.8) {
        // a marker line at column 0, in the middle of whatever is there
        const ls = t.split('\n');
        ls.splice(Math.floor(random() * (ls.length + 1)), 0, pick(MARKERS));
        t = ls.join('\n');
      } else {
        const ls = t.split('\n');
        const i = Math.floor(random() * ls.length);
        ls[i] = random() < 0.5 ? ' '.repeat(1 + Math.floor(random() * 2)) + ls[i] : ls[i].replace(/^ {1,2}/, '');
        t = ls.join('\n');
      }
    }
    // a block scalar at the root: its lines start at column 0, so a marker inside must end it
    if (k % 7 === 2) t = pick(ROOT_SCALARS) + t.replace(/^ +/gm, (s) => (random() < 0.5 ? '' : s));
    if (k % 4 === 1) t = t.replace(/\n/g, '\r\n'); // written on Windows
    else if (k % 4 === 3) t = t.replace(/\n/g, () => (random() < 0.5 ? '\r\n' : '\n')); // or partly
    return t;
  };
}

export interface FuzzResult { cases: number; fastTaken: number; seconds: number }

/**
 * Runs both properties on mutated excerpts until `cases` are done or `seconds` have passed,
 * whichever comes first. Throws (an AssertionError with the text) at the first disagreement.
 */
export function fuzz(texts: string[], options: { seed: number; cases: number; seconds: number }): FuzzResult {
  const next = mutator(texts, options.seed);
  const started = performance.now();
  let cases = 0, fastTaken = 0;
  while (cases < options.cases && performance.now() - started < options.seconds * 1000) {
    const t = next();
    if (assertFastAgrees(t)) fastTaken++;
    assertSameDocuments(t);
    cases++;
  }
  return { cases, fastTaken, seconds: (performance.now() - started) / 1000 };
}
