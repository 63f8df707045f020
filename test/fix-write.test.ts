// How `palisade fix` writes: only inside the tree, never through a planted link, never over a
// change made while it runs, and file by file, reporting each file it could not write.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, runCli, tempDir, writeTree, type CliResult } from './support/cli.js';
import { hostPidPod } from './support/pods.js';

// --all: hostPID: false needs review, and these tests are about how files are written
const CONTROLS = ['--all', '--controls', 'host-namespaces'];

/** The CLI as a child process that the test can act on while it runs. */
function startCli(args: string[], cwd: string): { pid: number; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { pid: child.pid!, done };
}

describe('palisade fix writes only the files it fixes', () => {
  it('a symlink planted at the old temporary name (.<name>.palisade-fix-<pid>) is not followed', async () => {
    const base = fs.realpathSync(tempDir());
    const dir = writeTree(base, { 'tree/pod.yaml': hostPidPod('p'), 'victim.txt': 'not to be overwritten\n' });
    const tree = path.join(dir, 'tree');
    const run = startCli(['fix', '.', ...CONTROLS], tree);
    // planted while node starts, long before it writes anything
    const planted = path.join(tree, `.pod.yaml.palisade-fix-${run.pid}`);
    fs.symlinkSync(path.join(dir, 'victim.txt'), planted);
    const r = await run.done;
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'victim.txt'), 'utf8'), 'not to be overwritten\n');
    const pod = fs.lstatSync(path.join(tree, 'pod.yaml'));
    assert.ok(pod.isFile() && !pod.isSymbolicLink(), 'the manifest is still a regular file');
    assert.match(fs.readFileSync(path.join(tree, 'pod.yaml'), 'utf8'), /hostPID: false/);
    assert.ok(fs.lstatSync(planted).isSymbolicLink(), 'the planted link is left as it was');
    assert.deepEqual(fs.readdirSync(tree).sort(), [path.basename(planted), 'pod.yaml'].sort(), 'no temporary file left');
  });

  it('keeps the file\'s mode (and owner, as root) exactly', () => {
    const dir = writeTree(tempDir(), { 'shared.yaml': hostPidPod('shared'), 'private.yaml': hostPidPod('private') });
    fs.chmodSync(path.join(dir, 'shared.yaml'), 0o664);
    fs.chmodSync(path.join(dir, 'private.yaml'), 0o600);
    const root = process.getuid?.() === 0;
    if (root) fs.chownSync(path.join(dir, 'shared.yaml'), 65534, 65534);
    const r = runCli(['fix', dir, ...CONTROLS]);
    assert.equal(r.code, 0, r.stderr);
    const shared = fs.statSync(path.join(dir, 'shared.yaml'));
    assert.equal(shared.mode & 0o7777, 0o664);
    assert.equal(fs.statSync(path.join(dir, 'private.yaml')).mode & 0o7777, 0o600);
    if (root) assert.deepEqual([shared.uid, shared.gid], [65534, 65534]);
    assert.match(fs.readFileSync(path.join(dir, 'shared.yaml'), 'utf8'), /hostPID: false/);
  });

  it('fixes the file a symlink inside the tree points to, and the link stays a link', () => {
    const dir = writeTree(tempDir(), { 'real/pod.yaml': hostPidPod('p') });
    fs.symlinkSync('real/pod.yaml', path.join(dir, 'link.yaml'));
    const r = runCli(['fix', 'link.yaml', 'real', '--all'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.lstatSync(path.join(dir, 'link.yaml')).isSymbolicLink());
    assert.match(fs.readFileSync(path.join(dir, 'real/pod.yaml'), 'utf8'), /hostPID: false/);
  });
});

describe('palisade fix and a file changed while it runs', () => {
  it('loses no line appended by another process: a changed file is not written, and the exit code says so', async () => {
    // a file large enough that fixing it takes a while, appended to every 10 ms meanwhile
    const pods = Array.from({ length: 400 }, (_, i) => hostPidPod(`p${i}`)).join('---\n');
    const dir = writeTree(tempDir(), { 'pods.yaml': pods });
    const file = path.join(dir, 'pods.yaml');
    const run = startCli(['fix', '.', '--all', '--controls', 'host-namespaces,privileged-container,non-root-user'], dir);
    let exited = false;
    const result = run.done.then((r) => { exited = true; return r; });
    const appended: string[] = [];
    while (!exited) {
      const line = `# appended ${appended.length}\n`;
      fs.appendFileSync(file, line);
      appended.push(line);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const r = await result;
    const now = fs.readFileSync(file, 'utf8');
    const lost = appended.filter((line) => !now.includes(line));
    assert.deepEqual(lost, [], `${lost.length} of ${appended.length} appended lines lost; fix said:\n${r.stdout}`);
    assert.ok(appended.length >= 5, `appended ${appended.length} lines while fix ran`);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /^not written \(1 file\(s\); their \d+ fix\(es\) were not applied\):\n {2}pods\.yaml: changed while fixing; not written, run fix again$/m);
    assert.match(r.stderr, /1 file\(s\) could not be written/);
    assert.ok(!now.includes('hostPID: false'), 'not fixed: the whole file was left to the other writer');
    assert.deepEqual(fs.readdirSync(dir), ['pods.yaml'], 'no temporary file left');
  });
});

describe('palisade fix when a file cannot be written', () => {
  const root = process.getuid?.() === 0;
  const setpriv = root && spawnSync('setpriv', ['--version']).status === 0;
  const skip = root && !setpriv && 'as root, needs setpriv to run as an unprivileged user';

  /** The CLI as an ordinary user: uid/gid 65534 (nobody) when the tests run as root. */
  const asUser = (args: string[], cwd: string): CliResult => {
    const [cmd, argv] = root
      ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, ...args]]
      : [process.execPath, [CLI, ...args]];
    const run = spawnSync(cmd, argv as string[], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('writes every file it may, names each one it may not and why, and exits 3 without crashing', { skip }, () => {
    const dir = writeTree(tempDir(), {
      'a/pod.yaml': hostPidPod('a'), 'locked/pod.yaml': hostPidPod('locked'), 'readonly/pod.yaml': hostPidPod('readonly'), 'z/pod.yaml': hostPidPod('z'),
    });
    fs.chmodSync(dir, 0o755);
    const user = root ? 65534 : process.getuid!();
    for (const d of ['a', 'locked', 'readonly', 'z']) {
      fs.chownSync(path.join(dir, d), user, user);
      fs.chownSync(path.join(dir, d, 'pod.yaml'), user, user);
    }
    // the user's file in a directory they may read but not write, and a read-only file in a writable one
    if (root) fs.chownSync(path.join(dir, 'locked'), 0, 0);
    fs.chmodSync(path.join(dir, 'locked'), 0o555);
    fs.chmodSync(path.join(dir, 'readonly/pod.yaml'), 0o444);

    const r = asUser(['fix', '.', ...CONTROLS], dir);
    fs.chmodSync(path.join(dir, 'locked'), 0o755); // so that the temporary tree can be removed
    assert.equal(r.code, 3, `${r.stdout}\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, /internal error|EACCES|\n\s+at /);
    assert.match(r.stdout, /^fixed a\/pod\.yaml: 1 change\(s\)$/m);
    assert.match(r.stdout, /^fixed z\/pod\.yaml: 1 change\(s\)$/m);
    assert.match(r.stdout, /^2 fix\(es\) applied to 2 file\(s\)$/m);
    assert.match(r.stdout, /^not written \(2 file\(s\); their 2 fix\(es\) were not applied\):$/m);
    assert.match(r.stdout, /^ {2}locked\/pod\.yaml: permission denied: cannot create a file in its directory\n {4}\/v1\/app\/Pod\/locked {2}host-namespaces: set hostPID: false$/m);
    assert.match(r.stdout, /^ {2}readonly\/pod\.yaml: permission denied: the file is not writable$/m);
    assert.match(r.stderr, /2 file\(s\) could not be written; their fixes were not applied/);
    for (const d of ['a', 'z']) assert.match(fs.readFileSync(path.join(dir, d, 'pod.yaml'), 'utf8'), /hostPID: false/, d);
    for (const d of ['locked', 'readonly']) assert.equal(fs.readFileSync(path.join(dir, d, 'pod.yaml'), 'utf8'), hostPidPod(d), d);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'readonly')), ['pod.yaml'], 'no temporary file left');
  });
});
