// `palisade fix` as a user runs it: on copies of the examples and on small trees written here.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { structuredPatch } from 'diff';
import type { ScanReport } from '../src/model/types.js';
import { ROOT, runCli, tempDir, writeTree } from './support/cli.js';
import { hostPidPod } from './support/pods.js';

function copyExamples(): string {
  const dir = tempDir('palisade-fix-');
  fs.cpSync(path.join(ROOT, 'examples/insecure'), path.join(dir, 'insecure'), { recursive: true });
  return dir;
}

function readAll(dir: string): Map<string, string> {
  return new Map(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

function scanJson(target: string, cwd?: string): ScanReport {
  const r = runCli(['scan', target, '--format', 'json'], { cwd });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as ScanReport;
}

/** Controls all of whose failed findings carry an edit on every failing path. */
function automaticallyFixable(report: ScanReport): string[] {
  const ids = new Set(report.findings.filter((f) => f.status === 'failed').map((f) => f.controlId));
  return [...ids].filter((id) => report.findings
    .filter((f) => f.controlId === id && f.status === 'failed')
    .every((f) => f.paths.length > 0 && f.paths.every((p) => p.fix?.edits?.length)));
}

// --all: most fixes of the insecure example need review (tested without it in fix-safety.test.ts)
describe('palisade fix --all on the insecure examples', () => {
  const original = readAll(path.join(ROOT, 'examples/insecure'));
  let dir: string;
  let first: ReturnType<typeof runCli>;
  let initial: ScanReport;

  before(() => {
    dir = copyExamples();
    initial = scanJson(path.join(dir, 'insecure'));
    first = runCli(['fix', 'insecure', '--all'], { cwd: dir });
  });

  it('applies the fixes and exits 0 (needs-input findings do not change the exit code)', () => {
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /fixed insecure\/web\.yaml: \d+ change\(s\)/);
    assert.match(first.stdout, /apps\/v1\/shop\/Deployment\/web {2}privileged-container: set privileged: false \[review\]$/m);
    assert.match(first.stdout, /apps\/v1\/shop\/Deployment\/web {2}seccomp-profile: set seccompProfile\.type: RuntimeDefault$/m);
    assert.match(first.stdout, /\d+ fix\(es\) applied to 3 file\(s\)/);
  });

  it('changes only the lines it fixes: comments, quoting, flow maps and key order stay byte for byte', () => {
    const now = readAll(path.join(dir, 'insecure'));
    const removed: string[] = [];
    for (const [name, text] of original) {
      const patch = structuredPatch(name, name, text, now.get(name)!, '', '', { context: 0 });
      for (const h of patch.hunks) removed.push(...h.lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1).trim()));
    }
    // The only lines that go are the fields the fixes change or remove (the added capabilities go
    // with their key, leaving capabilities an empty mapping that drop: [ALL] then goes into).
    assert.deepEqual(removed.sort(), [
      'add: [SYS_ADMIN, NET_RAW]', 'capabilities:', 'hostNetwork: true', 'hostPID: true', 'hostPort: 8080', 'privileged: true',
    ].sort());
    assert.equal(now.get('rbac.yaml'), original.get('rbac.yaml'), 'a file without automatic fixes is untouched');
    const web = now.get('web.yaml')!;
    assert.ok(web.includes('  labels: {app: web}\n'), 'flow mappings stay flow');
    assert.ok(web.includes('          value: "hunter2-not-a-real-password"\n'), 'quoted strings keep their quotes');
    assert.ok(web.includes('          privileged: false\n          capabilities: {drop: [ALL]}\n          runAsNonRoot: true\n'), 'new keys go after their siblings, at their indentation');
    assert.ok(now.get('worker.yaml')!.includes('            command: [/bin/report, --all]\n            securityContext:\n              runAsNonRoot: true\n'), 'missing parents are created');
    assert.ok(now.get('worker.yaml')!.includes('  schedule: "0 3 * * *"\n'));
    assert.ok(now.get('namespace.yaml')!.startsWith('# A demo shop with the mistakes'), 'leading comments stay');
  });

  it('leaves the fixed controls passing on a new scan', () => {
    const fixable = automaticallyFixable(initial);
    assert.ok(fixable.length >= 8, `several controls are fixed automatically: ${fixable.join(', ')}`);
    const after = scanJson(path.join(dir, 'insecure'));
    for (const id of fixable.filter((x) => x !== 'pod-security-admission')) {
      assert.equal(after.controls.find((c) => c.id === id)?.status, 'passed', `${id} passes after fix`);
    }
    assert.ok(after.summary.findings.failed < initial.summary.findings.failed);
  });

  it('labels the namespace warn and audit only: its web Deployment keeps a hostPath volume, which baseline rejects', () => {
    assert.match(first.stdout, /^ {2}shop: warn and audit restricted only, nothing enforced \(1 workload would be rejected at baseline: web \(hostPath volumes\)\)/m);
    assert.match(readAll(path.join(dir, 'insecure')).get('namespace.yaml')!, /\n {2}labels:\n {4}pod-security\.kubernetes\.io\/warn: restricted\n {4}pod-security\.kubernetes\.io\/audit: restricted\n$/);
    assert.match(first.stdout, /pod-security-admission {2}\/v1\/\/Namespace\/shop: bring the workloads of namespace shop up to the baseline/);
    assert.doesNotMatch(first.stdout, /still failing/, 'the namespace is meant to fail still: not a failure of fix');
  });

  it('lists the findings that need a value from the user, with file and line', () => {
    assert.match(first.stdout, /needs your input \(\d+\)/);
    assert.match(first.stdout, /insecure\/web\.yaml:\d+ {2}cpu-limits {2}apps\/v1\/shop\/Deployment\/web: set resources\.limits\.cpu/);
    assert.match(first.stdout, /insecure\/worker\.yaml:\d+ {2}image-not-pinned/);
  });

  it('is idempotent: a second run changes nothing and says so', () => {
    const fixed = readAll(path.join(dir, 'insecure'));
    const second = runCli(['fix', 'insecure', '--all'], { cwd: dir });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^nothing to fix/m);
    assert.doesNotMatch(second.stdout, /^fixed /m);
    assert.deepEqual(readAll(path.join(dir, 'insecure')), fixed);
  });

  it('never prints a secret value', () => {
    assert.ok(!`${first.stdout}${first.stderr}`.includes('hunter2'));
  });
});

describe('palisade fix --dry-run', () => {
  it('prints a unified diff, redacts credentials in its context, and writes nothing', () => {
    const dir = copyExamples();
    const r = runCli(['fix', 'insecure', '--dry-run', '--all'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^--- a\/insecure\/web\.yaml$/m);
    assert.match(r.stdout, /^\+\+\+ b\/insecure\/web\.yaml$/m);
    assert.match(r.stdout, /^-      hostNetwork: true\n\+      hostNetwork: false$/m);
    assert.match(r.stdout, /^-          hostPort: 8080$/m);
    assert.match(r.stdout, /^\+          readOnlyRootFilesystem: true$/m);
    assert.match(r.stdout, /^ {11}value: <redacted>$/m, 'the password next to the change is redacted');
    assert.ok(!`${r.stdout}${r.stderr}`.includes('hunter2'));
    assert.match(r.stderr, /would fix insecure\/web\.yaml/);
    assert.match(r.stderr, /nothing written \(--dry-run\)/);
    assert.deepEqual(readAll(path.join(dir, 'insecure')), readAll(path.join(ROOT, 'examples/insecure')));
  });
});


describe('palisade fix on documents of every shape', () => {
  it('edits each document of a multi-document file in place, empty documents included', () => {
    const dir = writeTree(tempDir(), {
      'all.yaml': `# settings first
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: app}
data: {a: "1"}
---
---
# only a comment here
---
${hostPidPod('one')}---
${hostPidPod('two').replace('hostPID: true', 'hostPID: yes-no # a string: not a boolean').replace('  hostPID', '  hostIPC: true\n  hostPID')}`,
    });
    const r = runCli(['fix', dir, '--all', '--controls', 'host-namespaces']);
    assert.equal(r.code, 0, r.stderr);
    const text = fs.readFileSync(path.join(dir, 'all.yaml'), 'utf8');
    assert.equal(text.match(/hostPID: false/g)?.length, 1, text);
    assert.match(text, /hostIPC: false\n  hostPID: yes-no # a string: not a boolean\n/);
    assert.match(text, /^---\n---\n# only a comment here\n---\n/m);
    assert.ok(text.startsWith('# settings first\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: app}\n'));
    const again = scanJson(dir);
    assert.equal(again.controls.find((c) => c.id === 'host-namespaces')?.status, 'passed');
  });

  it('keeps JSON files JSON, with their indentation, including kubectl List output', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'app' }, spec: { hostPID: true, containers: [{ name: 'c', image: 'nginx:1.27' }] } };
    const list = { apiVersion: 'v1', kind: 'List', items: [{ ...pod, metadata: { name: 'q', namespace: 'app' } }] };
    const dir = writeTree(tempDir(), {
      'pod.json': JSON.stringify(pod, null, 4) + '\n',
      'list.json': JSON.stringify(list, null, 2),
    });
    const r = runCli(['fix', dir, '--all', '--controls', 'host-namespaces,privileged-container,non-root-user']);
    assert.equal(r.code, 0, r.stderr);
    for (const name of ['pod.json', 'list.json']) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const parsed = JSON.parse(text) as { spec?: unknown; items?: Array<{ spec: unknown }> };
      const spec = (parsed.spec ?? parsed.items![0].spec) as { hostPID: boolean; containers: Array<{ securityContext?: { runAsNonRoot?: boolean } }> };
      assert.equal(spec.hostPID, false, name);
      assert.equal(spec.containers[0].securityContext?.runAsNonRoot, true, name);
    }
    const podText = fs.readFileSync(path.join(dir, 'pod.json'), 'utf8');
    assert.match(podText, /\n {8}"hostPID": false,\n/, 'four-space indentation kept');
    assert.ok(podText.startsWith('{\n    "apiVersion": "v1",\n    "kind": "Pod",\n'));
    assert.ok(!fs.readFileSync(path.join(dir, 'list.json'), 'utf8').endsWith('\n'), 'no final newline added');
  });

  it('refuses an edit that would change an anchored node reused by an alias, and says why', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: shared, namespace: app}
spec:
  hostPID: true
  containers:
  - name: a
    image: nginx:1.27
    securityContext: &sc
      privileged: true
  - name: b
    image: nginx:1.27
    securityContext: *sc
`;
    const dir = writeTree(tempDir(), { 'pod.yaml': text });
    const r = runCli(['fix', dir, '--all', '--controls', 'privileged-container,host-namespaces']);
    assert.equal(r.code, 1, 'a refused fix is exit 1');
    assert.match(r.stdout, /not applied \(2\):/);
    assert.match(r.stdout, /privileged-container .*anchored as &sc and reused by an alias/);
    assert.match(r.stdout, /privileged-container .*is an alias \(\*sc\)/);
    const now = fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8');
    assert.equal(now, text.replace('hostPID: true', 'hostPID: false'), 'the other fix still applies; the aliased one does not');
  });

  it('refuses to write through a symlink that leads outside the given directory', () => {
    const base = tempDir();
    writeTree(base, { 'outside/pod.yaml': hostPidPod('outside'), 'root/inside.yaml': hostPidPod('inside') });
    fs.symlinkSync(path.join(base, 'outside/pod.yaml'), path.join(base, 'root/link.yaml'));
    const r = runCli(['fix', path.join(base, 'root'), '--all', '--controls', 'host-namespaces']);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /link\.yaml resolves to .*outside\/pod\.yaml, outside the paths given to fix/);
    assert.equal(fs.readFileSync(path.join(base, 'outside/pod.yaml'), 'utf8'), hostPidPod('outside'));
    assert.match(fs.readFileSync(path.join(base, 'root/inside.yaml'), 'utf8'), /hostPID: false/);
  });

  it('leaves Helm output alone: lists its fixes as refused, pointing at the template, and edits the plain files beside it', () => {
    const bin = tempDir('palisade-bin-');
    const rendered = hostPidPod('from-chart').trimEnd();
    fs.writeFileSync(path.join(bin, 'helm'), `#!/bin/sh\ncat <<'EOF'\n---\n# Source: shop/templates/pod.yaml\n${rendered}\nEOF\n`);
    fs.chmodSync(path.join(bin, 'helm'), 0o755);
    const template = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  hostPID: {{ .Values.hostPID }}\n';
    const dir = writeTree(tempDir(), {
      'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
      'charts/shop/templates/pod.yaml': template,
      'plain.yaml': hostPidPod('plain'),
    });
    const r = runCli(['fix', '.', '--all', '--controls', 'host-namespaces'], { cwd: dir, env: { PATH: `${bin}${path.delimiter}${process.env.PATH}` } });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /host-namespaces {2}\/v1\/app\/Pod\/from-chart: set hostPID: false: rendered by helm from shop\/templates\/pod\.yaml; change the chart's templates or values/);
    assert.equal(fs.readFileSync(path.join(dir, 'charts/shop/templates/pod.yaml'), 'utf8'), template);
    assert.match(fs.readFileSync(path.join(dir, 'plain.yaml'), 'utf8'), /hostPID: false/);
  });

  it('fixes what it can read and exits 3 when some input could not be read', () => {
    const dir = writeTree(tempDir(), { 'good.yaml': hostPidPod('good'), 'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: [unclosed\n' });
    const r = runCli(['fix', dir, '--all', '--controls', 'host-namespaces']);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /bad\.yaml:\d+/);
    assert.match(fs.readFileSync(path.join(dir, 'good.yaml'), 'utf8'), /hostPID: false/);
  });

  it('refuses to fix standard input', () => {
    const r = runCli(['fix', '-'], { input: hostPidPod('x') });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot fix standard input/);
  });

  it('says so when there is nothing to fix', () => {
    const dir = writeTree(tempDir(), { 'pod.yaml': hostPidPod('p').replace('true', 'false') });
    const r = runCli(['fix', dir, '--all', '--controls', 'host-namespaces']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^nothing to fix: no failed finding has an automatic fix$/m);
  });
});
