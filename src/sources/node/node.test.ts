import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan } from '../../engine/scan.js';
import type { ScanReport } from '../../model/types.js';
import { OUTPUT_FORMATS } from '../../report/formats.js';
import { ENCRYPTION_IDENTITY_FIRST, KEY_CANARY, KUBEADM_ETCD } from '../../testing/control-plane-fixtures.js';
import {
  EKS_KUBELET, EKS_KUBELET_CONFIG, EKS_ROOT, EMPTY_ROOT, HARDENED_ROOT, INSECURE_ROOT, K3S_ROOT, KUBEADM_ROOT, RKE2_CONFIG, RKE2_ROOT,
  RKE2_TOKEN_CANARY, TOKEN_CANARY, buildRoot, type RootSpec,
} from '../../testing/node-roots.js';
import type { NodeFile } from '../../model/node.js';
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
  ['rke2 server (embedded etcd, default profile)', RKE2_ROOT, {
    ...(Object.fromEntries(CONTROLS.map((c) => [c, P])) as Table),
    'audit-policy-coverage': F, 'service-account-tokens': F, 'external-authentication': F,
    'kubelet-hardening': F, 'kubelet-pod-pid-limit': F, 'kubelet-seccomp-default': F,
  }],
  ['EKS worker (Amazon Linux 2)', EKS_ROOT, {
    ...(Object.fromEntries(CONTROLS.map((c) => [c, S])) as Table),
    'kubelet-anonymous-auth': P, 'kubelet-authorization': P, 'kubelet-client-tls': P, 'kubelet-read-only-port': P,
    'kubelet-hardening': F, 'kubelet-pod-pid-limit': F, 'kubelet-seccomp-default': F, 'node-file-permissions': P,
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
        const text = format.render(report, { color: false, tty: false, verbose: true, root: tmp });
        assert.ok(!text.includes(KEY_CANARY), `${format.name} leaks the key`);
        assert.ok(!text.includes('token-canary'), `${format.name} leaks the token`);
        assert.ok(!text.includes(RKE2_TOKEN_CANARY.slice(13)), `${format.name} leaks rke2's join token`);
      }
    }
    assert.ok(TOKEN_CANARY.startsWith('token-canary'));
  });
});

/** The files node-file-permissions examines for a component, from the node source's own output. */
function filesOf(input: ReturnType<typeof readNode>, id: string): NodeFile[] {
  const r = input.resources.find((x) => x.id === id);
  assert.ok(r, `${id} in ${input.resources.map((x) => x.id).join(', ')}`);
  return (r.object.spec as { files: NodeFile[] }).files;
}

describe('node source: rke2', () => {
  it('takes etcd\'s settings from its --config-file, each flag pointing at its line there', () => {
    const report = reports.get('rke2 server (embedded etcd, default profile)')!;
    const input = readNode(path.join(tmp, 'rke2-server-embedded-etcd-default-profile-'));
    const etcd = input.resources.find((r) => r.id === 'node/rke2-server-1/etcd')!;
    const command = (etcd.object.spec as { command: string[] }).command;
    assert.deepEqual(command.slice(0, 2), ['etcd', '--config-file=/var/lib/rancher/rke2/server/db/etcd/config']);
    assert.ok(command.includes('--cert-file=/var/lib/rancher/rke2/server/tls/etcd/server-client.crt'));
    assert.ok(command.includes('--peer-client-cert-auth=true'));
    assert.ok(command.includes('--log-outputs=stderr'));
    const i = command.indexOf('--client-cert-auth=true');
    const at = etcd.locate!(['spec', 'command', i]);
    assert.match(at.file, /server\/db\/etcd\/config$/);
    assert.equal(at.line, 4);
    assert.equal(report.controls.find((c) => c.id === 'etcd-tls')?.counts.passed, 1);
    assert.deepEqual(input.warnings, []);
  });

  it('says which command-line flags etcd ignores next to --config-file, and judges the file', () => {
    const spec: RootSpec = { ...RKE2_ROOT, processes: { ...RKE2_ROOT.processes, 320: ['etcd', '--client-cert-auth=false', '--config-file', '/var/lib/rancher/rke2/server/db/etcd/config', '--auto-tls'] } };
    const input = readNode(buildRoot(path.join(tmp, 'rke2-etcd-flags'), spec));
    assert.match(input.warnings.join('\n'), /etcd \(process 320\) takes its settings from --config-file=\/var\/lib\/rancher\/rke2\/server\/db\/etcd\/config: etcd ignores its other command-line flags and ETCD_\* variables \(--client-cert-auth, --auto-tls\)/);
    assert.equal(scan(input, {}).controls.find((c) => c.id === 'etcd-tls')?.status, 'passed');
  });

  it('takes etcd\'s settings from its ETCD_* environment variables, the command line winning, and keeps no other variable', () => {
    const tlsFlag = /^--(peer-)?(cert-file|key-file|client-cert-auth)=/;
    const spec: RootSpec = {
      ...KUBEADM_ROOT,
      processes: { ...KUBEADM_ROOT.processes, 102: ['etcd', ...KUBEADM_ETCD.filter((a) => !tlsFlag.test(a)), '--peer-client-cert-auth=false'] },
      environ: {
        102: {
          PATH: '/usr/bin', ETCD_CERT_FILE: '/etc/kubernetes/pki/etcd/server.crt', ETCD_KEY_FILE: '/etc/kubernetes/pki/etcd/server.key',
          ETCD_CLIENT_CERT_AUTH: 'true', ETCD_PEER_CERT_FILE: '/etc/kubernetes/pki/etcd/peer.crt',
          ETCD_PEER_KEY_FILE: '/etc/kubernetes/pki/etcd/peer.key', ETCD_PEER_CLIENT_CERT_AUTH: 'true',
          AWS_SECRET_ACCESS_KEY: 'env-canary-4d1f0b9e',
        },
      },
    };
    const root = buildRoot(path.join(tmp, 'etcd-env'), spec);
    const input = readNode(root);
    const etcd = input.resources.find((r) => r.id === 'node/cp-default/etcd')!;
    const command = (etcd.object.spec as { command: string[] }).command;
    const i = command.indexOf('--cert-file=/etc/kubernetes/pki/etcd/server.crt');
    assert.ok(i > 0, command.join(' '));
    assert.equal(etcd.locate!(['spec', 'command', i]).file, path.join(root, '/proc/102/environ'));
    assert.deepEqual(command.filter((a) => a.startsWith('--peer-client-cert-auth')), ['--peer-client-cert-auth=false']);
    assert.ok(!command.some((a) => /aws|path=/i.test(a)), 'only ETCD_* variables become flags');
    const report = scan(input, {});
    const finding = report.findings.find((f) => f.controlId === 'etcd-tls')!;
    assert.deepEqual(finding.paths.map((p) => p.message), ['etcd (process 102): --peer-client-cert-auth=false: peers are not required to present a certificate']);
    for (const format of OUTPUT_FORMATS.values()) {
      const text = format.render(report, { color: false, tty: false, verbose: true, root: tmp });
      assert.ok(!text.includes('env-canary-4d1f0b9e'), `${format.name} shows a variable that is not etcd's`);
    }
  });

  it('takes etcd\'s --config-file from ETCD_CONFIG_FILE', () => {
    const spec: RootSpec = {
      ...RKE2_ROOT,
      processes: { ...RKE2_ROOT.processes, 320: ['etcd'] },
      environ: { 320: { ETCD_CONFIG_FILE: '/var/lib/rancher/rke2/server/db/etcd/config' } },
    };
    const input = readNode(buildRoot(path.join(tmp, 'etcd-env-config-file'), spec));
    const etcd = input.resources.find((r) => r.id === 'node/rke2-server-1/etcd')!;
    assert.equal((etcd.object.spec as { command: string[] }).command[1], '--config-file=/var/lib/rancher/rke2/server/db/etcd/config');
    assert.equal(scan(input, {}).controls.find((c) => c.id === 'etcd-tls')?.status, 'passed');
  });

  it('an etcd --config-file it cannot read is listed, and etcd is not judged on the flags it ignores', () => {
    const files = { ...RKE2_ROOT.files };
    delete files['/var/lib/rancher/rke2/server/db/etcd/config'];
    const report = scan(readNode(buildRoot(path.join(tmp, 'rke2-no-etcd-config'), { ...RKE2_ROOT, files })), {});
    assert.match(report.errors.map((e) => e.message).join('\n'), /server\/db\/etcd\/config \(--config-file of etcd\)/);
    for (const id of ['etcd-tls', 'etcd-dedicated-ca']) {
      const c = report.controls.find((x) => x.id === id)!;
      assert.equal(c.status, 'skipped', id);
      assert.match(c.reason!, /started with --config-file/);
    }
  });

  it('examines rke2\'s files: its config (a key file when it holds the token), token, TLS, kubeconfigs, static pods, etcd data', () => {
    const input = readNode(path.join(tmp, 'rke2-server-embedded-etcd-default-profile-'));
    const kubelet = filesOf(input, 'node/rke2-server-1/kubelet').map((f) => `${f.path} ${f.role} ${f.reason}`);
    assert.ok(kubelet.includes('/etc/rancher/rke2/config.yaml key rke2 configuration, holds token'), kubelet.join('\n'));
    assert.ok(kubelet.includes('/var/lib/rancher/rke2/agent/pod-manifests/kube-apiserver.yaml manifest the kubelet\'s static pod path'));
    assert.ok(kubelet.includes('/var/lib/rancher/rke2/agent/client-kubelet.key key rke2 default location'));
    assert.ok(kubelet.includes('/var/lib/rancher/rke2/agent/kubeproxy.kubeconfig kubeconfig rke2 default location'));
    const api = filesOf(input, 'node/rke2-server-1/kube-apiserver').map((f) => `${f.path} ${f.role} ${f.reason}`);
    for (const want of [
      '/var/lib/rancher/rke2/server/token key rke2 default location', '/etc/rancher/rke2/rke2.yaml kubeconfig rke2 default location',
      '/var/lib/rancher/rke2/server/tls/client-admin.key key rke2 default location',
      '/var/lib/rancher/rke2/server/tls/etcd/peer-ca.key key rke2 default location',
      '/var/lib/rancher/rke2/server/cred/admin.kubeconfig kubeconfig rke2 default location',
      '/var/lib/rancher/rke2/server/cred/encryption-config.json key --encryption-provider-config',
    ]) assert.ok(api.includes(want), `${want} in\n${api.join('\n')}`);
    const etcd = filesOf(input, 'node/rke2-server-1/etcd').map((f) => `${f.path} ${f.role} ${f.mode}`);
    assert.ok(etcd.includes('/var/lib/rancher/rke2/server/db/etcd data-dir 0700'), etcd.join('\n'));
    assert.ok(etcd.includes('/var/lib/rancher/rke2/server/db/etcd/config config 0600'));
  });

  it('fails a world-readable rke2 config holding the token, without printing it', () => {
    const spec: RootSpec = { ...RKE2_ROOT, files: { ...RKE2_ROOT.files, '/etc/rancher/rke2/config.yaml': { mode: 0o644, content: RKE2_CONFIG } } };
    const report = scan(readNode(buildRoot(path.join(tmp, 'rke2-open-config'), spec)), {});
    const messages = report.findings.filter((f) => f.controlId === 'node-file-permissions').flatMap((f) => f.paths.map((p) => p.message));
    assert.deepEqual(messages, ['/etc/rancher/rke2/config.yaml (rke2 configuration, holds token) has mode 0644: want 600 or stricter (no access for group and others)']);
    assert.ok(!JSON.stringify(report).includes(RKE2_TOKEN_CANARY));
  });

  it('follows a data-dir set in rke2\'s config file', () => {
    const files: RootSpec['files'] = {};
    for (const [p, f] of Object.entries(RKE2_ROOT.files)) files[p.replace('/var/lib/rancher/rke2/', '/opt/rke2/')] = f;
    files['/etc/rancher/rke2/config.yaml'] = { mode: 0o600, content: `${RKE2_CONFIG}data-dir: /opt/rke2\n` };
    files['/opt/rke2/server/token'] = { mode: 0o640 };
    const input = readNode(buildRoot(path.join(tmp, 'rke2-data-dir'), { ...RKE2_ROOT, files }));
    const api = filesOf(input, 'node/rke2-server-1/kube-apiserver').map((f) => `${f.path} ${f.reason}`);
    assert.ok(api.includes('/opt/rke2/server/token rke2 default location'), api.join('\n'));
    assert.ok(!api.some((f) => f.startsWith('/var/lib/rancher/rke2/') && f.endsWith('default location')), api.join('\n'));
  });
});

describe('node source: cloud workers and kubelet config files', () => {
  it('reads an EKS kubelet\'s JSON --config and points its settings at lines of that file', () => {
    const report = reports.get('EKS worker (Amazon Linux 2)')!;
    const ids = report.resources.map((r) => r.id);
    assert.ok(ids.includes('node/ip-10-0-1-23.ec2.internal/KubeletConfiguration/etc/kubernetes/kubelet/kubelet-config.json'), ids.join('\n'));
    const pids = report.findings.find((f) => f.controlId === 'kubelet-pod-pid-limit')!;
    assert.match(pids.message, /not in the config file; the default is -1/);
    assert.match(pids.paths[0].location!.file, /etc\/kubernetes\/kubelet\/kubelet-config\.json$/);
    const input = readNode(path.join(tmp, 'EKS-worker-Amazon-Linux-2-'));
    const files = filesOf(input, 'node/ip-10-0-1-23.ec2.internal/kubelet').map((f) => `${f.path} ${f.role} ${f.reason}`);
    for (const want of [
      '/etc/kubernetes/kubelet/kubelet-config.json config --config', '/var/lib/kubelet/kubeconfig kubeconfig --kubeconfig',
      '/etc/kubernetes/pki/ca.crt cert authentication.x509.clientCAFile in the kubelet config',
      '/etc/systemd/system/kubelet.service config eks default location',
      '/var/lib/kubelet/pki/kubelet-server-current.pem key kubelet default location',
    ]) assert.ok(files.includes(want), `${want} in\n${files.join('\n')}`);
  });

  it('a kubelet with no --config does not read the distribution\'s config file: flags and their defaults are judged, and a warning says so', () => {
    const args = EKS_KUBELET.filter((a, i) => a !== '--config' && EKS_KUBELET[i - 1] !== '--config');
    const spec: RootSpec = { ...EKS_ROOT, processes: { ...EKS_ROOT.processes, 501: ['/usr/bin/kubelet', ...args] } };
    const input = readNode(buildRoot(path.join(tmp, 'eks-no-config'), spec));
    assert.match(input.warnings.join('\n'), /kubelet \(process 501\) has no --config: \/etc\/kubernetes\/kubelet\/kubelet-config\.json \(eks default location\) is not read by it/);
    const report = scan(input, {});
    for (const id of ['kubelet-anonymous-auth', 'kubelet-authorization', 'kubelet-read-only-port']) {
      assert.equal(report.controls.find((c) => c.id === id)?.status, 'failed', id);
    }
    const files = filesOf(input, 'node/ip-10-0-1-23.ec2.internal/kubelet').map((f) => `${f.path} ${f.reason}`);
    assert.ok(files.includes('/etc/kubernetes/kubelet/kubelet-config.json eks default location'), files.join('\n'));
    assert.ok(!report.resources.some((r) => r.kind === 'KubeletConfiguration'), 'the unread file is not judged as the kubelet\'s config');
  });

  it('merges --config-dir drop-ins over --config in lexical order; flags still win', () => {
    const conf = (o: object) => JSON.stringify({ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', ...o }, null, 1);
    const spec: RootSpec = {
      hostname: 'al2023',
      processes: { 1: ['/sbin/init'], 601: ['/usr/bin/kubelet', '--config=/etc/kubernetes/kubelet/config.json',
        '--config-dir=/etc/kubernetes/kubelet/config.json.d', '--kubeconfig=/var/lib/kubelet/kubeconfig', '--seccomp-default=false'] },
      files: {
        '/etc/eks/nodeadm': { mode: 0o755, dir: true },
        '/etc/kubernetes/kubelet/config.json': { mode: 0o644, content: EKS_KUBELET_CONFIG },
        '/etc/kubernetes/kubelet/config.json.d/00-nodeadm.conf': { mode: 0o644, content: conf({ readOnlyPort: 10255, podPidsLimit: 4096, seccompDefault: true }) },
        '/etc/kubernetes/kubelet/config.json.d/40-user.conf': { mode: 0o644, content: conf({ readOnlyPort: 0, authentication: { webhook: { cacheTTL: '1m0s' } } }) },
        '/etc/kubernetes/kubelet/config.json.d/README': { mode: 0o644 },
        '/var/lib/kubelet/kubeconfig': { mode: 0o600 },
        '/etc/kubernetes/pki/ca.crt': { mode: 0o644 },
      },
    };
    const input = readNode(buildRoot(path.join(tmp, 'al2023'), spec));
    const configs = input.resources.filter((r) => r.kind === 'KubeletConfiguration');
    assert.deepEqual(configs.map((r) => r.id), ['node/al2023/KubeletConfiguration/etc/kubernetes/kubelet/config.json']);
    const merged = configs[0].object as Record<string, any>;
    assert.equal(merged.readOnlyPort, 0);
    assert.equal(merged.podPidsLimit, 4096);
    assert.equal(merged.authentication.anonymous.enabled, false, 'objects merge key by key');
    assert.equal(merged.authentication.webhook.cacheTTL, '1m0s');
    assert.match(configs[0].locate!(['readOnlyPort']).file, /40-user\.conf$/);
    assert.match(configs[0].locate!(['podPidsLimit']).file, /00-nodeadm\.conf$/);
    assert.match(configs[0].locate!(['protectKernelDefaults']).file, /kubelet\/config\.json$/);
    const report = scan(input, {});
    const status = (id: string) => report.controls.find((c) => c.id === id)?.status;
    assert.equal(status('kubelet-read-only-port'), 'passed');
    assert.equal(status('kubelet-pod-pid-limit'), 'passed');
    assert.equal(status('kubelet-anonymous-auth'), 'passed');
    const seccomp = report.findings.find((f) => f.controlId === 'kubelet-seccomp-default')!;
    assert.match(seccomp.message, /--seccomp-default=false/);
    assert.match(seccomp.paths[0].location!.file, /proc\/601\/cmdline$/);
    const files = filesOf(input, 'node/al2023/kubelet').map((f) => `${f.path} ${f.reason}`);
    assert.ok(files.includes('/etc/kubernetes/kubelet/config.json.d --config-dir'), files.join('\n'));
    assert.ok(files.includes('/etc/kubernetes/kubelet/config.json.d/40-user.conf eks default location'), files.join('\n'));
    assert.deepEqual(input.errors, []);
  });

  it('--config-dir without --config: drop-ins over the command-line defaults', () => {
    const spec: RootSpec = {
      hostname: 'dropins-only',
      processes: { 701: ['kubelet', '--config-dir=/etc/kubelet.conf.d', '--kubeconfig=/etc/kubelet.kubeconfig'] },
      files: {
        '/etc/kubelet.conf.d/10-auth.conf': { mode: 0o600, content: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  anonymous:\n    enabled: false\nauthorization:\n  mode: Webhook\n' },
        '/etc/kubelet.kubeconfig': { mode: 0o600 },
      },
    };
    const input = readNode(buildRoot(path.join(tmp, 'dropins-only'), spec));
    assert.deepEqual(input.resources.filter((r) => r.kind === 'KubeletConfiguration').map((r) => r.id), ['node/dropins-only/KubeletConfiguration/etc/kubelet.conf.d']);
    const report = scan(input, {});
    const status = (id: string) => report.controls.find((c) => c.id === id)?.status;
    assert.equal(status('kubelet-anonymous-auth'), 'passed');
    assert.equal(status('kubelet-authorization'), 'passed');
    const ro = report.findings.find((f) => f.controlId === 'kubelet-read-only-port')!;
    assert.match(ro.message, /no flag, and not in the --config-dir drop-ins; the default is 10255/);
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

describe('node source: components in containers (another mount namespace)', () => {
  // kubeadm runs kube-proxy as a DaemonSet pod: its --config is a ConfigMap volume, only in its own
  // mount namespace, seen from the host at /proc/<pid>/root/var/lib/kube-proxy/config.conf
  const KUBE_PROXY = ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=cp-default'];
  const PROXY_CONFIG = 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\n';
  const inContainer = (files: RootSpec['files'] = {}): RootSpec => ({
    ...KUBEADM_ROOT,
    processes: { ...KUBEADM_ROOT.processes, 106: KUBE_PROXY },
    files: { ...KUBEADM_ROOT.files, '/proc/106/root/var/lib/kube-proxy/config.conf': { mode: 0o644, content: PROXY_CONFIG }, ...files },
  });
  /** /proc/<pid>/ns/mnt links as the kernel shows them: the host's namespace for init and the kubelet, one of its own for each pod. */
  const namespaces = (dir: string, own: Record<number, number>): string => {
    for (const [pid, ns] of Object.entries({ 1: 4026531841, 105: 4026531841, ...own })) {
      fs.mkdirSync(path.join(dir, `proc/${pid}/ns`), { recursive: true });
      fs.symlinkSync(`mnt:[${ns}]`, path.join(dir, `proc/${pid}/ns/mnt`));
    }
    return dir;
  };
  const proxyFiles = (input: ReturnType<typeof readNode>) => filesOf(input, 'node/cp-default/kube-proxy');

  it('reads a file a containerized component names through /proc/<pid>/root, names it as the component does, and says so', () => {
    const dir = buildRoot(path.join(tmp, 'container-proxy'), inContainer());
    const input = readNode(dir);
    assert.deepEqual(input.errors, []);
    const config = proxyFiles(input).find((f) => f.path === '/var/lib/kube-proxy/config.conf');
    assert.deepEqual({ ...config }, { path: '/var/lib/kube-proxy/config.conf', role: 'config', reason: '--config', mode: '0644', uid: 0, gid: 0 });
    const note = input.notes.find((n) => /kube-proxy \(process 106\)/.test(n));
    assert.equal(note, `kube-proxy (process 106) runs in a mount namespace of its own: /var/lib/kube-proxy/config.conf read from its own file system view (${dir}/proc/106/root); findings name it as kube-proxy does`);
    assert.deepEqual(input.warnings, []);
    const report = scan(input, {});
    assert.equal(report.controls.find((c) => c.id === 'node-file-permissions')?.status, 'passed');
    assert.deepEqual(report.errors, []);
  });

  it('a finding about such a file points at the path the component names', () => {
    const dir = buildRoot(path.join(tmp, 'container-proxy-open'), inContainer({ '/proc/106/root/var/lib/kube-proxy/config.conf': { mode: 0o666, content: PROXY_CONFIG } }));
    const report = scan(readNode(dir), {});
    const perms = report.findings.filter((f) => f.controlId === 'node-file-permissions' && f.status === 'failed').flatMap((f) => f.paths);
    assert.equal(perms.length, 1, perms.map((p) => p.message).join('\n'));
    assert.equal(perms[0].message, '/var/lib/kube-proxy/config.conf (--config) has mode 0666: want not writable by group or others (644 or stricter)');
    assert.deepEqual(perms[0].location, { file: '/var/lib/kube-proxy/config.conf' });
  });

  it('in another mount namespace, the process\'s own file wins over a file at the same path on the host', () => {
    const spec = inContainer({ '/var/lib/kube-proxy/config.conf': { mode: 0o666, content: 'stale\n' } });
    const other = readNode(namespaces(buildRoot(path.join(tmp, 'container-proxy-ns'), spec), { 101: 4026532201, 102: 4026532202, 103: 4026532203, 104: 4026532204, 106: 4026532306 }));
    assert.equal(proxyFiles(other).find((f) => f.reason === '--config')?.mode, '0644', 'read in its own view');
    assert.equal(scan(other, {}).controls.find((c) => c.id === 'node-file-permissions')?.status, 'passed');
    // static pods in namespaces of their own, without their files under /proc/<pid>/root: found on the host as before
    assert.deepEqual(other.errors, []);
    assert.ok(filesOf(other, 'node/cp-default/kube-apiserver').some((f) => f.path === '/etc/kubernetes/pki/apiserver.crt' && f.mode === '0644'));
    assert.deepEqual(other.notes.filter((n) => /mount namespace/.test(n)).length, 1);
    // in the host's namespace (the ns link says so), the host's file is the one it reads
    const same = readNode(namespaces(buildRoot(path.join(tmp, 'container-proxy-same-ns'), spec), { 106: 4026531841 }));
    assert.equal(proxyFiles(same).find((f) => f.reason === '--config')?.mode, '0666');
    assert.ok(!same.notes.some((n) => /mount namespace/.test(n)), same.notes.join('\n'));
  });

  it('config files read for their content follow the process\'s view too, located at the path it names', () => {
    // the API server as a static pod in a namespace of its own, whose encryption config differs from the host's file of that name
    const spec: RootSpec = { ...HARDENED_ROOT, files: { ...HARDENED_ROOT.files, '/proc/101/root/etc/kubernetes/enc/encryption.yaml': { mode: 0o600, content: ENCRYPTION_IDENTITY_FIRST(KEY_CANARY) } } };
    const input = readNode(namespaces(buildRoot(path.join(tmp, 'container-apiserver'), spec), { 101: 4026532201 }));
    assert.deepEqual(input.errors, []);
    assert.ok(input.resources.some((r) => r.id === 'node/cp-hardened/EncryptionConfiguration/etc/kubernetes/enc/encryption.yaml'));
    const report = scan(input, {});
    const enc = report.findings.find((f) => f.controlId === 'secrets-encryption-at-rest' && f.status === 'failed');
    assert.ok(enc, 'judged on the file the API server reads');
    assert.deepEqual(enc.paths[0].location && { file: enc.paths[0].location.file, line: enc.paths[0].location.line }, { file: '/etc/kubernetes/enc/encryption.yaml', line: 6 });
    assert.match(input.notes.join('\n'), /kube-apiserver \(process 101\) runs in a mount namespace of its own: \/etc\/kubernetes\/enc\/encryption\.yaml(, [^ ]+)* read from its own file system view/);
  });

  it('tells namespaces apart by mountinfo when the ns links cannot be read', () => {
    const spec = inContainer({ '/var/lib/kube-proxy/config.conf': { mode: 0o666, content: 'stale\n' } });
    const dir = buildRoot(path.join(tmp, 'container-proxy-mountinfo'), spec);
    const mountinfo = (id: number, type: string) => `${id} 1 0:21 / / rw,relatime - ${type} ${type} rw\n${id + 1} ${id} 0:22 / /proc rw - proc proc rw\n`;
    fs.writeFileSync(path.join(dir, 'proc/1/mountinfo'), mountinfo(27, 'ext4'));
    fs.writeFileSync(path.join(dir, 'proc/106/mountinfo'), mountinfo(1203, 'overlay'));
    assert.equal(proxyFiles(readNode(dir)).find((f) => f.reason === '--config')?.mode, '0644');
    fs.writeFileSync(path.join(dir, 'proc/106/mountinfo'), mountinfo(27, 'ext4'));
    assert.equal(proxyFiles(readNode(dir)).find((f) => f.reason === '--config')?.mode, '0666', 'the same mount at /: the host\'s namespace');
  });

  it('a file in neither the host nor the process\'s own view is a missing file, as before', () => {
    const spec = inContainer();
    delete spec.files['/proc/106/root/var/lib/kube-proxy/config.conf'];
    spec.files['/proc/106/root/etc/hostname'] = { mode: 0o644 }; // its root exists, the file does not
    const dir = buildRoot(path.join(tmp, 'container-proxy-missing'), spec);
    const input = readNode(dir);
    assert.deepEqual(input.errors.map((e) => `${e.file}: ${e.message}`), [
      `${dir}/var/lib/kube-proxy/config.conf: no such file or directory: ${dir}/var/lib/kube-proxy/config.conf (named by --config)`,
    ]);
    assert.deepEqual(input.warnings, []);
    assert.ok(!input.notes.some((n) => /mount namespace/.test(n)));
  });
});
