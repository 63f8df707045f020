// A node's disk mounted elsewhere: no processes under <root>/proc, so the components are found in
// the files that start them (static pods, systemd units, microk8s' args) and judged on what those
// files say — the same verdicts as the running node whose files they are.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan } from '../../engine/scan.js';
import type { ScanReport } from '../../model/types.js';
import type { NodeFile } from '../../model/node.js';
import { KEY_CANARY, KUBEADM_ETCD, KUBEADM_KUBELET_CONFIG } from '../../testing/control-plane-fixtures.js';
import {
  INSECURE_DISK, INSECURE_ROOT, K3S_DISK, K3S_ROOT, KUBEADM_DISK, KUBEADM_ROOT, RKE2_DISK, RKE2_ROOT, EMPTY_DISK,
  buildRoot, staticPod, type RootSpec,
} from '../../testing/node-roots.js';
import { readNode, type NodeSourceResult } from './index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-disk-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;

function build(spec: RootSpec): string {
  return buildRoot(path.join(tmp, `${spec.hostname}-${n++}`), spec);
}

const now = new Date('2025-01-01T00:00:00Z');
const NODE_SECTIONS = ['control-plane', 'kubelet'];
const verdicts = (r: ScanReport) => Object.fromEntries(r.controls.filter((c) => NODE_SECTIONS.includes(c.section)).map((c) => [c.id, c.status]));
const component = (node: NodeSourceResult, name: string) => node.resources.find((r) => r.id === `node/${node.hostname}/${name}`);
const filesOf = (node: NodeSourceResult, name: string) => ((component(node, name)?.object.spec as { files: NodeFile[] }).files);

describe('node source on a disk: the verdicts of the running node', () => {
  const pairs: Array<[string, RootSpec, RootSpec]> = [
    ['kubeadm control plane (static pods, kubelet unit + 10-kubeadm.conf + kubeadm-flags.env; empty /proc)', KUBEADM_DISK, KUBEADM_ROOT],
    ['insecure node (kubelet on flags from /etc/default/%N; no /proc)', INSECURE_DISK, INSECURE_ROOT],
    ['k3s server (k3s.service, config.yaml)', K3S_DISK, K3S_ROOT],
  ];
  for (const [name, disk, running] of pairs) {
    it(`${name}: the same verdict for every node control, no input error, and the note`, () => {
      const node = readNode(build(disk));
      const live = readNode(build(running));
      assert.deepEqual(verdicts(scan(node, { now })), verdicts(scan(live, { now })));
      assert.deepEqual(node.errors, []);
      assert.match(node.fromFiles ?? '', /^no running processes under .*\/proc \(a mounted disk\?\): judged the files found — flags given only on a command line are not seen$/);
      assert.equal(live.fromFiles, undefined, 'a root with processes is read from them');
      assert.deepEqual(node.resources.filter((r) => r.kind === 'NodeComponent').map((r) => r.name).sort(),
        live.resources.filter((r) => r.kind === 'NodeComponent').map((r) => r.name).sort());
      for (const r of node.resources) assert.equal((r.object.spec as { pid?: number } | undefined)?.pid, undefined, `${r.id} has no process id`);
    });
  }

  it('rke2 server: the control plane from its static pods; the kubelet, whose flags rke2 builds when it runs, is not judged', () => {
    const node = readNode(build(RKE2_DISK));
    const got = verdicts(scan(node, { now }));
    const live = verdicts(scan(readNode(build(RKE2_ROOT)), { now }));
    for (const [id, status] of Object.entries(live)) {
      if (id.startsWith('kubelet-')) assert.equal(got[id], 'skipped', id);
      else assert.equal(got[id], status, id);
    }
    assert.ok(node.warnings.some((w) => /rke2 starts the kubelet with flags it builds when it runs/.test(w)), node.warnings.join('\n'));
    assert.deepEqual(node.errors, []);
    // etcd's settings still come from its --config-file, as when it runs
    assert.equal((component(node, 'etcd')?.object.spec as { settingsFile?: string }).settingsFile, '/var/lib/rancher/rke2/server/db/etcd/config');
  });
});

describe('node source on a disk: where each flag came from', () => {
  let insecure: NodeSourceResult;
  let kubeadm: NodeSourceResult;
  let kubeadmRoot: string;
  before(() => {
    insecure = readNode(build(INSECURE_DISK));
    kubeadmRoot = build(KUBEADM_DISK);
    kubeadm = readNode(kubeadmRoot);
  });

  it('a control-plane flag fails at its line in the static pod manifest', () => {
    const report = scan(insecure, { now });
    const f = report.findings.find((x) => x.controlId === 'apiserver-static-credentials' && x.status === 'failed');
    assert.ok(f, 'the static token file is found in the manifest');
    assert.equal(f.resourceId, 'node/cp-insecure-disk/kube-apiserver');
    const at = f.paths[0].location!;
    assert.match(at.file, /\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml$/);
    const line = fs.readFileSync(at.file, 'utf8').split('\n')[at.line! - 1];
    assert.match(line, /- --token-auth-file=\/etc\/kubernetes\/tokens\.csv/);
  });

  it('the kubelet\'s flags point at the drop-in line or the environment file line that set them', () => {
    const kubelet = component(kubeadm, 'kubelet')!;
    const command = (kubelet.object.spec as { command: string[] }).command;
    assert.deepEqual(command, ['/usr/bin/kubelet', '--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf', '--kubeconfig=/etc/kubernetes/kubelet.conf',
      '--config=/var/lib/kubelet/config.yaml', '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock']);
    const at = (i: number) => kubelet.locate!(['spec', 'command', i]);
    assert.deepEqual([at(3).file, at(3).line], [path.join(kubeadmRoot, 'usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf'), 4]);
    assert.deepEqual([at(4).file, at(4).line], [path.join(kubeadmRoot, 'var/lib/kubelet/kubeadm-flags.env'), 1]);
    // a setting absent from the command line is reported at the ExecStart line that starts it
    const exec = kubelet.locate!(['spec', 'command']);
    assert.deepEqual([exec.file, exec.line], [path.join(kubeadmRoot, 'usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf'), 11]);
  });

  it('the kubelet config named by the unit is judged, with its settings at their lines', () => {
    const report = scan(kubeadm, { now });
    const f = report.findings.find((x) => x.controlId === 'kubelet-seccomp-default' && x.status === 'failed');
    assert.ok(f);
    assert.equal(f.resourceId, 'node/cp-disk/kubelet');
    assert.match(f.paths[0].location!.file, /\/var\/lib\/kubelet\/config\.yaml$/);
  });

  it('examines the files that start the components: static pods, the unit, its drop-ins and environment files', () => {
    const kubelet = filesOf(kubeadm, 'kubelet').map((f) => `${f.path} ${f.role} ${f.mode} (${f.reason})`);
    for (const want of [
      '/usr/lib/systemd/system/kubelet.service config 0644 (systemd unit kubelet.service)',
      '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf config 0644 (systemd unit kubelet.service)',
      '/var/lib/kubelet/kubeadm-flags.env config 0644 (EnvironmentFile= of kubelet.service)',
      '/var/lib/kubelet/config.yaml config 0644 (--config)',
    ]) assert.ok(kubelet.includes(want), `${want}\n${kubelet.join('\n')}`);
    const apiserver = filesOf(kubeadm, 'kube-apiserver').map((f) => `${f.path} ${f.role} ${f.mode} (${f.reason})`);
    assert.ok(apiserver.includes('/etc/kubernetes/manifests/kube-apiserver.yaml manifest 0600 (static pod manifest)'), apiserver.join('\n'));
    const perms = scan(insecure, { now }).findings.filter((f) => f.controlId === 'node-file-permissions').map((f) => f.message).join('\n');
    assert.match(perms, /\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml \(static pod manifest\) has mode 0666/);
    assert.match(perms, /\/etc\/kubernetes\/pki\/apiserver\.key \(--tls-private-key-file\) has mode 0644/);
  });

  it('a world-writable drop-in fails, and an environment file holding a token is judged as a key, its value never shown', () => {
    const root = build({
      ...K3S_DISK, hostname: 'k3s-disk-open',
      files: {
        ...K3S_DISK.files,
        '/etc/systemd/system/k3s.service.env': { mode: 0o644, content: `K3S_TOKEN=${KEY_CANARY}\n` },
        '/etc/systemd/system/k3s.service.d/override.conf': { mode: 0o666, content: '[Service]\nEnvironment=X=1\n' },
      },
    });
    const report = scan(readNode(root), { now });
    const msgs = report.findings.filter((f) => f.controlId === 'node-file-permissions').map((f) => f.message).join('\n');
    assert.match(msgs, /\/etc\/systemd\/system\/k3s\.service\.env \(EnvironmentFile= of k3s\.service, holds K3S_TOKEN\) has mode 0644: want 600/);
    assert.match(msgs, /\/etc\/systemd\/system\/k3s\.service\.d\/override\.conf \(systemd unit k3s\.service\) has mode 0666/);
    assert.ok(!JSON.stringify(report).includes(KEY_CANARY), 'the token is not in the report');
  });
});

describe('node source on a disk: what the files do not say', () => {
  it('a disk with nothing Kubernetes: no component, and the note says where it looked', () => {
    const node = readNode(build(EMPTY_DISK));
    assert.equal(node.components, 0);
    assert.match(node.notes[0], /^no Kubernetes components found on this host: there are no running processes under .*\/proc \(a mounted disk\?\), and none of the files/);
    assert.deepEqual(node.errors, []);
  });

  it('a root with processes but no component is not read as a disk, whatever its files', () => {
    const node = readNode(build({ ...KUBEADM_DISK, hostname: 'procs', processes: { 1: ['/sbin/init'], 40: ['/usr/bin/containerd'] }, emptyProc: false }));
    assert.equal(node.components, 0);
    assert.equal(node.fromFiles, undefined);
    assert.match(node.notes[0], /none of the 2 processes/);
  });

  it('a kubelet with no unit: its config file at the distribution\'s place is judged as if given with --config, and a warning says so', () => {
    const node = readNode(build({
      hostname: 'worker-no-unit', processes: {},
      files: { '/var/lib/kubelet/config.yaml': { mode: 0o644, content: KUBEADM_KUBELET_CONFIG }, '/etc/kubernetes/pki/ca.crt': { mode: 0o644 } },
    }));
    assert.deepEqual((component(node, 'kubelet')?.object.spec as { command: string[] }).command, ['kubelet', '--config=/var/lib/kubelet/config.yaml']);
    assert.ok(node.warnings.some((w) => /no systemd unit starts the kubelet on this disk: \/var\/lib\/kubelet\/config\.yaml .* flags on its command line are not seen/.test(w)), node.warnings.join('\n'));
    const v = verdicts(scan(node, { now }));
    assert.equal(v['kubelet-anonymous-auth'], 'passed');
    assert.equal(v['kubelet-seccomp-default'], 'failed');
    assert.equal(v['apiserver-anonymous-auth'], 'skipped');
  });

  it('a masked kubelet unit is not started, and is not judged', () => {
    const root = build({ hostname: 'masked', processes: {}, files: { '/lib/systemd/system/kubelet.service': { mode: 0o644, content: '[Service]\nExecStart=/usr/bin/kubelet\n' } } });
    fs.mkdirSync(path.join(root, 'etc/systemd/system'), { recursive: true });
    fs.symlinkSync('/dev/null', path.join(root, 'etc/systemd/system/kubelet.service'));
    const node = readNode(root);
    assert.equal(node.components, 0);
    assert.ok(node.warnings.some((w) => /kubelet\.service is masked/.test(w)), node.warnings.join('\n'));
  });

  it('a unit whose ExecStart runs a wrapper script is named, not judged', () => {
    const node = readNode(build({ hostname: 'wrapped', processes: {}, files: { '/etc/systemd/system/kubelet.service': { mode: 0o644, content: '[Service]\nExecStart=/opt/bin/start-kubelet.sh\n' } } }));
    assert.equal(node.components, 0);
    assert.ok(node.warnings.some((w) => /systemd unit kubelet\.service starts \/opt\/bin\/start-kubelet\.sh, which is not a Kubernetes component/.test(w)), node.warnings.join('\n'));
  });

  it('etcd\'s ETCD_* variables in its static pod\'s env count as flags, the command line winning', () => {
    const node = readNode(build({
      hostname: 'etcd-env', processes: {},
      files: {
        '/etc/kubernetes/manifests/etcd.yaml': { mode: 0o600, content: staticPod('etcd', KUBEADM_ETCD.filter((f) => !f.startsWith('--client-cert-auth')),
          { env: { ETCD_CLIENT_CERT_AUTH: 'true', ETCD_DATA_DIR: '/elsewhere', OTHER: 'not kept' } }) },
        '/var/lib/etcd': { mode: 0o700, dir: true },
      },
    }));
    const command = (component(node, 'etcd')?.object.spec as { command: string[] }).command;
    assert.ok(command.includes('--client-cert-auth=true'), command.join(' '));
    assert.ok(!command.includes('--data-dir=/elsewhere'), 'the command line wins');
    assert.ok(!command.some((a) => a.includes('not kept')));
  });

  it('microk8s: each component\'s flags from its args file, each pointing at its line', () => {
    const args = '/var/snap/microk8s/current/args';
    const root = build({
      hostname: 'mk8s', processes: {},
      files: {
        [`${args}/kube-apiserver`]: { mode: 0o660, content: '--anonymous-auth=true\n--authorization-mode=RBAC,Node\n--client-ca-file=${SNAP_DATA}/certs/ca.crt\n' },
        [`${args}/kubelet`]: { mode: 0o660, content: '--anonymous-auth=false\n--authorization-mode=Webhook\n--read-only-port=0\n' },
        '/var/snap/microk8s/current/certs/ca.crt': { mode: 0o644 },
      },
    });
    const node = readNode(root);
    const report = scan(node, { now });
    const f = report.findings.find((x) => x.controlId === 'apiserver-anonymous-auth' && x.status === 'failed');
    assert.ok(f);
    assert.deepEqual([f.paths[0].location?.file, f.paths[0].location?.line], [path.join(root, args, 'kube-apiserver'), 1]);
    assert.equal(verdicts(report)['kubelet-read-only-port'], 'passed');
    assert.ok(node.warnings.every((w) => !/not judged/.test(w)), node.warnings.join('\n'));
  });
});
