// `palisade scan --node --root DIR` on a node's disk mounted elsewhere, through the built CLI: no
// processes under DIR/proc, so the components are found in the files that start them (static pods,
// the kubelet's systemd unit and its drop-ins and environment files, k3s' unit, rke2's static pods)
// and judged on what those files say; the report says processes were not available, and the node
// controls it cannot judge are skipped with that reason.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { KEY_CANARY } from '../src/testing/control-plane-fixtures.js';
import {
  EMPTY_DISK, INSECURE_DISK, K3S_DISK, KUBEADM_DISK, KUBEADM_ROOT, RKE2_DISK, TOKEN_CANARY, buildRoot, type RootSpec,
} from '../src/testing/node-roots.js';
import { runCli, tempDir, type CliResult } from './support/cli.js';

const NODE_SECTIONS = ['control-plane', 'kubelet'];
const tmp = tempDir('palisade-cli-node-disk-');
const roots: Record<string, string> = {};
const SPECS: Record<string, RootSpec> = {
  kubeadm: KUBEADM_DISK, insecure: INSECURE_DISK, k3s: K3S_DISK, rke2: RKE2_DISK, empty: EMPTY_DISK, running: KUBEADM_ROOT,
};

function json(out: CliResult, code = 0): ScanReport {
  assert.equal(out.code, code, `exit ${out.code}\nstderr: ${out.stderr}`);
  return JSON.parse(out.stdout) as ScanReport;
}

function scanRoot(name: string, ...extra: string[]): CliResult {
  return runCli(['scan', '--node', '--root', roots[name], '--format', 'json', ...extra], { cwd: tmp, timeoutMs: 60_000 });
}

const status = (r: ScanReport, id: string) => r.controls.find((c) => c.id === id)?.status;
const note = (name: string) => `--node: no running processes under ${roots[name]}/proc (a mounted disk?): judged the files found — flags given only on a command line are not seen`;

before(() => {
  for (const [name, spec] of Object.entries(SPECS)) roots[name] = buildRoot(path.join(tmp, name), spec);
});

describe('scan --node --root on a kubeadm node\'s disk', () => {
  it('judges the static pods, the kubelet\'s unit and config and the file modes, as the running node is judged', () => {
    const out = scanRoot('kubeadm');
    const r = json(out);
    const running = json(scanRoot('running'));
    assert.deepEqual(
      r.controls.map((c) => [c.id, c.status]),
      running.controls.map((c) => [c.id, c.status]),
      'the disk and the running node get the same verdicts',
    );
    assert.deepEqual(r.resources.filter((x) => x.kind === 'NodeComponent').map((x) => x.id).sort(),
      ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet'].map((c) => `node/cp-disk/${c}`));
    for (const [id, want] of Object.entries({
      'apiserver-anonymous-auth': 'failed', 'audit-logging': 'failed', 'kubelet-anonymous-auth': 'passed',
      'kubelet-seccomp-default': 'failed', 'node-file-permissions': 'passed', 'etcd-tls': 'passed',
    })) assert.equal(status(r, id), want, id);
    assert.deepEqual(r.errors, []);
    // every location is a file of the disk
    const locations = r.findings.flatMap((f) => f.paths.map((p) => p.location?.file)).filter((f): f is string => !!f);
    for (const x of r.resources) locations.push(x.source.file!);
    assert.ok(locations.length > 5);
    for (const file of locations) {
      assert.ok(file.startsWith(`${roots.kubeadm}/`) && !file.includes('/proc/'), file);
      assert.ok(fs.existsSync(file), `${file} exists`);
    }
  });

  it('says processes were not available: in the report\'s warnings and on stderr, with what was read', () => {
    const out = scanRoot('kubeadm');
    const r = json(out);
    assert.ok(r.warnings.includes(note('kubeadm')), r.warnings.join('\n'));
    assert.ok(out.stderr.includes(`palisade: warning: ${note('kubeadm')}`), out.stderr);
    assert.match(out.stderr, /node cp-disk, from its files: kubelet \(systemd unit kubelet\.service\), etcd \(static pod \/etc\/kubernetes\/manifests\/etcd\.yaml\)/);
    // the running node's report has no such warning
    const running = runCli(['scan', '--node', '--root', roots.running, '--format', 'json'], { cwd: tmp });
    assert.ok(!json(running).warnings.some((w) => w.includes('no running processes')));
  });

  it('the apiserver\'s flags are judged at their lines in its manifest; the kubelet\'s at the drop-in and kubeadm-flags.env', () => {
    const r = json(scanRoot('kubeadm'));
    const anon = r.findings.find((f) => f.controlId === 'apiserver-anonymous-auth' && f.status === 'failed')!;
    assert.equal(anon.resourceId, 'node/cp-disk/kube-apiserver');
    assert.equal(anon.paths[0].location?.file, path.join(roots.kubeadm, 'etc/kubernetes/manifests/kube-apiserver.yaml'));
    assert.ok(anon.paths[0].location?.line, 'a line of the manifest');
    const kubelet = r.resources.find((x) => x.id === 'node/cp-disk/kubelet')!;
    assert.match(kubelet.source.file!, /\/usr\/lib\/systemd\/system\/kubelet\.service$/);
  });
});

describe('scan --node --root on other disks', () => {
  it('an insecure node: an insecure flag in the manifest fails, file modes fail, --fail-on high exits 1', () => {
    const r = json(scanRoot('insecure'));
    const creds = r.findings.find((f) => f.controlId === 'apiserver-static-credentials' && f.status === 'failed')!;
    const at = creds.paths[0].location!;
    assert.equal(at.file, path.join(roots.insecure, 'etc/kubernetes/manifests/kube-apiserver.yaml'));
    assert.match(fs.readFileSync(at.file, 'utf8').split('\n')[at.line! - 1], /--token-auth-file=/);
    const perms = r.findings.filter((f) => f.controlId === 'node-file-permissions' && f.status === 'failed').flatMap((f) => f.paths.map((p) => p.message)).join('\n');
    assert.match(perms, /kube-apiserver\.yaml \(static pod manifest\) has mode 0666/);
    assert.match(perms, /\/var\/lib\/etcd \(--data-dir\) has mode 0755: want 700/);
    assert.equal(status(r, 'kubelet-anonymous-auth'), 'failed', 'a kubelet on flags only: the command-line defaults');
    const gate = scanRoot('insecure', '--fail-on', 'high');
    assert.equal(gate.code, 1, gate.stderr);
    assert.match(gate.stderr, /gate tripped/);
  });

  it('rke2: the kubelet, whose flags rke2 builds when it runs, is skipped with that reason, not passed', () => {
    const out = scanRoot('rke2');
    const r = json(out);
    const kubeletControls = r.controls.filter((c) => c.id.startsWith('kubelet-'));
    assert.ok(kubeletControls.length >= 7);
    for (const c of kubeletControls) {
      assert.equal(c.status, 'skipped', c.id);
      assert.ok(c.reason?.startsWith(note('rke2')), `${c.id}: ${c.reason}`);
    }
    assert.equal(status(r, 'apiserver-authorization'), 'passed');
    assert.equal(status(r, 'etcd-tls'), 'passed');
    assert.ok(r.summary.coverage < 100, 'coverage shows what the disk could not tell');
    assert.ok(r.warnings.some((w) => /rke2 starts the kubelet with flags it builds when it runs/.test(w)), r.warnings.join('\n'));
  });

  it('k3s: rebuilt from its unit and config file, with the running node\'s verdicts', () => {
    const r = json(scanRoot('k3s'));
    for (const [id, want] of Object.entries({ 'secrets-encryption-at-rest': 'passed', 'audit-logging': 'passed', 'etcd-tls': 'skipped', 'node-file-permissions': 'failed' })) {
      assert.equal(status(r, id), want, id);
    }
    assert.ok(status(r, 'etcd-tls') === 'skipped' && r.controls.find((c) => c.id === 'etcd-tls')!.reason!.startsWith(note('k3s')));
  });

  it('a disk with nothing Kubernetes: says so, skips the node controls with that reason, exits 0 even with --fail-on', () => {
    const out = scanRoot('empty', '--fail-on', 'low');
    const r = json(out);
    assert.match(out.stderr, /no Kubernetes components found on this host: there are no running processes under .*\/proc \(a mounted disk\?\)/);
    const nodeControls = r.controls.filter((c) => NODE_SECTIONS.includes(c.section));
    assert.ok(nodeControls.length >= 20);
    for (const c of nodeControls) {
      assert.equal(c.status, 'skipped', c.id);
      assert.match(c.reason ?? '', /no Kubernetes components found on this host/, c.id);
    }
    assert.equal(r.summary.coverage, 0);
    assert.deepEqual(r.errors, []);
  });

  it('never prints key material or tokens from a disk, in any format', () => {
    for (const name of ['insecure', 'k3s', 'rke2']) {
      const dir = path.join(tmp, `reports-${name}`);
      const out = runCli(['scan', '--node', '--root', roots[name], '--format', 'json,sarif,html,junit,prometheus,policyreport', '--output-dir', dir, '--verbose'], { cwd: tmp });
      assert.equal(out.code, 0, out.stderr);
      const texts = [out.stdout, out.stderr, ...fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))];
      for (const t of texts) {
        assert.ok(!t.includes(KEY_CANARY), `${name}: key material`);
        assert.ok(!t.includes(TOKEN_CANARY) && !t.includes('token-canary'), `${name}: a token`);
      }
    }
  });

  it('SARIF places a disk\'s findings at the manifest file and line (a real file, unlike a process\'s cmdline)', () => {
    const out = runCli(['scan', '--node', '--root', roots.insecure, '--format', 'sarif'], { cwd: tmp });
    assert.equal(out.code, 0, out.stderr);
    const sarif = JSON.parse(out.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations?: Array<{ physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } } }> }> }> };
    const result = sarif.runs[0].results.find((x) => x.ruleId === 'apiserver-static-credentials')!;
    const physical = result.locations?.[0]?.physicalLocation;
    assert.match(physical?.artifactLocation.uri ?? '', /etc\/kubernetes\/manifests\/kube-apiserver\.yaml$/);
    assert.ok(physical?.region?.startLine);
  });
});
