// `palisade fix` never prints a secret value: canaries sit next to the lines the fixes change (so
// the diff of --dry-run shows them as context) and in the changed lines themselves, in every form
// a credential takes in a manifest.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempDir, writeTree, type CliResult } from './support/cli.js';

const C = 'CANARY-FIX-DIFF-SECRET';
const CANARIES = {
  env: `${C}-ENV`,
  url: `${C}-URL`,
  arg: `${C}-ARG`,
  splitArg: `${C}-SPLIT-ARG`,
  command: `${C}-COMMAND`,
  configMap: `${C}-CONFIGMAP`,
  connection: `${C}-CONNECTION`,
  properties: `${C}-PROPERTIES`,
  privateKey: `${C}-PRIVATE-KEY`,
  stringData: `${C}-STRING-DATA`,
  data: `${C}-DATA`,
  lastApplied: `${C}-LAST-APPLIED`,
  comment: `${C}-COMMENT`,
  changedLine: `${C}-CHANGED-LINE`,
  awsKey: 'AKIACANARYFIXDIFF001',
};
const b64 = (s: string) => Buffer.from(s).toString('base64');

// every canary is within three lines of a changed line, or in one
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: app
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"spec":{"containers":[{"env":[{"name":"DB_PASSWORD","value":"${CANARIES.lastApplied}"}]}]}}'
spec:
  hostPID: true
  hostNetwork: true  # password: ${CANARIES.comment}
  containers:
  - name: web
    command: ["sh", "-c", "exec web --password ${CANARIES.command}"]
    image: nginx:1.27
    args:
    - --db-password=${CANARIES.arg}
    - --api-token
    - ${CANARIES.splitArg}
    securityContext: {privileged: true}
    env:
    - {name: DATABASE_URL, value: "postgres://admin:${CANARIES.url}@db:5432/shop"}
    - {name: API_TOKEN, value: ${CANARIES.env}}
    - {name: UPSTREAM, value: ${CANARIES.awsKey}}
  - name: sidecar
    image: busybox:1.36
    securityContext: {privileged: true}
`;

// Secret and ConfigMap data right above or below one-line Pods whose line the fix changes
const onePod = (name: string, env = '') => `{apiVersion: v1, kind: Pod, metadata: {name: ${name}, namespace: app}, spec: {hostPID: true, containers: [{name: c, image: "nginx:1.27"${env}}]}}`;
const DATA = `apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: app}
stringData:
  anything: ${CANARIES.stringData}
data: {key: ${b64(CANARIES.data)}}
---
${onePod('one')}
---
data: {db_password: ${CANARIES.configMap}, conn: "Server=db;User Id=sa;Password=${CANARIES.connection};"}
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: app}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: key, namespace: app}
data:
  tls.key: |
    -----BEGIN PRIVATE KEY-----
    ${CANARIES.privateKey}
    -----END PRIVATE KEY-----
---
${onePod('two', `, env: [{name: DB_PASSWORD, value: ${CANARIES.changedLine}}]`)}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: files, namespace: app}
data:
  app.properties: |
    db.url=jdbc:postgresql://db/shop
    db.password=${CANARIES.properties}
---
${onePod('three')}
`;

function assertNoCanary(r: CliResult, where: string): void {
  const out = `${r.stdout}\n${r.stderr}`;
  for (const [name, value] of Object.entries(CANARIES)) {
    assert.ok(!out.includes(value), `the ${name} canary is printed by ${where}`);
    assert.ok(!out.includes(b64(value)), `the ${name} canary (base64) is printed by ${where}`);
  }
  assert.ok(!out.includes(C), `a canary is printed by ${where}`);
}

// --all: these fixes need review, and the point is the lines they change
const CONTROLS = ['--all', '--controls', 'host-namespaces,host-network,privileged-container'];

describe('palisade fix never prints a secret value', () => {
  let dryRun: CliResult;
  before(() => {
    const dir = writeTree(tempDir('palisade-fix-secrets-'), { 'pod.yaml': POD, 'data.yaml': DATA });
    dryRun = runCli(['fix', '.', '--dry-run', ...CONTROLS], { cwd: dir });
  });

  it('--dry-run: no canary in the diff or the summary', () => {
    assert.equal(dryRun.code, 0, dryRun.stderr);
    assertNoCanary(dryRun, 'fix --dry-run');
  });

  it('without --all: no canary in the list of fixes that need review', () => {
    const dir = writeTree(tempDir('palisade-fix-secrets-'), { 'pod.yaml': POD, 'data.yaml': DATA });
    const r = runCli(['fix', '.', '--dry-run'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /needs review \(\d+\)/);
    assertNoCanary(r, 'fix --dry-run without --all');
  });

  it('--dry-run: the lines around the changes are shown, with only the credentials redacted', () => {
    const diff = dryRun.stdout;
    // the canaries' lines are part of the diff (after the ' ' of a context line): redacted, not left out
    assert.match(diff, /^ {5}kubectl\.kubernetes\.io\/last-applied-configuration: <redacted>$/m);
    assert.match(diff, /^- {2}hostNetwork: true {2}# password: <redacted>$/m);
    assert.match(diff, /^\+ {2}hostNetwork: false {2}# password: <redacted>$/m);
    assert.match(diff, /^ {5}command: \["sh", "-c", "exec web --password <redacted>"\]$/m);
    assert.match(diff, /^ {5}- --db-password=<redacted>\n {5}- --api-token\n {5}- <redacted>$/m);
    assert.match(diff, /^ {5}- \{name: DATABASE_URL, value: "postgres:\/\/<redacted>@db:5432\/shop"\}$/m);
    assert.match(diff, /^ {5}- \{name: API_TOKEN, value: <redacted>\}$/m);
    assert.match(diff, /^ {5}- \{name: UPSTREAM, value: <redacted>\}$/m);
    assert.match(diff, /^ {3}anything: <redacted>\n data: \{key: <redacted>\}\n ---$/m);
    assert.match(diff, /^ data: \{db_password: <redacted>, conn: "Server=db;User Id=sa;Password=<redacted>;"\}$/m);
    // a block scalar holding a credential is redacted whole, even when its first line is out of the diff
    assert.match(diff, /^ {5}<redacted>\n {5}<redacted>\n ---\n-\{apiVersion: v1, kind: Pod, metadata: \{name: two,/m, 'a private key');
    assert.match(diff, /^ {5}<redacted>\n {5}<redacted>\n ---\n-\{apiVersion: v1, kind: Pod, metadata: \{name: three,/m, 'a properties file with a password');
    assert.match(diff, /^-\{apiVersion: v1, kind: Pod, .*hostPID: true, .*value: <redacted>\}\]\}\]\}\}$/m);
    assert.match(diff, /^\+\{apiVersion: v1, kind: Pod, .*hostPID: false, .*value: <redacted>\}\]\}\]\}\}$/m);
    // what is not a credential stays readable
    assert.match(diff, /^ {5}image: busybox:1\.36$/m);
    assert.match(diff, /^- {4}securityContext: \{privileged: true\}$/m);
    assert.match(diff, /^# \d+ line\(s\) holding credentials are shown redacted$/m);
  });

  it('fix: no canary in the summary, and the files are written', () => {
    const dir = writeTree(tempDir('palisade-fix-secrets-'), { 'pod.yaml': POD, 'data.yaml': DATA });
    const r = runCli(['fix', '.', ...CONTROLS], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /fixed pod\.yaml: \d+ change\(s\)/);
    assert.match(r.stdout, /fixed data\.yaml: 3 change\(s\)/);
    assertNoCanary(r, 'fix');
  });
});
