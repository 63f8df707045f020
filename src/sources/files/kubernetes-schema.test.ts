// Plain scalars as go-yaml v2 (sigs.k8s.io/yaml, what kubectl, Helm and the API server use) types
// them: every row is a form its resolve.go handles, with the value it gives, and whether YAML 1.2's
// core schema would read it differently (then a finding says it was written in a YAML 1.1 form).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveKubernetesScalar, yaml11Form } from './kubernetes-schema.js';

const CASES: Array<[string, unknown, 'boolean' | 'number' | undefined]> = [
  // resolveMap: booleans, YAML 1.1's words, exactly these spellings
  ['y', true, 'boolean'], ['Y', true, 'boolean'], ['yes', true, 'boolean'], ['Yes', true, 'boolean'], ['YES', true, 'boolean'],
  ['on', true, 'boolean'], ['On', true, 'boolean'], ['ON', true, 'boolean'],
  ['n', false, 'boolean'], ['N', false, 'boolean'], ['no', false, 'boolean'], ['No', false, 'boolean'], ['NO', false, 'boolean'],
  ['off', false, 'boolean'], ['Off', false, 'boolean'], ['OFF', false, 'boolean'],
  ['true', true, undefined], ['True', true, undefined], ['TRUE', true, undefined],
  ['false', false, undefined], ['False', false, undefined], ['FALSE', false, undefined],
  ['yEs', 'yEs', undefined], ['tRUE', 'tRUE', undefined], ['oN', 'oN', undefined],
  // nulls
  ['~', null, undefined], ['null', null, undefined], ['Null', null, undefined], ['NULL', null, undefined], ['nULL', 'nULL', undefined],
  // special floats
  ['.inf', Infinity, undefined], ['.Inf', Infinity, undefined], ['+.INF', Infinity, undefined], ['-.inf', -Infinity, undefined],
  ['.nan', NaN, undefined], ['.NaN', NaN, undefined],
  // strconv.ParseInt(s, 0, 64) after underscores are removed: a leading 0 is octal, 0b/0o/0x prefixes, signs
  ['0', 0, undefined], ['12', 12, undefined], ['+12', 12, undefined], ['-12', -12, undefined],
  ['012', 10, 'number'], ['-012', -10, 'number'], ['0777', 511, 'number'], ['00', 0, undefined],
  ['0o17', 15, undefined], ['0O17', 15, 'number'], ['0x1F', 31, undefined], ['0X1f', 31, 'number'], ['-0x10', -16, 'number'],
  ['0b101', 5, 'number'], ['-0b101', -5, 'number'], ['0B11', 3, 'number'],
  ['1_000', 1000, 'number'], ['0_0', 0, 'number'], ['1_', 1, 'number'], ['010_0', 64, 'number'],
  // not integers: yamlStyleFloat, then strings
  ['08', 8, undefined], ['09.5', 9.5, undefined], ['1.5', 1.5, undefined], ['.5', 0.5, undefined], ['+.5', 0.5, undefined],
  ['1e3', 1000, undefined], ['1.', 1, undefined], ['1_000.5', 1000.5, 'number'],
  ['0x', '0x', undefined], ['0b2', '0b2', undefined], ['_1', '_1', undefined], ['+', '+', undefined], ['-', '-', undefined],
  ['1:30', '1:30', undefined], ['190:20:30', '190:20:30', undefined], // no sexagesimal in go-yaml v2
  ['2001-12-14', '2001-12-14', undefined], ['2001-12-14T21:59:43.10Z', '2001-12-14T21:59:43.10Z', undefined], // timestamps stay strings
  ['', null, undefined], ['nginx:1.27', 'nginx:1.27', undefined], ['1.2.3', '1.2.3', undefined],
];

describe('resolveKubernetesScalar and yaml11Form', () => {
  for (const [text, value, form] of CASES) {
    it(`${JSON.stringify(text)} is ${String(value)}${form ? ` (a YAML 1.1 ${form})` : ''}`, () => {
      assert.ok(Object.is(resolveKubernetesScalar(text), value) || (Number.isNaN(value) && Number.isNaN(resolveKubernetesScalar(text))),
        `got ${String(resolveKubernetesScalar(text))}`);
      assert.equal(yaml11Form(text), form);
    });
  }
});
