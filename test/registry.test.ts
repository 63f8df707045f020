// Every framework entry and every alias resolves to a registered control, and each registered
// control agrees with the catalog in ../shared/CONTROLS.md (aliases and severity).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CONTROLS, getControl, resolveControlName } from '../src/controls/index.js';
import { FRAMEWORKS, frameworkControlIds } from '../src/frameworks/index.js';
import { ROOT } from './support/cli.js';

interface CatalogRow { id: string; aliases: string[]; severity: string; section: number }

function readCatalog(): Map<string, CatalogRow> {
  const text = fs.readFileSync(path.resolve(ROOT, '../shared/CONTROLS.md'), 'utf8');
  const rows = new Map<string, CatalogRow>();
  let section = 0;
  for (const line of text.split('\n')) {
    const heading = /^## (\d+)\./.exec(line);
    if (heading) section = Number(heading[1]);
    const m = /^\| ([a-z0-9-]+) \| ([^|]*) \| (critical|high|medium|low) \|/.exec(line);
    if (!m) continue;
    const aliases = m[2].trim() === '—' ? [] : expandAliases(m[2]);
    rows.set(m[1], { id: m[1], aliases, severity: m[3], section });
  }
  return rows;
}

/** `C-0092…C-0112` style ranges are written out; plain lists are split on commas. */
function expandAliases(cell: string): string[] {
  const out: string[] = [];
  for (const part of cell.split(',').map((s) => s.trim()).filter(Boolean)) {
    const range = /^C-(\d{4})…C-(\d{4})$/.exec(part);
    if (range) {
      for (let n = Number(range[1]); n <= Number(range[2]); n++) out.push(`C-${String(n).padStart(4, '0')}`);
    } else out.push(part);
  }
  return out;
}

describe('control registry', () => {
  it('has unique ids', () => {
    const ids = CONTROLS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  for (const fw of FRAMEWORKS) {
    it(`resolves every entry of framework ${fw.id}`, () => {
      const missing = frameworkControlIds(fw).filter((id) => !getControl(id));
      assert.deepEqual(missing, [], 'framework entries without a registered control');
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

  it('agrees with the catalog on aliases and severity', () => {
    const catalog = readCatalog();
    assert.ok(catalog.size >= 60, `the catalog parsed (${catalog.size} rows)`);
    for (const c of CONTROLS) {
      const row = catalog.get(c.id);
      assert.ok(row, `${c.id} is in CONTROLS.md`);
      assert.deepEqual([...c.aliases].sort(), [...row.aliases].sort(), `${c.id} aliases`);
      assert.equal(c.severity, row.severity, `${c.id} severity`);
    }
  });
});
