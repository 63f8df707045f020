// DocumentPositions finds a collection's end from its last scalar or alias, not by walking the
// whole subtree: equal because events are in text order and do not overlap. Checked here against
// the walk, on every node of every corpus file, with the events of both parsers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fastParse } from './fast-yaml.js';
import { parseEvents } from './js-yaml.js';
import { nodeEnd } from './yaml-documents.js';
import { Ev, Slots, Style, compactEvents, styleOf, typeOf } from './yaml-events.js';
import { readYaml, yamlFiles } from '../../testing/yaml-fuzz.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The end as the walk of the whole subtree gives it: the largest end of any scalar or alias inside. */
function walkedEnd(data: Int32Array, i: number): number {
  const type = typeOf(data[i * Slots.W]);
  if (type !== Ev.MAPPING && type !== Ev.SEQUENCE) {
    const end = data[i * Slots.W + 2];
    const style = styleOf(data[i * Slots.W]);
    return type === Ev.SCALAR && end >= 0 && (style === Style.SINGLE || style === Style.DOUBLE) ? end + 1 : end;
  }
  let end = data[i * Slots.W + 2] + 1;
  for (let j = i; j < data[i * Slots.W + 3]; j++) {
    const t = typeOf(data[j * Slots.W]);
    if (t === Ev.SCALAR || t === Ev.ALIAS) end = Math.max(end, t === Ev.SCALAR ? walkedEnd(data, j) : data[j * Slots.W + 2]);
  }
  return end;
}

function assertEnds(data: Int32Array, count: number, file: string): number {
  let nodes = 0;
  for (let i = 0; i < count; i++) {
    const t = typeOf(data[i * Slots.W]);
    if (t !== Ev.SCALAR && t !== Ev.MAPPING && t !== Ev.SEQUENCE && t !== Ev.ALIAS) continue;
    assert.equal(nodeEnd(data, i), walkedEnd(data, i), `${file}: event ${i}`);
    nodes++;
  }
  return nodes;
}

describe('the end of a node', () => {
  it('is the end of its last scalar or alias, on every node of the corpus (fast parser and js-yaml events)', () => {
    const files = [...yamlFiles(path.join(ROOT, 'test/corpus')), ...yamlFiles(path.join(ROOT, 'examples'))];
    let nodes = 0;
    for (const file of files) {
      const text = readYaml(file);
      const fast = fastParse(text);
      if (fast) nodes += assertEnds(fast.data, fast.count, file);
      let events;
      try {
        events = parseEvents(text, { maxDepth: 200 });
      } catch {
        continue; // js-yaml refuses it: no events to check
      }
      const compact = compactEvents(events);
      nodes += assertEnds(compact.data, compact.count, file);
    }
    assert.ok(nodes > 100_000, `${nodes} nodes checked`);
  });

  it('counts flow collections, quoted scalars, block scalars, aliases and empty values', () => {
    const text = 'a: {b: [1, "two"], c: \'x\'}\nd: |\n  text\n\ne: &x [f]\ng: *x\nh:\ni: [j, ]\n';
    const compact = compactEvents(parseEvents(text, { maxDepth: 200 }));
    assert.ok(assertEnds(compact.data, compact.count, 'inline') > 10);
    const fast = fastParse('a: {b: [1, "two"], c: \'x\'}\nd: |\n  text\n\nh:\ni: [j, ]\n');
    assert.ok(fast);
    assertEnds(fast.data, fast.count, 'inline');
  });
});
