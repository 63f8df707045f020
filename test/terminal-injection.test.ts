// Text output cannot be driven by the input: names, namespaces, container names, annotations and
// file names carrying ESC sequences, BEL, CR, newlines, C1 controls and bidi overrides are printed
// as visible escapes on stdout and stderr (scan, who-can, fix, usage errors), and Palisade's own
// colours still work.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempDir, writeTree, type CliResult } from './support/cli.js';

// "\e[2K\e[1A" erases the line and moves up; with "\e[32m" it would forge a green verdict.
const FORGE = String.raw`\e[2K\e[1A\e[32mALL CHECKS PASSED`;
const EVIL = `apiVersion: v1
kind: Pod
metadata:
  name: "web${FORGE}\\a\\r\\nforged line\\u202Eevil\\x9b31m"
  namespace: "ns\\e[0m\\r\\u202E"
  annotations:
    palisade.dev/ignore: host-network
    palisade.dev/ignore-reason: "ok\\e[2K\\rALL CHECKS PASSED\\n\\u202E\\x9b"
spec:
  hostNetwork: true
  containers:
  - name: "c${FORGE}\\a\\r\\n\\u202E\\x9b"
    image: nginx:1.27
    securityContext:
      privileged: true
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: "rb${FORGE}\\n\\u202E"
  namespace: shop
  annotations:
    palisade.dev/ignore: "nope\\e[2K\\rALL CHECKS PASSED"
    palisade.dev/ignore-reason: r
subjects:
- {kind: ServiceAccount, name: "sa\\e[31m\\r\\u009b", namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: orphan, namespace: shop}
subjects:
- {kind: User, name: alice}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: "role\\e[31m\\nforged"}
`;
// A file that does not parse, so its name is printed with an input error; and one that is not a
// Kubernetes object, so its name is listed under ignored documents with --verbose.
const BAD_FILE = 'bad\n\u001b[31mforged.yaml';
const IGNORED_FILE = 'ignored\t\u202edoc.yaml';

const dir = writeTree(tempDir(), { 'evil.yaml': EVIL, [BAD_FILE]: 'a: [\n', [IGNORED_FILE]: 'just: data\n' });

/** Raw control characters other than newline, as code points, to make a failure readable. */
function rawControls(text: string, allowEsc = false): string[] {
  const bad = allowEsc
    ? /[\u0000-\u0009\u000b-\u001a\u001c-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/gu
    : /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/gu;
  return [...text.matchAll(bad)].map((m) => `U+${m[0].codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

function assertClean(out: CliResult, what: string): void {
  assert.deepEqual(rawControls(out.stdout), [], `${what}: raw controls on stdout`);
  assert.deepEqual(rawControls(out.stderr), [], `${what}: raw controls on stderr`);
  assert.ok(!out.stdout.includes('\u001b') && !out.stderr.includes('\u001b'), `${what}: an ESC was printed`);
}

/** No output line may begin with text that came after a newline or CR inside an input field. */
function assertNoForgedLine(text: string, what: string): void {
  for (const line of text.split('\n')) {
    assert.doesNotMatch(line, /^(forged|ALL CHECKS PASSED|\x1b\[31mforged)/, `${what}: forged line ${JSON.stringify(line)}`);
  }
}

const ESCAPED_NAME = String.raw`web\x1b[2K\x1b[1A\x1b[32mALL CHECKS PASSED\x07\r\nforged line\u202eevil\x9b31m`;
const ESCAPED_NS = String.raw`ns\x1b[0m\r\u202e`;
const ESCAPED_CONTAINER = String.raw`c\x1b[2K\x1b[1A\x1b[32mALL CHECKS PASSED\x07\r\n\u202e\x9b`;
const ESCAPED_REASON = String.raw`ok\x1b[2K\rALL CHECKS PASSED\n\u202e\x9b`;
const ESCAPED_BAD_FILE = String.raw`bad\n\x1b[31mforged.yaml`;

describe('control characters from the input in text output', () => {
  it('scan --no-color: the pretty report and stderr show them escaped, with no ESC at all', () => {
    const out = runCli(['scan', '.', '--no-color', '--verbose'], { cwd: dir });
    assert.equal(out.code, 3, out.stderr);
    assertClean(out, 'scan');
    assertNoForgedLine(out.stdout, 'stdout');
    assertNoForgedLine(out.stderr, 'stderr');
    assert.ok(out.stdout.includes(`Pod ${ESCAPED_NS}/${ESCAPED_NAME}`), out.stdout);
    assert.ok(out.stdout.includes(`container "${ESCAPED_CONTAINER}" is privileged`), 'the container name in a message');
    assert.ok(out.stdout.includes(ESCAPED_REASON), 'the exception reason from an annotation');
    assert.ok(out.stdout.includes(String.raw`ignored\t\u202edoc.yaml`), 'an ignored document\'s file name');
    assert.ok(out.stdout.includes(`    ${ESCAPED_BAD_FILE}:2:1: invalid YAML`), 'the input error in the report');
    assert.match(out.stderr, /^ {2}bad\\n\\x1b\[31mforged\.yaml:2:1: invalid YAML: .*$/m, 'the input error on stderr, one line');
    assert.ok(out.stderr.includes(String.raw`"nope\x1b[2K\rALL CHECKS PASSED" names no control`), 'a warning quoting an annotation');
    assert.ok(out.stderr.includes(String.raw`Role role\x1b[31m\nforged`), 'a warning naming a missing role');
  });

  it('scan with colour forced: Palisade\'s own SGR codes are there, the injected ones are escaped', () => {
    const out = runCli(['scan', '.'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    assert.equal(out.code, 3, out.stderr);
    assert.match(out.stdout, /\u001b\[31mHIGH {4}\u001b\[0m \u001b\[1mprivileged-container\u001b\[0m/);
    assert.deepEqual(rawControls(out.stdout, true), [], 'no raw control but ESC and newline');
    // every raw ESC starts one of Palisade's own colour codes
    assert.deepEqual([...out.stdout.matchAll(/\u001b(?!\[(?:0|1|2|31|32|33|34|35|36|90|1;41)m)/g)], []);
    assert.ok(out.stdout.includes(ESCAPED_CONTAINER), 'injected sequences escaped');
    assert.ok(out.stdout.includes(`\u001b[36mevil.yaml:15:7\u001b[0m  container "${ESCAPED_CONTAINER}"`), 'colour around escaped text');
    assertClean({ ...out, stdout: '' }, 'stderr');
  });

  it('usage errors that quote the input are escaped', () => {
    const out = runCli(['scan', '.', '--config', 'no\u001b[2Kconfig\n.yaml'], { cwd: dir });
    assert.equal(out.code, 2);
    assertClean(out, 'usage error');
    assert.equal(out.stderr, 'palisade: config file not found: no\\x1b[2Kconfig\\n.yaml\n');
  });

  it('who-can text output and its input errors', () => {
    const out = runCli(['who-can', 'get', 'secrets', '.'], { cwd: dir });
    assert.equal(out.code, 3, out.stderr);
    assertClean(out, 'who-can');
    assertNoForgedLine(out.stdout, 'who-can');
    assert.ok(out.stdout.includes(String.raw`ServiceAccount shop/sa\x1b[31m\r\x9b`), out.stdout);
    assert.ok(out.stdout.includes(String.raw`RoleBinding shop/rb\x1b[2K\x1b[1A\x1b[32mALL CHECKS PASSED\n\u202e`), out.stdout);
    assert.ok(out.stdout.includes(String.raw`RoleBinding shop/orphan → Role role\x1b[31m\nforged`), 'an unresolved binding');
    assert.ok(out.stderr.includes(`palisade: ${ESCAPED_BAD_FILE}:2:1`), out.stderr);
  });

  it('fix --dry-run: the diff, the summary and the input errors', () => {
    const copy = writeTree(tempDir(), { 'evil.yaml': EVIL, [BAD_FILE]: 'a: [\n' });
    const out = runCli(['fix', '--dry-run', '.'], { cwd: copy });
    assertClean(out, 'fix');
    assertNoForgedLine(out.stderr, 'fix summary');
    assert.ok(out.stderr.includes(`  ${ESCAPED_BAD_FILE}:2:1`), out.stderr);
  });

  it('list and explain (metadata) print no control characters but newlines', () => {
    for (const args of [['list', 'controls'], ['list', 'frameworks'], ['explain', 'privileged-container']]) {
      const out = runCli(args);
      assert.equal(out.code, 0, out.stderr);
      assertClean(out, args.join(' '));
    }
  });
});
