import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pep440 } from './pep440.js';

// PEP 440, "Summary of permitted suffixes and relative ordering": this list is in ascending order
const PEP440_ORDER = [
  '1.dev0', '1.0.dev456', '1.0a1', '1.0a2.dev456', '1.0a12.dev456', '1.0a12', '1.0b1.dev456', '1.0b2',
  '1.0b2.post345.dev456', '1.0b2.post345', '1.0rc1.dev456', '1.0rc1', '1.0', '1.0+abc.5', '1.0+abc.7',
  '1.0+5', '1.0.post456.dev34', '1.0.post456', '1.0.15', '1.1.dev1',
];

test('PEP 440: the ordering example of the specification', () => {
  for (let i = 0; i < PEP440_ORDER.length; i++) {
    for (let j = 0; j < PEP440_ORDER.length; j++) {
      assert.equal(pep440.compare(PEP440_ORDER[i]!, PEP440_ORDER[j]!), Math.sign(i - j), `${PEP440_ORDER[i]} vs ${PEP440_ORDER[j]}`);
    }
  }
});

test('PEP 440: epochs, zero padding and normalisation', () => {
  // "Version epochs": 1!1.0 is newer than 2013.10
  assert.equal(pep440.compare('2013.10', '1!1.0'), -1);
  // "Release segment": 1.0 and 1.0.0 are equal
  assert.equal(pep440.compare('1.0', '1.0.0'), 0);
  // "Normalization": case, separators and spelled-out pre-release names
  assert.equal(pep440.compare('1.0RC1', '1.0rc1'), 0);
  assert.equal(pep440.compare('1.0-alpha.1', '1.0a1'), 0);
  assert.equal(pep440.compare('1.0c1', '1.0rc1'), 0);
});

test('PEP 440: invalid versions', () => {
  assert.equal(pep440.valid('1.0'), true);
  for (const bad of ['', 'french toast', '1.0-beta-gamma']) assert.equal(pep440.valid(bad), false, bad);
  assert.throws(() => pep440.compare('french toast', '1.0'), /invalid PEP 440 version/);
});
