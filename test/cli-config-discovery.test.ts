// Which config a scan uses, found as ESLint and Prettier find theirs: from each scanned path upward
// to the repository root (the nearest directory with .git), else from the current directory; the
// nearest wins; --config FILE and --no-config override. The report names the file used.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { runCli, tempDir, writeTree, type CliResult } from './support/cli.js';
import { assertSchemaValid } from './support/schema.js';

const PRIVILEGED = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  hostNetwork: true
  containers:
  - name: app
    image: docker.io/library/nginx:1.27
    securityContext: {privileged: true}
`;
const DISABLE_PRIVILEGED = 'disabledControls: [privileged-container]\n';
const DISABLE_HOST_NETWORK = 'disabledControls: [host-network]\n';

function report(out: CliResult): ScanReport {
  assert.equal(out.code, 0, `exit ${out.code}\nstderr: ${out.stderr}`);
  return JSON.parse(out.stdout) as ScanReport;
}
/** The two controls a config may disable, as present (true) or left out (false). */
const present = (r: ScanReport) => ({
  privileged: r.controls.some((c) => c.id === 'privileged-container'),
  hostNetwork: r.controls.some((c) => c.id === 'host-network'),
});

/** A repository (a `.git` directory is all it takes) with a config at its root and manifests two levels down. */
function repository(files: Record<string, string> = {}): string {
  const dir = writeTree(tempDir(), { '.palisade.yaml': DISABLE_PRIVILEGED, 'deploy/k8s/pod.yaml': PRIVILEGED, ...files });
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

describe('config discovery', () => {
  it('scanning a subdirectory finds the repository root\'s .palisade.yaml, and the report names it', () => {
    const repo = repository();
    const r = report(runCli(['scan', path.join(repo, 'deploy/k8s'), '--format', 'json']));
    assert.deepEqual(present(r), { privileged: false, hostNetwork: true });
    assert.deepEqual(r.config, { file: path.join(repo, '.palisade.yaml') });
    assertSchemaValid(r, 'a report with a config');
    // a file given by name: from its directory upward
    const file = report(runCli(['scan', path.join(repo, 'deploy/k8s/pod.yaml'), '--format', 'json']));
    assert.deepEqual(present(file), { privileged: false, hostNetwork: true });
  });

  it('run from inside the repository with a relative path, the file is named relative to the current directory', () => {
    const repo = repository();
    const r = report(runCli(['scan', 'deploy/k8s', '--format', 'json'], { cwd: repo }));
    assert.deepEqual(r.config, { file: '.palisade.yaml' });
    const inside = report(runCli(['scan', '.', '--format', 'json'], { cwd: path.join(repo, 'deploy/k8s') }));
    assert.deepEqual(inside.config, { file: path.join(repo, '.palisade.yaml') }, 'above the current directory: absolute');
  });

  it('the nearest config wins: one in between overrides the repository root\'s', () => {
    const repo = repository({ 'deploy/.palisade.yml': DISABLE_HOST_NETWORK });
    const r = report(runCli(['scan', path.join(repo, 'deploy/k8s'), '--format', 'json']));
    assert.deepEqual(present(r), { privileged: true, hostNetwork: false });
    assert.deepEqual(r.config, { file: path.join(repo, 'deploy/.palisade.yml') });
  });

  it('the search stops at the repository root: a config above it is not used', () => {
    const outer = writeTree(tempDir(), { '.palisade.yaml': DISABLE_PRIVILEGED, 'repo/k8s/pod.yaml': PRIVILEGED });
    fs.mkdirSync(path.join(outer, 'repo/.git'));
    const r = report(runCli(['scan', path.join(outer, 'repo/k8s'), '--format', 'json']));
    assert.deepEqual(present(r), { privileged: true, hostNetwork: true });
    assert.equal(r.config, undefined);
    // without a .git the search goes on up, and finds it
    fs.rmdirSync(path.join(outer, 'repo/.git'));
    assert.deepEqual(report(runCli(['scan', path.join(outer, 'repo/k8s'), '--format', 'json'])).config, { file: path.join(outer, '.palisade.yaml') });
  });

  it('a .git file (a worktree or submodule) marks the repository root too', () => {
    const outer = writeTree(tempDir(), { '.palisade.yaml': DISABLE_PRIVILEGED, 'wt/.git': 'gitdir: /elsewhere/.git/worktrees/wt\n', 'wt/k8s/pod.yaml': PRIVILEGED });
    assert.equal(report(runCli(['scan', path.join(outer, 'wt/k8s'), '--format', 'json'])).config, undefined);
  });

  it('from the current directory when no scanned path has one: standard input, or a path outside any config', () => {
    const repo = repository();
    const stdin = report(runCli(['scan', '-', '--format', 'json'], { cwd: path.join(repo, 'deploy'), input: PRIVILEGED }));
    assert.deepEqual(present(stdin), { privileged: false, hostNetwork: true });
    assert.deepEqual(stdin.config, { file: path.join(repo, '.palisade.yaml') });
    const elsewhere = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED });
    const r = report(runCli(['scan', elsewhere, '--format', 'json'], { cwd: repo }));
    assert.deepEqual(r.config, { file: '.palisade.yaml' });
  });

  it('a scanned path\'s config comes before the current directory\'s', () => {
    const repo = repository();
    const other = writeTree(tempDir(), { '.palisade.yaml': DISABLE_HOST_NETWORK, 'pod.yaml': PRIVILEGED });
    const r = report(runCli(['scan', other, '--format', 'json'], { cwd: repo }));
    assert.deepEqual(present(r), { privileged: true, hostNetwork: false });
  });

  it('--config FILE overrides discovery; --no-config uses none', () => {
    const repo = repository({ 'ci/strict.yaml': DISABLE_HOST_NETWORK });
    const k8s = path.join(repo, 'deploy/k8s');
    const given = report(runCli(['scan', k8s, '--config', path.join(repo, 'ci/strict.yaml'), '--format', 'json']));
    assert.deepEqual(present(given), { privileged: true, hostNetwork: false });
    assert.deepEqual(given.config, { file: path.join(repo, 'ci/strict.yaml') });
    const none = report(runCli(['scan', k8s, '--no-config', '--format', 'json']));
    assert.deepEqual(present(none), { privileged: true, hostNetwork: true });
    assert.equal(none.config, undefined);
    assert.ok(!('config' in none), 'no config key without a config');
  });

  it('a broken config found upward is exit 2 naming it, and --no-config gets past it', () => {
    const repo = repository({ '.palisade.yaml': 'gatess: {}\n' });
    const out = runCli(['scan', path.join(repo, 'deploy/k8s')]);
    assert.equal(out.code, 2, out.stderr);
    assert.equal(out.stderr, `palisade: ${path.join(repo, '.palisade.yaml')}:1:1: gatess: unknown key "gatess"; did you mean "gates"?\n`);
    assert.equal(runCli(['scan', path.join(repo, 'deploy/k8s'), '--no-config', '-q']).code, 0);
  });

  it('fix finds the config the same way, and takes --no-config', () => {
    const repo = repository();
    const k8s = path.join(repo, 'deploy/k8s');
    const found = runCli(['fix', k8s, '--dry-run', '--all']);
    assert.ok(!found.stdout.includes('privileged: false'), 'privileged-container is disabled by the repository\'s config');
    const none = runCli(['fix', k8s, '--dry-run', '--all', '--no-config']);
    assert.match(none.stdout, /\+ +securityContext: \{privileged: false\}|\+.*privileged: false/);
  });
});
