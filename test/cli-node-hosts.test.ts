// `palisade scan --node` end to end on the distributions beyond kubeadm and k3s (an rke2 server, an
// EKS worker), on a kubelet that reads no config file, and run as an ordinary user.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { KEY_CANARY } from '../src/testing/control-plane-fixtures.js';
import { EKS_KUBELET, EKS_ROOT, HARDENED_ROOT, RKE2_ROOT, RKE2_TOKEN_CANARY, buildRoot, type RootSpec } from '../src/testing/node-roots.js';
import { CLI, runCli, tempDir, type CliResult } from './support/cli.js';

const tmp = tempDir('palisade-cli-node-hosts-');
const roots: Record<string, string> = {};

function json(out: CliResult, code = 0): ScanReport {
  assert.equal(out.code, code, `exit ${out.code}\nstderr: ${out.stderr}`);
  return JSON.parse(out.stdout) as ScanReport;
}

const scanRoot = (name: string, ...extra: string[]) => runCli(['scan', '--node', '--root', roots[name], '--format', 'json', ...extra], { cwd: tmp });
const status = (r: ScanReport, id: string) => r.controls.find((c) => c.id === id)?.status;

before(() => {
  const eksNoConfig: RootSpec = {
    ...EKS_ROOT,
    processes: { ...EKS_ROOT.processes, 501: ['/usr/bin/kubelet', ...EKS_KUBELET.filter((a, i) => a !== '--config' && EKS_KUBELET[i - 1] !== '--config')] },
  };
  const specs: Record<string, RootSpec> = { rke2: RKE2_ROOT, eks: EKS_ROOT, 'eks-no-config': eksNoConfig, hardened: HARDENED_ROOT };
  for (const [name, spec] of Object.entries(specs)) roots[name] = buildRoot(path.join(tmp, name), spec);
});

describe('scan --node: rke2 server', () => {
  it('finds each component as its own process, etcd\'s settings in its --config-file, and locates findings under the root', () => {
    const r = json(scanRoot('rke2'));
    const ids = r.resources.filter((x) => x.kind === 'NodeComponent').map((x) => x.id).sort();
    assert.deepEqual(ids, ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-proxy', 'kube-scheduler', 'kubelet'].map((c) => `node/rke2-server-1/${c}`));
    assert.deepEqual(r.errors, []);
    for (const [id, want] of Object.entries({
      'etcd-tls': 'passed', 'etcd-dedicated-ca': 'passed', 'secrets-encryption-at-rest': 'passed', 'audit-logging': 'passed',
      'audit-policy-coverage': 'failed', 'kubelet-anonymous-auth': 'passed', 'kubelet-read-only-port': 'passed',
      'kubelet-hardening': 'failed', 'node-file-permissions': 'passed',
    })) assert.equal(status(r, id), want, id);
    const audit = r.findings.find((f) => f.controlId === 'audit-policy-coverage')!;
    assert.equal(audit.resourceId, 'node/rke2-server-1/Policy/etc/rancher/rke2/audit-policy.yaml');
    assert.equal(audit.paths[0].location?.file, path.join(roots.rke2, 'etc/rancher/rke2/audit-policy.yaml'));
    const kubelet = r.findings.find((f) => f.controlId === 'kubelet-hardening')!;
    assert.equal(kubelet.paths[0].location?.file, path.join(roots.rke2, 'proc/310/cmdline'));
  });

  it('never prints rke2\'s join token or key material, in any format', () => {
    const dir = path.join(tmp, 'reports-rke2');
    const out = runCli(['scan', '--node', '--root', roots.rke2, '--verbose', '--format', 'json,pretty,sarif,html,junit,prometheus,policyreport', '--output-dir', dir], { cwd: tmp });
    assert.equal(out.code, 0, out.stderr);
    const texts = [out.stdout, out.stderr, ...fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))];
    assert.equal(texts.length, 9);
    for (const t of texts) {
      assert.ok(!t.includes(RKE2_TOKEN_CANARY.slice(13)), 'the join token');
      assert.ok(!t.includes(KEY_CANARY), 'key material');
    }
  });
});

describe('scan --node: EKS worker', () => {
  it('judges the kubelet on its JSON --config, each setting located in that file', () => {
    const r = json(scanRoot('eks'));
    assert.deepEqual(r.resources.map((x) => x.id).sort(), [
      'node/ip-10-0-1-23.ec2.internal/KubeletConfiguration/etc/kubernetes/kubelet/kubelet-config.json',
      'node/ip-10-0-1-23.ec2.internal/kube-proxy', 'node/ip-10-0-1-23.ec2.internal/kubelet',
    ]);
    for (const id of ['kubelet-anonymous-auth', 'kubelet-authorization', 'kubelet-client-tls', 'kubelet-read-only-port']) assert.equal(status(r, id), 'passed', id);
    assert.equal(status(r, 'apiserver-anonymous-auth'), 'skipped', 'a worker runs no control plane');
    const pids = r.findings.find((f) => f.controlId === 'kubelet-pod-pid-limit')!;
    assert.equal(pids.paths[0].location?.file, path.join(roots.eks, 'etc/kubernetes/kubelet/kubelet-config.json'));
    assert.deepEqual(r.warnings, []);
  });

  it('a kubelet without --config is judged on its flags, and the unread config file is a warning', () => {
    const out = scanRoot('eks-no-config');
    const r = json(out);
    for (const id of ['kubelet-anonymous-auth', 'kubelet-authorization', 'kubelet-read-only-port']) assert.equal(status(r, id), 'failed', id);
    const warning = /kubelet \(process 501\) has no --config: \/etc\/kubernetes\/kubelet\/kubelet-config\.json \(eks default location\) is not read by it/;
    assert.ok(r.warnings.some((w) => warning.test(w)), r.warnings.join('\n'));
    assert.match(out.stderr, warning);
  });
});

describe('scan --node as an ordinary user', () => {
  const nobody = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;

  const skip = !nobody && 'needs root and setpriv to switch to an unprivileged user';
  /** The CLI as uid/gid 65534 (nobody). */
  const asNobody = (root: string): CliResult => {
    fs.chmodSync(tmp, 0o755);
    const run = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, 'scan', '--node', '--root', root, '--format', 'json'], { cwd: root, encoding: 'utf8' });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('lists the files it could not read (exit 3) and judges the rest', { skip }, () => {
    const run = asNobody(roots.hardened);
    const r = json(run, 3);
    const errors = r.errors.map((e) => `${e.file}: ${e.message}`).join('\n');
    assert.match(errors, /etc\/kubernetes\/enc\/encryption\.yaml: permission denied: .*--encryption-provider-config of kube-apiserver.*run as root to evaluate its content/);
    assert.match(errors, /etc\/kubernetes\/audit\/policy\.yaml: permission denied: .*--audit-policy-file/);
    assert.equal(r.errors.length, 2, errors);
    assert.match(run.stderr, /2 input error\(s\); the report covers what could be read/);
    assert.equal(r.resources.filter((x) => x.kind === 'NodeComponent').length, 5);
    assert.equal(status(r, 'kubelet-anonymous-auth'), 'passed');
    assert.equal(status(r, 'node-file-permissions'), 'passed', 'modes and owners are read without reading the files');
    assert.equal(status(r, 'audit-policy-coverage'), 'skipped');
    assert.ok(!run.stdout.includes(KEY_CANARY) && !run.stderr.includes(KEY_CANARY));
  });

  it('an etcd --config-file it cannot read leaves etcd unjudged instead of failing the flags etcd ignores', { skip }, () => {
    const r = json(asNobody(roots.rke2), 3);
    assert.ok(r.errors.some((e) => /server\/db\/etcd\/config$/.test(e.file) && /permission denied/.test(e.message)), JSON.stringify(r.errors));
    for (const id of ['etcd-tls', 'etcd-dedicated-ca']) {
      assert.equal(status(r, id), 'skipped', id);
      assert.match(r.controls.find((c) => c.id === id)!.reason!, /started with --config-file/);
    }
    assert.equal(status(r, 'kubelet-anonymous-auth'), 'passed');
  });
});
