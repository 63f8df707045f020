// Hostile input through the built CLI: sizes that overflowed the stack, reads with no end
// (standard input, devices, named pipes) and a closed standard input. Each must end in seconds
// with a report (or a clear error), never a crash or a hang.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { CLI, ROOT, runCli, tempDir, writeTree } from './support/cli.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: ok, namespace: shop}\nspec:\n  containers: [{name: a, image: nginx:1.27}]\n';

/** Runs a shell command line with the CLI as `palisade`, with a time limit so that a hang fails the test. */
function runShell(script: string): { code: number | null; stdout: string; stderr: string; signal: NodeJS.Signals | null } {
  const out = spawnSync('sh', ['-c', script], {
    cwd: ROOT, encoding: 'utf8', timeout: 30_000, maxBuffer: 1 << 28,
    env: { ...process.env, PALISADE: `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)}` },
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr, signal: out.signal };
}

describe('one control failing on 130,000 resources', () => {
  it('gives the full report (findings were once spread into push(...) and overflowed the stack)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'configmaps.yaml');
    const docs: string[] = [];
    for (let i = 0; i < 130_000; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`);
    fs.writeFileSync(file, docs.join('---\n'));
    const out = runCli(['scan', file, '--format', 'json', '--controls', 'default-namespace']);
    assert.equal(out.code, 0, out.stderr.slice(0, 2000));
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.equal(report.findings.filter((f) => f.controlId === 'default-namespace').length, 130_000);
  });
});
