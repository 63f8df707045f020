// Manifests read as Kubernetes reads them, through the CLI: no document hidden inside a block
// scalar, and YAML 1.1 scalars (`yes`, `on`, `y`, octal `012`, `0_0`) typed as kubectl, Helm and
// the API server type them (sigs.k8s.io/yaml over go-yaml v2), with the finding saying so.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ScanReport } from '../src/model/types.js';
import { runCli, tempDir, writeTree } from './support/cli.js';

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata: {name: hidden, namespace: shop}
spec:
  containers:
  - name: c
    image: nginx:1.27
    securityContext: {privileged: true}
`;

function scan(files: Record<string, string>, args: string[] = []): { report: ScanReport; code: number | null } {
  const dir = writeTree(tempDir(), files);
  const out = runCli(['scan', '.', '--format', 'json', ...args], { cwd: dir });
  return { report: JSON.parse(out.stdout) as ScanReport, code: out.code };
}

describe('a document after a block scalar at the root is scanned', () => {
  const cases: Array<[string, string]> = [
    ['| then --- (the scalar\'s lines at column 0)', `---\n|\nnotes\n---\n${PRIVILEGED_POD}`],
    ['> then ---', `---\n>\nnotes\nmore notes\n---\n${PRIVILEGED_POD}`],
    ['| then ... then ---', `|\nnotes\n...\n---\n${PRIVILEGED_POD}`],
    ['--- | on one line, the marker several lines later', `--- |\nline 1\n\nline 3\n---\n${PRIVILEGED_POD}`],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const { report, code } = scan({ 'notes.yaml': text }, ['--fail-on', 'high']);
      assert.deepEqual(report.resources.filter((r) => r.kind === 'Pod').map((r) => r.name), ['hidden']);
      const f = report.findings.find((x) => x.controlId === 'privileged-container');
      assert.equal(f?.status, 'failed');
      assert.equal(f.paths[0].location?.file, 'notes.yaml');
      assert.equal(code, 1, 'the gate trips');
    });
  }
});

describe('YAML 1.1 scalars as Kubernetes reads them', () => {
  const { report } = scan({
    'pod.yaml': `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  hostPID: y
  hostNetwork: on
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: yes
      runAsUser: 0_0
      allowPrivilegeEscalation: no
      readOnlyRootFilesystem: Yes
`,
    'quoted.yaml': `apiVersion: v1
kind: Pod
metadata: {name: quoted, namespace: shop}
spec:
  hostNetwork: "on"
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {privileged: "yes", runAsUser: 1000, allowPrivilegeEscalation: false}
`,
  });
  const finding = (control: string, name = 'web') => report.findings.find((f) => f.controlId === control && f.resourceId.endsWith(`/${name}`));

  it('yes, on and y are true: privileged, host network and host PID fail, with the line of the value', () => {
    for (const [control, line] of [['privileged-container', 11], ['host-network', 6], ['host-namespaces', 5]] as const) {
      const f = finding(control);
      assert.equal(f?.status, 'failed', control);
      assert.equal(f.paths[0].location?.line, line, control);
      assert.equal(f.paths[0].location?.yaml11, 'boolean', control);
      assert.match(f.paths[0].message, /written in a YAML 1\.1 form such as yes\/on\/y, which Kubernetes reads as a boolean/, control);
    }
  });

  it('0_0 is 0 to Kubernetes (underscores dropped): the container runs as root', () => {
    const f = finding('non-root-user');
    assert.equal(f?.status, 'failed');
    assert.equal(f.paths[0].location?.yaml11, 'number');
    assert.match(f.message, /UID 0/);
  });

  it('no is false and Yes is true: allowPrivilegeEscalation and readOnlyRootFilesystem pass', () => {
    assert.equal(finding('allow-privilege-escalation'), undefined);
    assert.equal(finding('read-only-root-filesystem'), undefined);
  });

  it('quoted "yes" and "on" are strings, as Kubernetes reads them: no finding, no YAML 1.1 note', () => {
    assert.equal(finding('privileged-container', 'quoted'), undefined);
    assert.equal(finding('host-network', 'quoted'), undefined);
    for (const f of report.findings.filter((x) => x.resourceId.endsWith('/quoted'))) {
      for (const p of f.paths) assert.equal(p.location?.yaml11, undefined, f.controlId);
    }
  });
});
