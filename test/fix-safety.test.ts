// Safe and review fixes: `palisade fix` applies the safe ones and lists the review ones (with what
// they may break) unless --all; the namespaces' Pod Security Admission labels enforce only the
// level their workloads meet once fixed; every automatic fix in every report says how safe it is.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Finding, Fix, ScanReport } from '../src/model/types.js';
import { CONTROLS } from '../src/controls/index.js';
import { scanPaths } from '../src/index.js';
import { CORPUS, ROOT, runCli, tempDir, writeTree, type CliResult } from './support/cli.js';

function scanJson(target: string, args: string[] = []): ScanReport {
  const r = runCli(['scan', target, '--format', 'json', ...args]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as ScanReport;
}
const statusOf = (report: ScanReport, id: string) => report.controls.find((c) => c.id === id)?.status;

/** Every fix of a report: the findings' own and their paths'. */
function fixesOf(findings: Finding[]): Array<{ controlId: string; fix: Fix }> {
  return findings.flatMap((f) => [
    ...(f.fix ? [{ controlId: f.controlId, fix: f.fix }] : []),
    ...f.paths.filter((p) => p.fix).map((p) => ({ controlId: f.controlId, fix: p.fix! })),
  ]);
}

function assertSafetyOnEveryFix(findings: Finding[], where: string): Map<string, Set<string>> {
  const seen = new Map<string, Set<string>>();
  for (const { controlId, fix } of fixesOf(findings)) {
    if (!fix.edits?.length) {
      assert.equal(fix.safety, undefined, `${where}: ${controlId}: a fix without edits is not applied, and claims no safety`);
      continue;
    }
    assert.ok(fix.safety === 'safe' || fix.safety === 'review', `${where}: ${controlId}: "${fix.description}" has a safety`);
    if (fix.safety === 'review') {
      assert.ok(fix.reviewReason && fix.reviewReason.length > 10, `${where}: ${controlId}: a review fix says what it may break`);
      assert.doesNotMatch(fix.reviewReason, /\n/, 'in one line');
    } else {
      assert.equal(fix.reviewReason, undefined, `${where}: ${controlId}: a safe fix has no review reason`);
    }
    seen.set(controlId, (seen.get(controlId) ?? new Set()).add(fix.safety));
  }
  return seen;
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx:1.27
`;
const TWO = ['--controls', 'allow-privilege-escalation,read-only-root-filesystem'];

describe('palisade fix: a workload with a safe and a review fix', () => {
  let dir: string;
  let first: CliResult;
  before(() => {
    dir = writeTree(tempDir('palisade-fix-safety-'), { 'pod.yaml': POD });
    first = runCli(['fix', '.', ...TWO], { cwd: dir });
  });

  it('applies the safe one, lists the review one with why and how, and exits 0', () => {
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.match(first.stdout, /^fixed pod\.yaml: 1 change\(s\)\n {2}\/v1\/shop\/Pod\/web {2}allow-privilege-escalation: set allowPrivilegeEscalation: false$/m);
    assert.match(first.stdout, /^needs review \(1\): not applied, they may change how the workload runs; apply with --all$/m);
    assert.match(first.stdout, /^ {2}pod\.yaml:8 {2}read-only-root-filesystem {2}\/v1\/shop\/Pod\/web: set readOnlyRootFilesystem: true \(the application may write to its root filesystem: mount an emptyDir where it writes\)$/m);
    const text = fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8');
    assert.equal(text, `${POD}    securityContext:\n      allowPrivilegeEscalation: false\n`);
  });

  it('a re-scan shows the review fix\'s finding still there, and a second run applies nothing', () => {
    const after = scanJson(dir, TWO);
    assert.equal(statusOf(after, 'allow-privilege-escalation'), 'passed');
    assert.equal(statusOf(after, 'read-only-root-filesystem'), 'failed');
    const again = runCli(['fix', '.', ...TWO], { cwd: dir });
    assert.equal(again.code, 0);
    assert.match(again.stdout, /^nothing applied: 1 automatic fix\(es\) need review \(below\); apply them with --all$/m);
  });

  it('--dry-run shows what fix would apply under the same rule', () => {
    const fresh = writeTree(tempDir('palisade-fix-safety-'), { 'pod.yaml': POD });
    const dry = runCli(['fix', '.', '--dry-run', ...TWO], { cwd: fresh });
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /^\+ {6}allowPrivilegeEscalation: false$/m);
    assert.doesNotMatch(dry.stdout, /readOnlyRootFilesystem/);
    assert.match(dry.stderr, /needs review \(1\)/);
    const all = runCli(['fix', '.', '--dry-run', '--all', ...TWO], { cwd: fresh });
    assert.match(all.stdout, /^\+ {6}readOnlyRootFilesystem: true$/m);
    assert.equal(fs.readFileSync(path.join(fresh, 'pod.yaml'), 'utf8'), POD);
  });

  it('--all applies the review one too, marked as such, and the re-scan passes both', () => {
    const r = runCli(['fix', '.', '--all', ...TWO], { cwd: dir });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /read-only-root-filesystem: set readOnlyRootFilesystem: true \[review\]$/m);
    assert.doesNotMatch(r.stdout, /needs review/);
    const after = scanJson(dir, TWO);
    assert.equal(statusOf(after, 'allow-privilege-escalation'), 'passed');
    assert.equal(statusOf(after, 'read-only-root-filesystem'), 'passed');
  });
});

describe('palisade fix: what makes a fix safe', () => {
  it('allowPrivilegeEscalation: false beside privileged: true needs review (the API server rejects the pair)', () => {
    const dir = writeTree(tempDir(), { 'pod.yaml': POD.replace('image: nginx:1.27', 'image: nginx:1.27\n    securityContext: {privileged: true}') });
    const r = runCli(['fix', '.', '--controls', 'allow-privilege-escalation,privileged-container'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /allow-privilege-escalation .*Kubernetes rejects allowPrivilegeEscalation: false beside privileged: true/);
    assert.match(r.stdout, /^nothing applied: 2 automatic fix\(es\) need review/m);
    const all = runCli(['fix', '.', '--all', '--controls', 'allow-privilege-escalation,privileged-container'], { cwd: dir });
    assert.equal(all.code, 0, all.stdout);
    assert.match(fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8'), /securityContext: \{privileged: false, allowPrivilegeEscalation: false\}/);
  });

  it('drop ALL is safe for a container that runs as non-root, review for one that may run as root', () => {
    const nonRoot = POD.replace('spec:\n', 'spec:\n  securityContext: {runAsNonRoot: true}\n');
    const report = scanJson(writeTree(tempDir(), { 'a.yaml': nonRoot, 'b.yaml': POD.replace('name: web', 'name: root') }), ['--controls', 'capabilities-not-dropped']);
    const byName = new Map(report.findings.map((f) => [f.resourceId.split('/').pop(), f.fix]));
    assert.equal(byName.get('web')?.safety, 'safe');
    assert.equal(byName.get('root')?.safety, 'review');
    assert.match(byName.get('root')!.reviewReason!, /may run as root/);
  });

  it('seccomp RuntimeDefault is safe where unset, review over an explicit Unconfined', () => {
    const unconfined = POD.replace('name: web', 'name: unconfined').replace('spec:\n', 'spec:\n  securityContext: {seccompProfile: {type: Unconfined}}\n');
    const report = scanJson(writeTree(tempDir(), { 'a.yaml': POD, 'b.yaml': unconfined }), ['--controls', 'seccomp-profile']);
    const byName = new Map(report.findings.map((f) => [f.resourceId.split('/').pop(), f.fix]));
    assert.equal(byName.get('web')?.safety, 'safe');
    assert.equal(byName.get('unconfined')?.safety, 'review');
  });

  it('the terminal report says which fixes need review', () => {
    const r = runCli(['scan', path.join(ROOT, 'examples/insecure'), '--controls', 'read-only-root-filesystem,seccomp-profile']);
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.includes('read-only-root-filesystem —'));
    const block = lines.slice(at, lines.indexOf('', at));
    assert.ok(block.some((l) => /^ {4}review: the application may write to its root filesystem.*; palisade fix applies it only with --all$/.test(l)), block.join('\n'));
    const seccomp = lines.slice(lines.findIndex((l) => l.includes('seccomp-profile —')));
    assert.ok(!seccomp.slice(0, seccomp.indexOf('')).some((l) => l.startsWith('    review:')), 'a safe fix has no review line');
  });
});

// Three namespaces: one whose workload passes restricted once fixed, one whose workloads pass
// baseline only (a root UID, which fix leaves to a person, and an added CHOWN), one with a
// hostPath volume, which baseline rejects (and a warn label the user chose).
const NAMESPACES = {
  'open.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: open
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: open
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
      - name: api
        image: registry.example.com/api:1.0
`,
  'shop.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  securityContext:
    runAsUser: 0
  containers:
  - name: web
    image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: db
  namespace: shop
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: db
    image: postgres:16
    securityContext:
      capabilities:
        add: [CHOWN]
`,
  'infra.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: infra
  labels:
    pod-security.kubernetes.io/warn: baseline
---
apiVersion: v1
kind: Pod
metadata:
  name: agent
  namespace: infra
spec:
  containers:
  - name: agent
    image: registry.example.com/agent:1.0
    volumeMounts:
    - {name: logs, mountPath: /var/log/host, readOnly: true}
  volumes:
  - name: logs
    hostPath: {path: /var/log}
`,
};
const ENFORCE = /pod-security\.kubernetes\.io\/enforce: (\w+)/;

describe('palisade fix: namespace labels at the level the workloads meet once fixed', () => {
  let dir: string;
  let safeOnly: CliResult;
  let all: CliResult;
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  before(() => {
    dir = writeTree(tempDir('palisade-fix-ns-'), NAMESPACES);
    safeOnly = runCli(['fix', '.'], { cwd: dir });
  });

  it('without --all: the safe fixes and the warn/audit labels are applied; the enforce labels are listed for review', () => {
    assert.equal(safeOnly.code, 0, safeOnly.stdout + safeOnly.stderr);
    assert.doesNotMatch(read('open.yaml') + read('shop.yaml'), ENFORCE);
    assert.match(safeOnly.stdout, /^ {2}open: enforce restricted \(its one workload passes restricted after the fixes\); needs review, apply with --all$/m);
    assert.match(safeOnly.stdout, /^ {2}open\.yaml:1 {2}pod-security-admission {2}\/v1\/\/Namespace\/open: label the namespace pod-security\.kubernetes\.io\/enforce: restricted \(Pod Security Admission would reject new pods/m);
    // the infra labels reject nothing: applied without --all, and the user's warn label is kept
    assert.match(read('infra.yaml'), /labels:\n {4}pod-security\.kubernetes\.io\/warn: baseline\n {4}pod-security\.kubernetes\.io\/audit: restricted\n---/);
    assert.match(safeOnly.stdout, /^ {2}infra: warn and audit restricted only, nothing enforced \(1 workload would be rejected at baseline: agent \(hostPath volumes\)\); bring them up to baseline and run fix again$/m);
  });

  it('with --all: restricted where every workload passes it, baseline where they pass baseline only, and the summary says why', () => {
    all = runCli(['fix', '.', '--all'], { cwd: dir });
    assert.equal(all.code, 0, all.stdout + all.stderr);
    assert.equal(ENFORCE.exec(read('open.yaml'))?.[1], 'restricted');
    assert.equal(ENFORCE.exec(read('shop.yaml'))?.[1], 'baseline');
    assert.match(read('shop.yaml'), /pod-security\.kubernetes\.io\/warn: restricted\n {4}pod-security\.kubernetes\.io\/audit: restricted\n/);
    assert.doesNotMatch(read('infra.yaml'), ENFORCE);
    assert.match(all.stdout, /^ {2}open: enforce restricted \(its one workload passes restricted after the fixes\)$/m);
    // db's added CHOWN goes with capabilities-added's review fix: only web stands in the way of restricted
    assert.match(all.stdout, /^ {2}shop: enforce baseline \(1 workload would be rejected at restricted: web \(runAsNonRoot, runAsUser\)\)$/m);
    assert.match(all.stdout, /\/v1\/\/Namespace\/shop {2}pod-security-admission: label the namespace pod-security\.kubernetes\.io\/enforce: baseline, and warn and audit: restricted \[review\]$/m);
  });

  it('the re-scan agrees: open and shop enforce a level, infra does not; what remains is listed', () => {
    const after = scanJson(dir, ['--controls', 'pod-security-admission']);
    const failed = after.findings.filter((f) => f.status === 'failed').map((f) => f.resourceId);
    assert.deepEqual(failed, ['/v1//Namespace/infra']);
    assert.match(all.stdout, /needs your input .*\n(?:.*\n)*? {2}infra\.yaml:1 {2}pod-security-admission {2}\/v1\/\/Namespace\/infra: bring the workloads of namespace infra up to the baseline Pod Security Standard/);
    assert.match(all.stdout, /shop\.yaml:\d+ {2}non-root-user {2}\/v1\/shop\/Pod\/web: set runAsUser to a non-zero UID/);
  });
});

describe('every automatic fix carries a safety', () => {
  it('in the findings of every control\'s failing example; review ones say why', () => {
    const seen = new Map<string, Set<string>>();
    for (const control of CONTROLS) {
      if (!control.example) continue;
      const dir = writeTree(tempDir('palisade-fix-examples-'), { 'example.yaml': control.example.failing });
      const report = scanPaths([dir], { controls: [control.id], inputs: control.example.inputs });
      const failed = report.findings.filter((f) => f.status !== 'passed');
      assert.ok(failed.length > 0, `${control.id}: its failing example fails`);
      for (const [id, kinds] of assertSafetyOnEveryFix(failed, `${control.id} example`)) seen.set(id, kinds);
    }
    // the documented table covers every control that has automatic fixes
    const table = fs.readFileSync(path.join(ROOT, 'docs/fix.md'), 'utf8');
    for (const id of seen.keys()) assert.match(table, new RegExp(`^\\| ${id} \\|`, 'm'), `docs/fix.md lists ${id}`);
    const all = [...seen.values()].flatMap((s) => [...s]);
    assert.ok(all.includes('safe') && all.includes('review'), 'there are both');
    assert.ok(seen.size >= 12, `many controls have automatic fixes: ${[...seen.keys()].join(', ')}`);
  });

  it('in the JSON report of the insecure example and of the real-world corpus', () => {
    const insecure = scanJson(path.join(ROOT, 'examples/insecure'));
    assertSafetyOnEveryFix(insecure.findings, 'examples/insecure');
    const corpus = scanPaths([CORPUS]);
    const seen = assertSafetyOnEveryFix(corpus.findings, 'corpus');
    assert.ok(seen.size >= 10, [...seen.keys()].join(', '));
  });
});
