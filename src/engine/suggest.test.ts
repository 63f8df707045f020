import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { didYouMean, editDistance, suggest } from './suggest.js';
import { controlNames, resolveControl } from './select.js';
import { KUBESCAPE_CONTROL_NAMES } from '../frameworks/kubescape-names.js';
import { findFramework } from '../frameworks/index.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    assert.equal(editDistance('', ''), 0);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', ''), 3);
    assert.equal(editDistance('namespace', 'namspace'), 1, 'a deletion');
    assert.equal(editDistance('gates', 'gatess'), 1, 'an insertion');
    assert.equal(editDistance('failOn', 'failOm'), 1, 'a substitution');
    assert.equal(editDistance('inputs', 'inptus'), 1, 'a swap of neighbours');
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });

  it('is symmetric', () => {
    for (const [a, b] of [['allowedRegistry', 'allowedRegistries'], ['nsa', 'nsa-cisa'], ['ca', 'abc']]) {
      assert.equal(editDistance(a, b), editDistance(b, a), `${a} / ${b}`);
    }
  });
});

describe('suggest', () => {
  const keys = ['framework', 'inputs', 'disabledControls', 'includeNamespaces', 'excludeNamespaces', 'annotationExceptions', 'gates', 'exceptions'];

  it('suggests the close candidate, ignoring case, as the candidate is written', () => {
    assert.equal(suggest('exludeNamespaces', keys), 'excludeNamespaces');
    assert.equal(suggest('FRAMEWROK', keys), 'framework');
    assert.equal(suggest('disabledcontrols', keys), 'disabledControls');
  });

  it('suggests nothing when nothing is close: about a third of the length, at most 3 edits', () => {
    assert.equal(suggest('failOn', keys), undefined);
    assert.equal(suggest('x', keys), undefined);
    assert.equal(suggest('', keys), undefined);
    assert.equal(suggest('gat', ['gates']), undefined, 'two edits are too many for three letters');
    assert.equal(suggest('gats', ['gates']), 'gates');
  });

  it('suggests nothing when two candidates are equally close (a guess would be a coin toss)', () => {
    assert.equal(suggest('C-0056', ['C-0055', 'C-0057']), undefined);
    assert.equal(suggest('C-0056', ['C-0055', 'C-0123']), 'C-0055');
  });

  it('one candidate in several cases counts once', () => {
    assert.equal(suggest('nsa-cis', ['nsa-cisa', 'NSA-CISA']), 'nsa-cisa');
  });

  it('didYouMean: a clause for a message, or nothing', () => {
    assert.equal(didYouMean('gatess', keys), '; did you mean "gates"?');
    assert.equal(didYouMean('maxRisk', keys), '');
  });
});

describe('control and framework names', () => {
  it('every Kubescape control name selects at least one control, and no two ids share a name', () => {
    const byName = new Map<string, string>();
    for (const [id, name] of KUBESCAPE_CONTROL_NAMES) {
      assert.ok(resolveControl(name).length > 0, `${id} "${name}" selects no control`);
      assert.deepEqual(resolveControl(name.toUpperCase()), resolveControl(name), `${name} in upper case`);
      assert.ok(!byName.has(name.toLowerCase()) || byName.get(name.toLowerCase()) === id, `"${name}" names two ids`);
      byName.set(name.toLowerCase(), id);
    }
  });

  it('a Kubescape name selects the controls its id selects', () => {
    for (const [id, name] of KUBESCAPE_CONTROL_NAMES) {
      assert.deepEqual(resolveControl(name).map((c) => c.id), resolveControl(id).map((c) => c.id), `${id} "${name}"`);
    }
    assert.deepEqual(resolveControl('Privileged container').map((c) => c.id), ['privileged-container']);
    assert.deepEqual(resolveControl('  linux   HARDENING ').map((c) => c.id), ['seccomp-profile', 'mac-profile-weakened']);
  });

  it('Palisade titles are names too; unknown names select nothing', () => {
    assert.deepEqual(resolveControl('privileged container').map((c) => c.id), ['privileged-container']);
    assert.deepEqual(resolveControl('Privileged containers'), []);
    assert.equal(suggest('Privileged containr', controlNames()), 'Privileged container');
    assert.equal(suggest('privileged-containr', controlNames()), 'privileged-container');
  });

  it('frameworks by id or Kubescape\'s name, in any case', () => {
    for (const name of ['nsa-cisa', 'NSA-CISA', 'nsa', 'NSA', ' Nsa ']) assert.equal(findFramework(name)?.id, 'nsa-cisa', name);
    for (const name of ['mitre', 'MITRE', 'mitre-attack']) assert.equal(findFramework(name)?.id, 'mitre-attack', name);
    assert.equal(findFramework('pci'), undefined);
  });
});
