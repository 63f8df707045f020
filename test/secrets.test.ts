// No secret value appears in any output at any verbosity: canaries are planted everywhere a secret
// can hide in manifests, and every output of every command is searched for them.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, tempDir, writeTree } from './support/cli.js';

const CANARIES = {
  env: 'canary-env-7f3a9c2e',
  envPattern: 'AKIAZZCANARY00000001',
  configMapValue: 'canary-cm-4b8d1e6f',
  configMapPattern: 'ghp_CANARYcanaryCANARYcanaryCANARYcanary1234',
  secretData: 'canary-secret-data-91c2',
  stringData: 'canary-string-data-a3f0',
  annotation: 'canary-annotation-5e7b',
  lastApplied: 'canary-last-applied-c4d9',
  brokenDoc: 'canary-broken-doc-2b6e',
  argument: 'canary-argument-0d1f',
  // js-yaml names an alias without an anchor, or an unknown tag, in its error reason
  alias: 'Passw0rdCanaryAlias77',
  tag: 'CanaryTagSecret31',
};
const b64 = (s: string) => Buffer.from(s).toString('base64');

const MANIFESTS = {
  'app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: shop
  annotations:
    example.com/api-key: ${CANARIES.annotation}
    kubectl.kubernetes.io/last-applied-configuration: '{"env":[{"name":"DB_PASSWORD","value":"${CANARIES.lastApplied}"}]}'
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers:
      - name: app
        image: nginx:latest
        args: ["--token=${CANARIES.argument}"]
        env:
        - {name: DB_PASSWORD, value: ${CANARIES.env}}
        - {name: UPSTREAM, value: ${CANARIES.envPattern}}
`,
  'config.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data:
  api_token: ${CANARIES.configMapValue}
  github: ${CANARIES.configMapPattern}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: shop}
type: Opaque
data:
  password: ${b64(CANARIES.secretData)}
stringData:
  token: ${CANARIES.stringData}
`,
  'broken.yaml': `apiVersion: v1
kind: Secret
metadata: {name: broken, namespace: shop}
stringData:
  token: "${CANARIES.brokenDoc}
  other: [unclosed
`,
  'alias.yaml': `apiVersion: v1
kind: Secret
metadata: {name: alias, namespace: shop}
stringData:
  password: *${CANARIES.alias}
`,
  'tag.yaml': `apiVersion: v1
kind: Secret
metadata: {name: tagged, namespace: shop}
stringData:
  password: !<!${CANARIES.tag}> x
`,
};

function assertNoCanary(text: string, where: string): void {
  for (const [name, value] of Object.entries(CANARIES)) {
    assert.ok(!text.includes(value), `${name} canary leaked into ${where}`);
    assert.ok(!text.includes(b64(value)), `${name} canary (base64) leaked into ${where}`);
  }
}

describe('secret values never reach any output', () => {
  let dir: string;
  let outDir: string;
  before(() => {
    dir = writeTree(tempDir(), MANIFESTS);
    outDir = tempDir('palisade-out-');
  });

  const runs: Array<[string, string[]]> = [
    ['pretty', ['scan', '.', '--no-color']],
    ['pretty verbose', ['scan', '.', '--no-color', '--verbose']],
    ['json', ['scan', '.', '--format', 'json']],
    ['json verbose', ['scan', '.', '--format', 'json', '--verbose']],
    ['only the credentials control', ['scan', '.', '--controls', 'credentials-in-config', '--verbose']],
    ['who-can', ['who-can', 'get', 'secrets', '.']],
  ];
  for (const [name, args] of runs) {
    it(`${name}: stdout and stderr`, () => {
      const out = runCli(args, { cwd: dir });
      assert.ok(out.stdout.length > 0, 'printed something');
      assertNoCanary(out.stdout, `${name} stdout`);
      assertNoCanary(out.stderr, `${name} stderr`);
    });
  }

  it('report files written with --output', () => {
    for (const format of ['json', 'pretty']) {
      const file = path.join(outDir, `report.${format}`);
      const out = runCli(['scan', '.', '--format', format, '--verbose', '--output', file], { cwd: dir });
      assertNoCanary(out.stdout + out.stderr, `${format} run`);
      assertNoCanary(fs.readFileSync(file, 'utf8'), file);
    }
  });

  it('while still reporting the credentials, by name only', () => {
    const out = runCli(['scan', '.', '--format', 'json', '--controls', 'credentials-in-config'], { cwd: dir });
    const report = JSON.parse(out.stdout);
    const messages = report.findings.flatMap((f: any) => f.paths.map((p: any) => p.message)).join('\n');
    assert.match(messages, /DB_PASSWORD/);
    assert.match(messages, /UPSTREAM/);
    assert.match(messages, /api_token/);
    assert.match(messages, /github/);
  });

  it('and the broken document is reported without quoting it', () => {
    const out = runCli(['scan', 'broken.yaml'], { cwd: dir });
    assert.equal(out.code, 3);
    assert.match(out.stderr, /broken\.yaml:\d+:\d+: invalid YAML/);
    assertNoCanary(out.stderr + out.stdout, 'broken document error');
  });
});
