import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseWithYamlPackage } from './yaml-fallback.js';

// What the yaml package's own `uniqueKeys` check refused (and accepted), which the one-pass check
// must keep: keys are equal when they are scalars of equal value as composed (strings, with the
// failsafe schema), and a collection or alias key equals only itself.
const REPEATED: Array<[string, string]> = [
  ['a plain key', 'a: 1\na: 2\n'],
  ['a number and a quoted number', '1: a\n"1": b\n'],
  ['single and double quotes', "'a': 1\n\"a\": 2\n"],
  ['in a flow mapping', '{a: 1, a: 2}'],
  ['deep inside', 'a: {b: 1, c: {b: 2, b: 3}}\n'],
  ['in a sequence item', '- a: 1\n  a: 1\n'],
  ['two empty keys', ': 1\n: 2\n'],
  ['two explicit empty keys', '? \n: 1\n? \n: 2\n'],
  ['.nan twice', '.nan: 1\n.nan: 2\n'],
  ['in the second document', 'a: 1\n---\nb: 1\nb: 2\n'],
];
const DISTINCT: Array<[string, string]> = [
  ['single-pair mappings in a flow sequence', '[a: 1, a: 2]'],
  ['equal collection keys', '? [a]\n: 1\n? [a]\n: 2\n'],
  ['a merge key and the key it merges', '<<: {a: 1}\na: 2\n'],
  ['null and ~', 'null: 1\n~: 2\n'],
  ['true and True', 'true: 1\nTrue: 2\n'],
];

describe('parseWithYamlPackage and repeated keys', () => {
  for (const [name, text] of REPEATED) {
    it(`refuses a repeated key: ${name}`, () => {
      assert.equal(parseWithYamlPackage(text, { start: 0, end: text.length, line: 1 }), undefined);
    });
  }
  for (const [name, text] of DISTINCT) {
    it(`accepts keys that are not equal: ${name}`, () => {
      assert.ok(parseWithYamlPackage(text, { start: 0, end: text.length, line: 1 }));
    });
  }
});
