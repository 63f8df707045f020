// No secret value appears in any output at any verbosity: canaries are planted everywhere a secret
// can hide in manifests, and every output of every command is searched for them.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, tempDir, writeTree } from './support/cli.js';

const PEM_HEADER = '-----BEGIN OPENSSH PRIVATE KEY-----';
const CANARIES = {
  env: 'canary-env-7f3a9c2e',
  envPattern: 'AKIAZZCANARY00000001',
  // an AWS secret access key shape beside the id above: the pair is a credential
  envAwsSecret: 'CanaryAwsSecretKey0123456789abcdefGHIJKL',
  envUrlPassword: 'canary-url-password-6a1d',
  configMapValue: 'canary-cm-4b8d1e6f',
  configMapPattern: 'ghp_CANARYcanaryCANARYcanaryCANARYcanary1234',
  configMapFile: 'xoxb-canary0000-file0000-9e3f7c1d',
  configMapFileLine: 'canary-properties-line-3c7e',
  binaryPem: 'CANARYbinaryPEMbodyQ2FuYXJ5a2V5',
  secretData: 'canary-secret-data-91c2',
  stringData: 'canary-string-data-a3f0',
  annotation: 'canary-annotation-5e7b',
  annotationToken: 'sk_live_CANARYannotation0123456789',
  templateAnnotation: 'canary-template-annotation-8b4e',
  serviceAnnotation: 'ghs_CANARYserviceANNOTATION0123456789abcd',
  lastApplied: 'canary-last-applied-c4d9',
  lastAppliedToken: 'ghp_CANARYlastAPPLIEDcanaryLASTapplied987',
  brokenDoc: 'canary-broken-doc-2b6e',
  argument: 'canary-argument-0d1f',
  splitArgument: 'canary-split-argument-4c2a',
  argumentToken: 'github_pat_CANARY' + 'cAnArY0123'.repeat(7) + 'abcdef',
  command: 'canary-command-5f8e',
  // js-yaml names an alias without an anchor, or an unknown tag, in its error reason
  alias: 'Passw0rdCanaryAlias77',
  tag: 'CanaryTagSecret31',
};
const b64 = (s: string) => Buffer.from(s).toString('base64');

const BINARY_PEM = b64(`${PEM_HEADER}\n${CANARIES.binaryPem}\n-----END OPENSSH PRIVATE KEY-----\n`);

const MANIFESTS = {
  'app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: shop
  annotations:
    example.com/api-key: ${CANARIES.annotation}
    example.com/billing: ${CANARIES.annotationToken}
    kubectl.kubernetes.io/last-applied-configuration: '{"env":[{"name":"DB_PASSWORD","value":"${CANARIES.lastApplied}"},{"name":"GH","value":"${CANARIES.lastAppliedToken}"}]}'
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata:
      labels: {app: app}
      annotations:
        example.com/db: "postgres://shop:${CANARIES.templateAnnotation}@db:5432/shop"
    spec:
      containers:
      - name: app
        image: nginx:latest
        command: ["sh", "-c", "export REDIS_PASSWORD=${CANARIES.command}; exec app"]
        args: ["--token=${CANARIES.argument}", "--api-key", "${CANARIES.splitArgument}", "${CANARIES.argumentToken}"]
        env:
        - {name: DB_PASSWORD, value: ${CANARIES.env}}
        - {name: UPSTREAM, value: ${CANARIES.envPattern}}
        - {name: UPSTREAM_SK, value: ${CANARIES.envAwsSecret}}
        - {name: DATABASE, value: "mysql://root:${CANARIES.envUrlPassword}@mysql:3306/shop"}
---
apiVersion: v1
kind: Service
metadata:
  name: app
  namespace: shop
  annotations: {example.com/deploy-hook: "${CANARIES.serviceAnnotation}"}
spec:
  selector: {app: app}
  ports: [{port: 80}]
`,
  'config.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data:
  api_token: ${CANARIES.configMapValue}
  github: ${CANARIES.configMapPattern}
  notify.ini: |
    [slack]
    channel = ops
    hook_token = ${CANARIES.configMapFile}
  app.properties: |
    db.url=jdbc:postgresql://db:5432/shop
    db.password=${CANARIES.configMapFileLine}
binaryData:
  deploy_ed25519: ${BINARY_PEM}
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
  assert.ok(!text.includes(BINARY_PEM) && !text.includes(BINARY_PEM.slice(8, 48)), `the binaryData value leaked into ${where}`);
  // the redacted forms are prefixes only: a canary never shows past its format's prefix
  assert.ok(!/canary/i.test(text.replace(/palisade-(out|test)-\w+/g, '')), `a canary leaked into ${where}`);
}

const FORMATS = ['pretty', 'json', 'sarif', 'junit', 'html', 'prometheus', 'policyreport'];

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
    ['explain', ['explain', 'credentials-in-config']],
    ...FORMATS.flatMap((format): Array<[string, string[]]> => [
      [`${format}, the credentials control`, ['scan', '.', '--format', format, '--controls', 'credentials-in-config', '--verbose']],
      [`${format}, every control`, ['scan', '.', '--format', format, '--verbose']],
    ]),
    ['fix --dry-run', ['fix', '.', '--dry-run', '--all']],
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
    for (const format of FORMATS) {
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
    const paths = report.findings.flatMap((f: any) => f.paths.map((p: any) => p.path)).sort();
    assert.deepEqual(paths, [
      'binaryData.deploy_ed25519',
      'data.api_token',
      'data.github',
      'data["app.properties"]',
      'data["notify.ini"]',
      'metadata.annotations["example.com/billing"]',
      'metadata.annotations["example.com/deploy-hook"]',
      'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
      'spec.template.metadata.annotations["example.com/db"]',
      'spec.template.spec.containers[0].args[0]',
      'spec.template.spec.containers[0].args[2]',
      'spec.template.spec.containers[0].args[3]',
      'spec.template.spec.containers[0].command[2]',
      'spec.template.spec.containers[0].env[0].value',
      'spec.template.spec.containers[0].env[1].value',
      'spec.template.spec.containers[0].env[2].value',
      'spec.template.spec.containers[0].env[3].value',
    ]);
    assert.match(messages, /env var "DB_PASSWORD" .*its name contains "password"/);
    assert.match(messages, /env var "UPSTREAM" .*an AWS access key id \(AKIA\*\*\*\*\)/);
    assert.match(messages, /annotation "example\.com\/billing" holds a credential: its value looks like a Stripe live secret key \(sk_live_\*\*\*\*\)/);
    assert.match(messages, /args\[3\]: its value looks like a GitHub fine-grained personal access token \(github_pat_\*\*\*\*\)/);
    assert.match(messages, /ConfigMap key "deploy_ed25519" \(binaryData\) .*a private key \(PEM, OPENSSH\)/);
    assert.match(messages, /ConfigMap key "github" .*GitHub personal access token \(ghp_\*\*\*\*\)/);
    assert.match(messages, /ConfigMap key "app\.properties" .*line 2 sets "db\.password" to a literal value/);
  });

  it('fix, applied: what it prints holds no canary, and it leaves the credentials where they are', () => {
    const copy = writeTree(tempDir(), MANIFESTS);
    const out = runCli(['fix', '.', '--all'], { cwd: copy });
    assertNoCanary(out.stdout + out.stderr, 'fix');
    assert.ok(fs.readFileSync(path.join(copy, 'app.yaml'), 'utf8').includes(CANARIES.env), 'a credential is moved by a person, not by fix');
  });

  it('and the broken document is reported without quoting it', () => {
    const out = runCli(['scan', 'broken.yaml'], { cwd: dir });
    assert.equal(out.code, 3);
    assert.match(out.stderr, /broken\.yaml:\d+:\d+: invalid YAML/);
    assertNoCanary(out.stderr + out.stdout, 'broken document error');
  });
});
