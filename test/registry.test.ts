// Every framework entry and every alias resolves to a registered control, and each registered
// control agrees with the reviewed catalog (test/support/nsa-cisa-catalog.ts): id, aliases,
// severity, section and order.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CONTROLS, getControl, resolveControlName } from '../src/controls/index.js';
import { DEFAULT_FRAMEWORK, FRAMEWORKS, frameworkControlIds } from '../src/frameworks/index.js';
import { NSA_CISA_CATALOG } from './support/nsa-cisa-catalog.js';
import { CIS_CATALOG } from './support/cis-catalog.js';

/** The Pod Security Standards controls (src/controls/pss) are not the guidance's: their aliases are PSA check ids. */
const isPssControl = (c: { id: string }): boolean => c.id.startsWith('pss-');
const GUIDANCE_CONTROLS = CONTROLS.filter((c) => !isPssControl(c));

describe('control registry', () => {
  it('has unique ids', () => {
    const ids = CONTROLS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  for (const fw of FRAMEWORKS) {
    it(`resolves every entry of framework ${fw.id}`, () => {
      const missing = frameworkControlIds(fw).filter((id) => !getControl(id));
      assert.deepEqual(missing, [], 'framework entries without a registered control');
      // a control's own section is the guidance's (nsa-cisa): other frameworks group the same controls their own way
      if (fw.id !== DEFAULT_FRAMEWORK) return;
      for (const section of fw.sections) {
        for (const id of section.controls) assert.equal(getControl(id)?.section, section.id, `${id} is in section ${section.id}`);
      }
    });
  }

  it('puts every registered control in a framework', () => {
    const listed = new Set(FRAMEWORKS.flatMap(frameworkControlIds));
    assert.deepEqual(CONTROLS.map((c) => c.id).filter((id) => !listed.has(id)), []);
  });

  it('resolves every alias to the controls that declare it', () => {
    for (const c of CONTROLS) {
      for (const alias of c.aliases) {
        const found = resolveControlName(alias);
        assert.ok(found.includes(c), `${alias} resolves to ${c.id}`);
        assert.ok(found.every((f) => f.aliases.includes(alias)), `${alias} resolves only to controls that declare it`);
        assert.ok(resolveControlName(alias.toLowerCase()).includes(c), `${alias} resolves case-insensitively`);
      }
      assert.deepEqual(resolveControlName(c.id), [c]);
    }
  });

  it('does not resolve unknown names', () => {
    assert.deepEqual(resolveControlName('no-such-control'), []);
    assert.deepEqual(resolveControlName('C-9999'), []);
  });

  it('agrees with the catalog on ids, aliases, severity and section', () => {
    const rows = [...NSA_CISA_CATALOG, ...CIS_CATALOG];
    const catalog = new Map(rows.map((row) => [row.id, row]));
    assert.equal(catalog.size, rows.length, 'no id twice in the catalogs');
    assert.deepEqual(GUIDANCE_CONTROLS.map((c) => c.id).filter((id) => !catalog.has(id)), [], 'registered controls missing from the catalog');
    assert.deepEqual(rows.map((r) => r.id).filter((id) => !getControl(id)), [], 'catalog rows without a control');
    for (const c of GUIDANCE_CONTROLS) {
      const row = catalog.get(c.id)!;
      assert.deepEqual([...c.aliases].sort(), [...row.aliases].sort(), `${c.id} aliases`);
      assert.equal(c.severity, row.severity, `${c.id} severity`);
      assert.equal(c.section, row.section, `${c.id} section`);
    }
  });

  it('lists the nsa-cisa framework in the catalog\'s sections and order', () => {
    const fw = FRAMEWORKS.find((f) => f.id === 'nsa-cisa')!;
    const sections = [...new Set(NSA_CISA_CATALOG.map((r) => r.section))];
    assert.deepEqual(fw.sections.map((s) => s.id), sections);
    for (const s of fw.sections) {
      assert.deepEqual(s.controls, NSA_CISA_CATALOG.filter((r) => r.section === s.id).map((r) => r.id), `${s.id} controls`);
    }
  });

  it('writes aliases as Kubescape control ids (C-0000)', () => {
    for (const c of GUIDANCE_CONTROLS) for (const a of c.aliases) assert.match(a, /^C-\d{4}$/, `${c.id}: ${a}`);
  });

  it('gives each Pod Security Standards control (src/controls/pss) one alias, the PSA check id of the item that maps it', () => {
    const pss = CONTROLS.filter(isPssControl);
    assert.ok(pss.length > 0);
    const items = FRAMEWORKS.filter((f) => f.id.startsWith('pss-')).flatMap((f) => f.sections.flatMap((s) => s.items ?? []));
    for (const c of pss) {
      assert.equal(c.aliases.length, 1, c.id);
      assert.equal(c.section, 'pod-security', c.id);
      const mapping = items.filter((i) => i.controls.includes(c.id));
      assert.ok(mapping.length > 0, `${c.id} is an item of a pss framework`);
      for (const i of mapping) assert.equal(i.id, c.aliases[0], `${c.id} is item ${i.id}`);
    }
  });
});
