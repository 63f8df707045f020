// Reads with no end and inputs that cannot be read, through the built CLI: standard input, devices
// and named pipes stop at --max-file-size or are refused, a closed standard input is an error, and
// unreadable files are errors naming the file. None may hang the scan.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { CLI, ROOT, runCli, tempDir, writeTree } from './support/cli.js';
import { runShell } from './support/shell.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: ok, namespace: shop}\nspec:\n  containers: [{name: a, image: nginx:1.27}]\n';

describe('reads with no end', () => {
  it('stops reading standard input at --max-file-size: yes | palisade scan -', () => {
    const out = runShell('yes | palisade scan - --max-file-size 1 --format json');
    assert.equal(out.signal, null, 'ended by itself');
    assert.equal(out.code, 3, out.stderr);
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0].file, '<stdin>');
    assert.match(report.errors[0].message, /^standard input is over the 1\.0 MiB limit/);
    assert.match(out.stderr, /standard input is over the 1\.0 MiB limit/);
  });

  it('never reads a device named as a path (/dev/zero never ends, /dev/null is no manifest)', () => {
    const dir = writeTree(tempDir(), { 'ok.yaml': POD });
    const out = runShell(`palisade scan /dev/zero /dev/null '${dir}' --format json`);
    assert.equal(out.signal, null, 'ended by itself');
    assert.equal(out.code, 3, out.stderr);
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.deepEqual(report.resources.filter((r) => r.kind === 'Pod').map((r) => r.name), ['ok']);
    assert.deepEqual(report.errors.map((e) => [e.file, e.message]), [
      ['/dev/zero', 'not a regular file: /dev/zero is a character device; not read'],
      ['/dev/null', 'not a regular file: /dev/null is a character device; not read'],
    ]);
    assert.equal(report.summary.documents, 3);
  });

  it('reports a named pipe found in a directory, without opening it', () => {
    const dir = writeTree(tempDir(), { 'ok.yaml': POD });
    mkfifo(path.join(dir, 'pipe.yaml'));
    const out = runCli(['scan', dir, '--format', 'json']);
    assert.equal(out.code, 3, out.stderr);
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.deepEqual(report.resources.filter((r) => r.kind === 'Pod').map((r) => r.name), ['ok']);
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0].file, path.join(dir, 'pipe.yaml'));
    assert.match(report.errors[0].message, /is a named pipe; not read$/);
    assert.equal('line' in report.errors[0], false);
  });

  it('reads a named pipe given as a path (process substitution), and gives up on one nobody writes to', () => {
    const dir = tempDir();
    const written = path.join(dir, 'written.yaml');
    const silent = path.join(dir, 'silent.yaml');
    mkfifo(written);
    mkfifo(silent);
    fs.writeFileSync(path.join(dir, 'pod.txt'), POD);
    const out = runShell(`cat '${dir}/pod.txt' 2>/dev/null > '${written}' & palisade scan '${written}' '${silent}' --format json`);
    assert.equal(out.signal, null, 'ended by itself');
    assert.equal(out.code, 3, out.stderr);
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.deepEqual(report.resources.filter((r) => r.kind === 'Pod').map((r) => r.name), ['ok']);
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0].file, silent);
    assert.match(report.errors[0].message, /nothing was written to it within 2 s/);
  });

  it('stops reading a named pipe given as a path at --max-file-size', () => {
    const dir = tempDir();
    const pipe = path.join(dir, 'endless.yaml');
    mkfifo(pipe);
    const out = runShell(`yes 2>/dev/null > '${pipe}' & palisade scan '${pipe}' --max-file-size 1 --format json`);
    assert.equal(out.signal, null, 'ended by itself');
    assert.equal(out.code, 3, out.stderr);
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.match(report.errors[0].message, /endless\.yaml \(a named pipe\) is over the 1\.0 MiB limit/);
  });
});

describe('a closed standard input', () => {
  it('is an error (exit 3), not an empty scan that passes', () => {
    const out = runShell('palisade scan - --format json <&-');
    assert.equal(out.code, 3, out.stderr);
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0].file, '<stdin>');
    assert.match(report.errors[0].message, /^standard input is closed/);
  });
});

describe('files and directories that cannot be read', () => {
  it('are errors that name the file and give no line, in the report and on stderr', () => {
    const dir = writeTree(tempDir(), { 'ok.yaml': POD, 'secret.yaml': POD, 'closed/inner.yaml': POD });
    fs.symlinkSync('self.yaml', path.join(dir, 'self.yaml'));
    fs.symlinkSync('gone.yaml', path.join(dir, 'dangling.yaml'));
    // Root reads everything: as root, the CLI runs as nobody so that permission is denied.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'secret.yaml'), 0);
    fs.chmodSync(path.join(dir, 'closed'), 0);
    let out;
    try {
      out = spawnSync(process.execPath, [CLI, 'scan', dir, '--format', 'json'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, ...asNobody });
    } finally {
      fs.chmodSync(path.join(dir, 'secret.yaml'), 0o644);
      fs.chmodSync(path.join(dir, 'closed'), 0o755);
    }
    assert.equal(out.status, 3, out.stderr);
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.deepEqual(report.resources.filter((r) => r.kind === 'Pod').map((r) => r.name), ['ok']);
    const at = (name: string) => path.join(dir, name);
    assert.deepEqual(report.errors, [
      // found while walking
      { file: at('closed'), message: `permission denied: ${at('closed')}` },
      { file: at('dangling.yaml'), message: `no such file or directory: ${at('dangling.yaml')}` },
      { file: at('self.yaml'), message: `symlink loop: ${at('self.yaml')} (too many levels of symbolic links)` },
      // found while reading
      { file: at('secret.yaml'), message: `permission denied: ${at('secret.yaml')}` },
    ]);
    const lines = out.stderr.split('\n').filter((l) => l.startsWith('  '));
    assert.deepEqual(lines, report.errors.map((e) => `  ${e.file}: ${e.message}`));
  });
});

function mkfifo(file: string): void {
  const out = spawnSync('mkfifo', [file], { encoding: 'utf8' });
  assert.equal(out.status, 0, `mkfifo: ${out.stderr}`);
}
