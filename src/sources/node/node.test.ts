import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan } from '../../engine/scan.js';
import type { ScanReport } from '../../model/types.js';
import { OUTPUT_FORMATS } from '../../report/formats.js';
import { KEY_CANARY } from '../../testing/control-plane-fixtures.js';
import {
  EMPTY_ROOT, HARDENED_ROOT, INSECURE_ROOT, K3S_ROOT, KUBEADM_ROOT, TOKEN_CANARY, buildRoot, type RootSpec,
} from '../../testing/node-roots.js';
import { readNode } from './index.js';

type Verdict = 'passed' | 'failed' | 'skipped';
const CONTROLS = [
  'apiserver-anonymous-auth', 'apiserver-insecure-port', 'apiserver-authorization', 'apiserver-static-credentials',
  'apiserver-tls', 'apiserver-etcd-tls', 'secrets-encryption-at-rest', 'audit-logging', 'audit-policy-coverage',
  'admission-plugins', 'apiserver-profiling', 'service-account-tokens', 'etcd-tls', 'etcd-dedicated-ca',
  'controller-manager-hardening', 'scheduler-hardening', 'external-authentication',
  'kubelet-anonymous-auth', 'kubelet-authorization', 'kubelet-client-tls', 'kubelet-read-only-port', 'kubelet-hardening',
  'kubelet-pod-pid-limit', 'kubelet-seccomp-default', 'node-file-permissions',
] as const;
type Table = Record<(typeof CONTROLS)[number], Verdict>;

const P = 'passed', F = 'failed', S = 'skipped';
const EXPECTED: Array<[string, RootSpec, Table]> = [
  ['hardened kubeadm control plane', HARDENED_ROOT, Object.fromEntries(CONTROLS.map((c) => [c, P])) as Table],
  ['default kubeadm control plane', KUBEADM_ROOT, {
    'apiserver-anonymous-auth': F, 'apiserver-insecure-port': P, 'apiserver-authorization': P, 'apiserver-static-credentials': P,
    'apiserver-tls': F, 'apiserver-etcd-tls': P, 'secrets-encryption-at-rest': F, 'audit-logging': F, 'audit-policy-coverage': S,
    'admission-plugins': P, 'apiserver-profiling': F, 'service-account-tokens': F, 'etcd-tls': P, 'etcd-dedicated-ca': P,
    'controller-manager-hardening': P, 'scheduler-hardening': P, 'external-authentication': F,
    'kubelet-anonymous-auth': P, 'kubelet-authorization': P, 'kubelet-client-tls': P, 'kubelet-read-only-port': P,
    'kubelet-hardening': F, 'kubelet-pod-pid-limit': F, 'kubelet-seccomp-default': F, 'node-file-permissions': P,
  }],
  ['deliberately insecure node', INSECURE_ROOT, {
    ...(Object.fromEntries(CONTROLS.map((c) => [c, F])) as Table), 'apiserver-insecure-port': P,
  }],
  ['k3s server (sqlite)', K3S_ROOT, {
    ...(Object.fromEntries(CONTROLS.map((c) => [c, P])) as Table),
    'etcd-tls': S, 'etcd-dedicated-ca': S, 'external-authentication': F,
    'kubelet-hardening': F, 'kubelet-seccomp-default': F, 'node-file-permissions': F,
  }],
];

const reports = new Map<string, ScanReport>();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-node-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function scanRoot(name: string, spec: RootSpec): ScanReport {
  const dir = buildRoot(path.join(tmp, name.replace(/\W+/g, '-')), spec);
  return scan(readNode(dir), { now: new Date('2025-01-01T00:00:00Z') });
}

describe('node source: verdicts on fixture roots', () => {
  before(() => {
    for (const [name, spec] of EXPECTED) reports.set(name, scanRoot(name, spec));
  });
  for (const [name, , table] of EXPECTED) {
    it(`gives each control its verdict on a ${name}`, () => {
      const report = reports.get(name)!;
      const got = Object.fromEntries(CONTROLS.map((id) => [id, report.controls.find((c) => c.id === id)?.status]));
      const why = report.findings.filter((f) => f.status === 'failed').map((f) => `${f.controlId}: ${f.message}`).join('\n');
      assert.deepEqual(got, table, why);
      assert.deepEqual(report.errors, [], 'every file it needed was readable');
    });
  }

  it('names node resources node/<hostname>/<component> and points flags at the cmdline file', () => {
    const report = reports.get('default kubeadm control plane')!;
    const ids = report.resources.map((r) => r.id);
    for (const c of ['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler', 'kubelet']) assert.ok(ids.includes(`node/cp-default/${c}`), c);
    assert.ok(ids.includes('node/cp-default/KubeletConfiguration/var/lib/kubelet/config.yaml'));
    const anon = report.findings.find((f) => f.controlId === 'apiserver-anonymous-auth')!;
    assert.equal(anon.resourceId, 'node/cp-default/kube-apiserver');
    assert.match(anon.paths[0].location!.file, /proc\/101\/cmdline$/);
    const hardening = report.findings.find((f) => f.controlId === 'kubelet-hardening')!;
    assert.equal(hardening.resourceId, 'node/cp-default/kubelet');
    assert.equal(hardening.paths[0].path, 'kubeletConfig.protectKernelDefaults');
    assert.match(hardening.paths[0].location!.file, /var\/lib\/kubelet\/config\.yaml$/);
  });

  it('reports each open file with its real path, mode and owner', () => {
    const report = reports.get('deliberately insecure node')!;
    const messages = report.findings.filter((f) => f.controlId === 'node-file-permissions').flatMap((f) => f.paths.map((p) => [p.message, p.location?.file]));
    const has = (re: RegExp) => assert.ok(messages.some(([m]) => re.test(m!)), `${re} in ${messages.map(([m]) => m).join('\n')}`);
    has(/\/etc\/kubernetes\/pki\/apiserver\.key \(--tls-private-key-file\) has mode 0644: want 600/);
    has(/\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml .* has mode 0666/);
    has(/\/var\/lib\/etcd \(--data-dir\) has mode 0755: want 700/);
    has(/\/etc\/kubernetes\/kubelet\.conf \(--kubeconfig\) is owned by uid 1000, not root/);
    assert.ok(messages.every(([, file]) => file?.startsWith(tmp)), 'locations are the files on disk');
  });

  it('finds the insecure node\'s encryption, audit and CA problems in the files themselves', () => {
    const report = reports.get('deliberately insecure node')!;
    const msg = (id: string) => report.findings.filter((f) => f.controlId === id).flatMap((f) => f.paths).map((p) => `${p.path} ${p.location?.file}:${p.location?.line} ${p.message}`).join('\n');
    assert.match(msg('secrets-encryption-at-rest'), /encryption\.resources\[0\]\.providers\[0\]\.identity .*enc\/encryption\.yaml:6 .*identity/);
    assert.match(msg('audit-policy-coverage'), /rules\[0\]\.level .*audit\/policy\.yaml:4 .*logs secrets at RequestResponse/);
    assert.match(msg('etcd-dedicated-ca'), /--trusted-ca-file=\/etc\/kubernetes\/pki\/ca\.crt is the API server's --client-ca-file/);
    assert.match(msg('kubelet-read-only-port'), /no flag and no config file; the default is 10255/);
  });

  it('rebuilds k3s\' components from its defaults and config file, with config lines as locations', () => {
    const report = reports.get('k3s server (sqlite)')!;
    const ids = report.resources.map((r) => r.id);
    assert.deepEqual(ids.filter((i) => i.startsWith('node/k3s-server/k')).sort(),
      ['node/k3s-server/kube-apiserver', 'node/k3s-server/kube-controller-manager', 'node/k3s-server/kube-scheduler', 'node/k3s-server/kubelet']);
    assert.ok(ids.includes('node/k3s-server/EncryptionConfiguration/var/lib/rancher/k3s/server/cred/encryption-config.json'));
    const files = report.findings.find((f) => f.controlId === 'node-file-permissions')!;
    assert.match(files.message, /\/etc\/rancher\/k3s\/k3s\.yaml \(k3s default location\) has mode 0644/);
  });

  it('never prints key material or tokens, in any format', () => {
    for (const report of reports.values()) {
      for (const format of OUTPUT_FORMATS.values()) {
        const text = format.render(report, { color: false, verbose: true, root: tmp });
        assert.ok(!text.includes(KEY_CANARY), `${format.name} leaks the key`);
        assert.ok(!text.includes('token-canary'), `${format.name} leaks the token`);
      }
    }
    assert.ok(TOKEN_CANARY.startsWith('token-canary'));
  });
});

describe('node source: hosts without Kubernetes, and unreadable files', () => {
  it('says so and leaves the node controls skipped', () => {
    const dir = buildRoot(path.join(tmp, 'empty'), EMPTY_ROOT);
    const input = readNode(dir);
    assert.equal(input.components, 0);
    assert.match(input.notes[0], /no Kubernetes components found on this host: none of the 3 processes/);
    const report = scan(input, {});
    for (const id of CONTROLS) assert.equal(report.controls.find((c) => c.id === id)?.status, 'skipped', id);
    assert.deepEqual(report.errors, []);
  });

  it('lists each file it could not read and still judges the rest', () => {
    const spec: RootSpec = { ...HARDENED_ROOT, files: { ...HARDENED_ROOT.files } };
    delete spec.files['/etc/kubernetes/pki/apiserver.crt'];
    spec.files['/etc/kubernetes/enc/encryption.yaml'] = { mode: 0o700, dir: true }; // cannot be read as a file
    const dir = buildRoot(path.join(tmp, 'unreadable'), spec);
    const report = scan(readNode(dir), {});
    const errors = report.errors.map((e) => `${e.file}: ${e.message}`).join('\n');
    assert.match(errors, /enc\/encryption\.yaml: is a directory: .*--encryption-provider-config of kube-apiserver/);
    assert.match(errors, /pki\/apiserver\.crt: no such file or directory: .*named by --tls-cert-file/);
    assert.equal(report.controls.find((c) => c.id === 'secrets-encryption-at-rest')?.status, 'passed', 'the flag alone is judged');
    assert.equal(report.controls.find((c) => c.id === 'kubelet-anonymous-auth')?.status, 'passed');
  });
});
