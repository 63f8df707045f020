// docs/formats.md stays in step with the code: every format with its --output-dir file name, the
// extensions --output picks formats by, and every Prometheus metric the renderer writes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { OUTPUT_FORMATS } from '../src/report/formats.js';
import { METRICS } from '../src/testing/prometheus-exposition.js';
import { ROOT, runCli, tempDir } from './support/cli.js';

const DOC = fs.readFileSync(path.join(ROOT, 'docs/formats.md'), 'utf8');

describe('docs/formats.md', () => {
  it('lists every format with its file name, and has a section per format', () => {
    for (const f of OUTPUT_FORMATS.values()) {
      assert.ok(DOC.includes(`| \`${f.name}\` | \`${f.fileName}\` |`), `${f.name} → ${f.fileName} in the table`);
      assert.match(DOC, new RegExp(`^## \`${f.name}\`$`, 'm'), `a section for ${f.name}`);
    }
  });

  it('lists every Prometheus metric, and no other', () => {
    const documented = [...DOC.matchAll(/^\| `(palisade_[a-z_]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(documented, METRICS);
    const out = runCli(['scan', 'examples/insecure', '--format', 'prometheus']);
    assert.equal(out.code, 0, out.stderr);
    const written = [...out.stdout.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]);
    assert.deepEqual(written, METRICS);
  });

  it('the extensions it documents pick the formats it says', () => {
    const dir = tempDir();
    const picked: Record<string, RegExp> = {
      'r.json': /^\{"schemaVersion"/,
      'r.sarif': /^\{"\$schema"/,
      'r.html': /^<!DOCTYPE html>/,
      'r.xml': /^<\?xml /,
      'r.prom': /^# HELP palisade_/,
      'r.yaml': /^apiVersion: wgpolicyk8s\.io\/v1alpha2/,
      'r.txt': /^Palisade \d/,
    };
    for (const [name, start] of Object.entries(picked)) {
      assert.ok(DOC.includes(`\`${path.extname(name)}\``), `${path.extname(name)} is documented`);
      const file = path.join(dir, name);
      const out = runCli(['scan', 'examples/insecure', '--output', file]);
      assert.equal(out.code, 0, out.stderr);
      assert.match(fs.readFileSync(file, 'utf8'), start, name);
    }
  });
});
