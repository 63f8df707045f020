// `palisade scan --node` on components that run in containers: kubeadm's kube-proxy is a DaemonSet
// pod whose --config (a ConfigMap volume) exists only in its own mount namespace. The scan reads it
// through /proc/<pid>/root; when it may not (an ordinary user), it warns and still exits 0; a file
// missing on both sides is a missing file (exit 3), as before. Fixture roots model the namespaces;
// one test makes a real mount namespace (root and unshare(1) needed) and reads through the kernel's
// /proc/<pid>/root.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { KUBEADM_ROOT, buildRoot, type RootSpec } from '../src/testing/node-roots.js';
import { CLI, runCli, tempDir, type CliResult } from './support/cli.js';

const tmp = tempDir('palisade-cli-node-containers-');
const roots: Record<string, string> = {};

const KUBE_PROXY = ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=cp-default'];
const PROXY_CONFIG = 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclientConnection:\n  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf\nmode: iptables\n';
const HOST_NS = 4026531841;
const OPEN_CONFIG = '/var/lib/kube-proxy/config.conf (--config) has mode 0664: want not writable by group or others (644 or stricter) @ /var/lib/kube-proxy/config.conf';

function json(out: CliResult, code = 0): ScanReport {
  assert.equal(out.code, code, `exit ${out.code}\nstderr: ${out.stderr}`);
  return JSON.parse(out.stdout) as ScanReport;
}

const scanRoot = (name: string) => runCli(['scan', '--node', '--root', roots[name], '--format', 'json'], { cwd: tmp });
const status = (r: ScanReport, id: string) => r.controls.find((c) => c.id === id)?.status;
/** node-file-permissions' failed paths: `message @ location`. */
const permissions = (r: ScanReport) => r.findings.filter((f) => f.controlId === 'node-file-permissions' && f.status === 'failed')
  .flatMap((f) => f.paths.map((p) => `${p.message} @ ${p.location?.file}`));

const root = process.getuid?.() === 0;
const setpriv = root && spawnSync('setpriv', ['--version']).status === 0;
/** The CLI as uid/gid 65534 (nobody), which may not enter another user's /proc/<pid>/root. */
function asNobody(args: string[]): CliResult {
  const run = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, ...args], { cwd: tmp, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * A kubeadm control plane (static pods) with kube-proxy as process 106, its config.conf in its
 * ConfigMap volume as the kubelet lays it out (config.conf → ..data/config.conf → a timestamped
 * directory), under /proc/106/root only; mode 0664, so that node-file-permissions' finding shows
 * that it was examined. `namespaces`: write ns/mnt links (the host's for init and the kubelet, one
 * of its own for each pod).
 */
function kubeadmWithProxy(name: string, opts: { namespaces?: boolean; volume?: boolean } = {}): string {
  const spec: RootSpec = { ...KUBEADM_ROOT, processes: { ...KUBEADM_ROOT.processes, 106: KUBE_PROXY }, files: { ...KUBEADM_ROOT.files } };
  const dir = buildRoot(path.join(tmp, name), spec);
  const volume = path.join(dir, 'proc/106/root/var/lib/kube-proxy');
  fs.mkdirSync(path.join(volume, '..2025_01_01_00_00_00.123456789'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'proc/106/root/etc'), { recursive: true });
  if (opts.volume !== false) {
    for (const f of ['config.conf', 'kubeconfig.conf']) {
      fs.writeFileSync(path.join(volume, '..2025_01_01_00_00_00.123456789', f), f === 'config.conf' ? PROXY_CONFIG : 'apiVersion: v1\nkind: Config\n');
      fs.chmodSync(path.join(volume, '..2025_01_01_00_00_00.123456789', f), f === 'config.conf' ? 0o664 : 0o600);
      fs.symlinkSync(`..data/${f}`, path.join(volume, f));
    }
    fs.symlinkSync('..2025_01_01_00_00_00.123456789', path.join(volume, '..data'));
  }
  if (opts.namespaces) {
    for (const [pid, ns] of Object.entries({ 1: HOST_NS, 105: HOST_NS, 101: 4026532201, 102: 4026532202, 103: 4026532203, 104: 4026532204, 106: 4026532306 })) {
      fs.mkdirSync(path.join(dir, `proc/${pid}/ns`), { recursive: true });
      fs.symlinkSync(`mnt:[${ns}]`, path.join(dir, `proc/${pid}/ns/mnt`));
    }
  }
  return dir;
}

before(() => {
  fs.chmodSync(tmp, 0o755); // for the runs as nobody
  roots.proxy = kubeadmWithProxy('proxy');
  roots['proxy-ns'] = kubeadmWithProxy('proxy-ns', { namespaces: true });
  roots['proxy-missing'] = kubeadmWithProxy('proxy-missing', { volume: false });
});

describe('scan --node: kube-proxy in a container on a kubeadm node', () => {
  it('examines its --config through /proc/<pid>/root: exit 0, no input error, a note on stderr', () => {
    for (const name of ['proxy', 'proxy-ns']) {
      const out = scanRoot(name);
      const r = json(out);
      assert.deepEqual(r.errors, [], name);
      assert.deepEqual(r.warnings, [], name);
      assert.deepEqual(permissions(r), [OPEN_CONFIG], 'examined, and located at the path kube-proxy names');
      assert.equal(r.findings.find((f) => f.controlId === 'node-file-permissions' && f.status === 'failed')?.resourceId, 'node/cp-default/kube-proxy');
      assert.ok(out.stderr.includes(`kube-proxy (process 106) runs in a mount namespace of its own: /var/lib/kube-proxy/config.conf read from its own file system view (${roots[name]}/proc/106/root)`), out.stderr);
    }
  });

  it('a named pipe where a config file read for its content should be is refused, not opened: the scan does not hang', () => {
    // a path a component names can be chosen by whoever controls its container; here the kubelet's --config
    const dir = buildRoot(path.join(tmp, 'fifo'), KUBEADM_ROOT);
    const config = path.join(dir, 'var/lib/kubelet/config.yaml');
    fs.rmSync(config);
    assert.equal(spawnSync('mkfifo', [config]).status, 0);
    const r = json(runCli(['scan', '--node', '--root', dir, '--format', 'json'], { cwd: tmp, timeoutMs: 30_000 }), 3);
    assert.ok(r.errors.some((e) => e.message.startsWith(`not a regular file: ${config} is a named pipe; not read`)), JSON.stringify(r.errors));
  });

  it('a file in neither the host\'s nor the process\'s view is still a missing file (exit 3)', () => {
    const r = json(scanRoot('proxy-missing'), 3);
    const dir = roots['proxy-missing'];
    assert.deepEqual(r.errors.map((e) => `${e.file}: ${e.message}`), [
      `${dir}/var/lib/kube-proxy/config.conf: no such file or directory: ${dir}/var/lib/kube-proxy/config.conf (named by --config)`,
    ]);
    assert.deepEqual(r.warnings, []);
  });
});

describe('scan --node as an ordinary user: a container it may not enter', { skip: !setpriv && 'needs root and setpriv to switch to an unprivileged user' }, () => {
  before(() => {
    for (const name of ['proxy', 'proxy-ns']) fs.chmodSync(path.join(roots[name], 'proc/106/root'), 0o700); // root's, as /proc/<pid>/root is to other users
  });
  after(() => {
    for (const name of ['proxy', 'proxy-ns']) fs.chmodSync(path.join(roots[name], 'proc/106/root'), 0o755);
  });

  it('warns which file of which component it could not read and that root reads it, and exits 0', () => {
    const cases: Array<[string, string]> = [
      ['proxy-ns', 'kube-proxy (process 106) runs in a container: /var/lib/kube-proxy/config.conf (named by --config) could not be read from inside it'],
      ['proxy', 'kube-proxy (process 106): /var/lib/kube-proxy/config.conf (named by --config) is not on the host and could not be read from inside its container, if it runs in one'],
    ];
    for (const [name, what] of cases) {
      const out = asNobody(['scan', '--node', '--root', roots[name], '--format', 'json']);
      const r = json(out);
      assert.deepEqual(r.errors, [], name);
      assert.deepEqual(r.warnings, [`--node: ${what}: ${roots[name]}/proc/106/root could not be entered (permission denied); run as root to evaluate its content`]);
      assert.ok(out.stderr.includes(what), out.stderr);
      assert.deepEqual(permissions(r), [], 'not examined');
      assert.equal(status(r, 'node-file-permissions'), 'passed', 'the rest is judged');
      assert.equal(status(r, 'kubelet-anonymous-auth'), 'passed');
    }
  });
});

describe('scan --node: a real mount namespace', () => {
  // A process in a mount namespace of its own (unshare --mount) with a tmpfs only it sees; a fixture
  // root whose /proc/777 leads to that process's /proc entry and whose /proc/1 leads to init's, so
  // that the kernel decides what may be read (no process named kube-proxy appears on this machine,
  // where other tests scan the real /proc).
  let child: ChildProcess | undefined;
  let ready = false;
  const mnt = path.join(tmp, 'pod-volume');

  before(async () => {
    if (!root || spawnSync('unshare', ['--mount', 'true']).status !== 0) return;
    fs.mkdirSync(mnt, { mode: 0o755 });
    const script = 'mount -t tmpfs -o mode=0755 tmpfs "$1" && printf "kind: KubeProxyConfiguration\\n" > "$1/config.conf" && chmod 0664 "$1/config.conf" && echo ready && exec sleep 120';
    const proc = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', mnt], { stdio: ['ignore', 'pipe', 'inherit'] });
    child = proc;
    ready = await new Promise<boolean>((resolve) => {
      proc.stdout!.setEncoding('utf8').on('data', (d: string) => { if (d.includes('ready')) resolve(true); });
      proc.on('exit', () => resolve(false));
    });
    if (!ready) return;
    const dir = buildRoot(path.join(tmp, 'real-ns'), { hostname: 'real-ns', processes: { 777: ['/usr/local/bin/kube-proxy', `--config=${mnt}/config.conf`] }, files: {} });
    for (const [pid, real] of [[777, proc.pid!], [1, 1]] as const) {
      fs.mkdirSync(path.join(dir, `proc/${pid}`), { recursive: true });
      for (const entry of ['ns', 'root', 'mountinfo']) fs.symlinkSync(`/proc/${real}/${entry}`, path.join(dir, `proc/${pid}/${entry}`));
    }
    roots.real = dir;
  });
  after(() => {
    if (child?.pid && child.exitCode === null) child.kill();
  });

  it('as root: reads the file in the process\'s own view', (t) => {
    if (!ready) return t.skip('needs root and unshare(1)');
    assert.ok(!fs.existsSync(path.join(mnt, 'config.conf')), 'the tmpfs is not seen from here');
    const out = scanRoot('real');
    const r = json(out);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(permissions(r), [`${mnt}/config.conf (--config) has mode 0664: want not writable by group or others (644 or stricter) @ ${mnt}/config.conf`]);
    assert.match(out.stderr, /kube-proxy \(process 777\) runs in a mount namespace of its own/);
  });

  it('as an ordinary user: tells the namespaces apart from mountinfo, warns, exits 0', (t) => {
    if (!ready || !setpriv) return t.skip('needs root, unshare(1) and setpriv');
    const r = json(asNobody(['scan', '--node', '--root', roots.real, '--format', 'json']));
    assert.deepEqual(r.errors, []);
    assert.deepEqual(permissions(r), []);
    assert.deepEqual(r.warnings, [`--node: kube-proxy (process 777) runs in a container: ${mnt}/config.conf (named by --config) could not be read from inside it: `
      + `${roots.real}/proc/777/root could not be entered (permission denied); run as root to evaluate its content`]);
  });
});
