// docs/controls is generated from the control metadata and committed: it must match what the
// metadata gives today, and every documented example must do what its page says.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CONTROLS } from '../src/controls/index.js';
import { NODE_COMPONENT_KIND } from '../src/model/node.js';
import { scanPaths } from '../src/index.js';
import { controlMarkdown, controlText } from '../src/docs/render.js';
import { ROOT, runCli, tempDir } from './support/cli.js';

const COMMITTED = path.join(ROOT, 'docs/controls');

function readDir(dir: string): Map<string, string> {
  if (!fs.existsSync(dir)) return new Map();
  return new Map(fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('control docs', () => {
  it('are up to date with the control metadata (run `npm run docs` after changing a control)', () => {
    const out = path.join(tempDir('palisade-docs-'), 'controls');
    const r = runCli(['docs', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`wrote ${CONTROLS.length + 1} page\\(s\\)`));
    const fresh = readDir(out);
    const committed = readDir(COMMITTED);
    const stale = [...fresh.keys()].filter((f) => committed.get(f) !== fresh.get(f));
    const extra = [...committed.keys()].filter((f) => !fresh.has(f));
    assert.deepEqual({ stale, extra }, { stale: [], extra: [] },
      'docs/controls does not match the control metadata: run `npm run docs` and commit the result');
  });

  it('have a page per control and an index listing each one under its section', () => {
    const out = path.join(tempDir('palisade-docs-'), 'controls');
    runCli(['docs', '--out', out]);
    const index = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
    for (const c of CONTROLS) {
      assert.ok(fs.existsSync(path.join(out, `${c.id}.md`)), c.id);
      assert.ok(index.includes(`| [${c.id}](${c.id}.md) |`), `${c.id} is in the index`);
    }
  });

  it('removes pages it generated for controls that no longer exist, and nothing else', () => {
    const out = path.join(tempDir('palisade-docs-'), 'controls');
    runCli(['docs', '--out', out]);
    const stale = fs.readFileSync(path.join(out, `${CONTROLS[0].id}.md`), 'utf8');
    fs.writeFileSync(path.join(out, 'renamed-control.md'), stale);
    fs.writeFileSync(path.join(out, 'notes.md'), '# my notes\n');
    const r = runCli(['docs', '--out', out]);
    assert.match(r.stdout, /removed renamed-control\.md/);
    assert.ok(!fs.existsSync(path.join(out, 'renamed-control.md')));
    assert.ok(fs.existsSync(path.join(out, 'notes.md')));
  });

  it('say on each page what explain prints in a terminal', () => {
    const flat = (s: string) => s.replace(/`/g, '').replace(/\s+/g, ' ');
    for (const c of CONTROLS) {
      const md = controlMarkdown(c);
      const text = flat(controlText(c));
      for (const part of [c.title, c.id, c.severity, c.failsWhen, c.rationale, c.remediation, ...(c.inputs ?? [])]) {
        assert.ok(md.includes(part), `${c.id}: the page has "${part.slice(0, 40)}"`);
        assert.ok(text.includes(flat(part)), `${c.id}: explain has "${part.slice(0, 40)}"`);
      }
      for (const line of [...(c.example?.failing ?? '').split('\n'), ...(c.example?.passing ?? '').split('\n')]) {
        if (line.trim()) assert.ok(md.includes(line.trimEnd()) && text.includes(flat(line).trim()), `${c.id}: example line "${line}"`);
      }
    }
    const r = runCli(['explain', CONTROLS[0].aliases[0] ?? CONTROLS[0].id]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes(controlText(CONTROLS[0])));
  });
});

describe('documented examples', () => {
  const dir = tempDir('palisade-examples-');
  for (const c of CONTROLS) {
    const nodeOnly = typeof c.appliesTo === 'object' && c.appliesTo.kinds.every((k) => k === NODE_COMPONENT_KIND);
    if (!c.example && nodeOnly) {
      // What a node scan reads (file modes, owners) cannot be written as a manifest: the page says so.
      it(`${c.id}: reads only what a node scan finds, and its page says there is no manifest example`, () => {
        assert.ok(c.nothingToEvaluate, `${c.id} says what it needs`);
        assert.ok(controlMarkdown(c).includes(`No manifest example: ${c.nothingToEvaluate}`));
      });
      continue;
    }
    it(`${c.id}: the failing example fails it and the passing example passes it`, () => {
      assert.ok(c.example, `${c.id} has no example: add a failing and a passing manifest to its metadata (example: {failing, passing})`);
      const run = (name: string, yaml: string) => {
        const file = path.join(dir, `${c.id}-${name}.yaml`);
        fs.writeFileSync(file, yaml);
        const report = scanPaths([file], { controls: [c.id], inputs: c.example!.inputs });
        assert.deepEqual(report.errors, [], `${c.id} ${name} example reads without errors`);
        return report.controls.find((r) => r.id === c.id)!;
      };
      const failing = run('failing', c.example.failing);
      assert.equal(failing.status, 'failed', `${c.id}: failing example: ${failing.reason ?? ''}`);
      const passing = run('passing', c.example.passing);
      assert.equal(passing.status, 'passed', `${c.id}: passing example: ${passing.reason ?? ''}`);
      assert.ok(passing.counts.evaluated > 0, `${c.id}: the passing example is evaluated`);
    });
  }
});
