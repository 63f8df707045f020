// Kustomize overlays through the CLI with the real `kubectl kustomize` (npm test puts kubectl 1.33
// first on PATH, scripts/test-tools.mjs): findings point at the file each resource came from (the
// origin annotation kustomize writes with buildMetadata: [originAnnotations], turned on by a
// temporary kustomization that wraps the user's), at the line where the base says the same as
// the built object; the user's files are not touched and the temporary directory is removed.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Finding, ScanReport, SourceLocation } from '../src/model/types.js';
import { which } from '../src/sources/files/render.js';
import { readFiles } from '../src/sources/files/index.js';
import { ROOT, runCli, tempDir, writeTree, type CliResult } from './support/cli.js';

const BASE_DEPLOYMENT = `# the api, as every environment runs it
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  annotations:
    team: payments
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: nginx:1.27
        securityContext:
          privileged: true
      - name: log
        image: busybox:1.36
`;

const FILES: Record<string, string> = {
  'base/kustomization.yaml': 'resources:\n- deployment.yaml\n- service.yaml\n',
  'base/deployment.yaml': BASE_DEPLOYMENT,
  'base/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  type: NodePort\n  selector: {app: api}\n  ports: [{port: 80}]\n',
  'overlays/prod/kustomization.yaml': [
    'namespace: prod',
    'namePrefix: prod-',
    'resources:',
    '- ../../base',
    '- configmap.yaml',
    'patches:',
    '- path: patch.yaml',
    'configMapGenerator:',
    '- name: settings',
    '  literals: [color=blue]',
    '',
  ].join('\n'),
  // the patch adds hostNetwork and a field of the api container's securityContext
  'overlays/prod/patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      hostNetwork: true
      containers:
      - name: api
        securityContext:
          allowPrivilegeEscalation: true
`,
  'overlays/prod/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: b}\n',
};

const BASE = path.join('base', 'deployment.yaml');
const OVERLAY = path.join('overlays', 'prod');

function parse(out: CliResult, code = 0): ScanReport {
  assert.equal(out.code, code, `exit ${out.code}\nstderr: ${out.stderr}`);
  return JSON.parse(out.stdout) as ScanReport;
}

function failed(r: ScanReport, control: string, id: string): Finding {
  const f = r.findings.find((x) => x.controlId === control && x.status === 'failed' && x.resourceId === id);
  assert.ok(f, `no failed ${control} on ${id}`);
  return f;
}

/** Every file under a directory: relative path → content and mode. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      const st = fs.statSync(full);
      if (e.isDirectory()) { out[`${path.relative(dir, full)}/`] = st.mode.toString(8); walk(full); } else {
        out[path.relative(dir, full)] = `${st.mode.toString(8)} ${st.mtimeMs} ${fs.readFileSync(full, 'utf8')}`;
      }
    }
  };
  walk(dir);
  return out;
}

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'schema/report.schema.json'), 'utf8')));

const DEPLOYMENT_ID = 'apps/v1/prod/Deployment/prod-api';
const at = (loc: SourceLocation | undefined) => {
  assert.ok(loc);
  const { rendered, ...rest } = loc;
  assert.deepEqual(rendered, { from: OVERLAY });
  return rest;
};

describe('Kustomize: findings in the files the resources came from, with the real kubectl', () => {
  let root: string;
  let tmp: string;
  let before_: Record<string, string>;
  let r: ScanReport;
  let sarifFile: string;

  before(() => {
    assert.ok(which('kubectl') ?? which('kustomize'), 'neither kubectl nor kustomize is on PATH: run the tests with npm test');
    root = writeTree(tempDir(), FILES);
    tmp = tempDir('palisade-tmpdir-'); // the scans' TMPDIR: what they leave there is seen
    before_ = snapshot(root);
    r = parse(runCli(['scan', OVERLAY, '--format', 'json'], { cwd: root, env: { TMPDIR: tmp } }));
    sarifFile = path.join(tempDir(), 'out.sarif');
    assert.equal(runCli(['scan', OVERLAY, '--format', 'sarif', '-o', sarifFile], { cwd: root, env: { TMPDIR: tmp } }).code, 0);
  });

  it('leaves the user\'s directory as it was, and no temporary directory behind', () => {
    assert.deepEqual(snapshot(root), before_);
    assert.deepEqual(fs.readdirSync(tmp), []);
  });

  it('the report validates against the schema', () => {
    assert.ok(validate(r), ajv.errorsText(validate.errors, { separator: '\n' }));
  });

  it('each resource\'s file is the one it came from: the base\'s, the overlay\'s, the kustomization of a generator', () => {
    const src = Object.fromEntries(r.resources.filter((x) => x.source.renderedBy).map((x) => [x.id, x.source]));
    assert.deepEqual(src[DEPLOYMENT_ID], {
      type: 'file', file: BASE, line: 2, column: 1, document: src[DEPLOYMENT_ID].document,
      renderedBy: 'kustomize', origin: BASE, rendered: { from: OVERLAY },
    });
    assert.equal(src['/v1/prod/Service/prod-api'].file, path.join('base', 'service.yaml'));
    assert.equal(src['/v1/prod/ConfigMap/prod-extra'].file, path.join(OVERLAY, 'configmap.yaml'));
    const generated = Object.entries(src).find(([id]) => id.startsWith('/v1/prod/ConfigMap/prod-settings-'))![1];
    assert.deepEqual([generated.file, generated.line, generated.origin], [path.join(OVERLAY, 'kustomization.yaml'), undefined, `${path.join(OVERLAY, 'kustomization.yaml')} (ConfigMapGenerator)`]);
  });

  it('a field the base sets and the overlay leaves alone: its line in the base, exact', () => {
    const f = failed(r, 'privileged-container', DEPLOYMENT_ID);
    assert.equal(f.paths[0].path, 'spec.template.spec.containers[0].securityContext.privileged');
    assert.deepEqual(at(f.paths[0].location), { file: BASE, line: 19, column: 11, endLine: 19, endColumn: 27, exact: true });
  });

  it('a field a patch sets is not in the base: the object\'s first line there, exact: false', () => {
    assert.deepEqual(at(failed(r, 'host-network', DEPLOYMENT_ID).paths[0].location), { file: BASE, line: 2, column: 1, exact: false });
    const escalation = failed(r, 'allow-privilege-escalation', DEPLOYMENT_ID).paths.find((p) => p.path.startsWith('spec.template.spec.containers[0]'));
    assert.deepEqual(at(escalation?.location), { file: BASE, line: 2, column: 1, exact: false });
  });

  it('a missing field: the base\'s nearest parent the built object has (the same container, by name), exact: false', () => {
    const nonRoot = failed(r, 'non-root-user', DEPLOYMENT_ID);
    const api = nonRoot.paths.find((p) => p.path.startsWith('spec.template.spec.containers[0]'));
    assert.deepEqual(at(api?.location), { file: BASE, line: 18, column: 9, endLine: 19, endColumn: 27, exact: false });
    const log = nonRoot.paths.find((p) => p.path.startsWith('spec.template.spec.containers[1]'));
    assert.deepEqual(at(log?.location), { file: BASE, line: 20, column: 9, endLine: 21, endColumn: 28, exact: false });
  });

  it('SARIF: the artifact is the base file itself, with the region', () => {
    const sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf8'));
    const result = sarif.runs[0].results.find((x: any) => x.ruleId === 'privileged-container');
    const loc = result.locations[0].physicalLocation;
    const file = fileURLToPath(new URL(loc.artifactLocation.uri, sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri));
    assert.equal(fs.realpathSync(file), fs.realpathSync(path.join(root, BASE)));
    assert.deepEqual([loc.region.startLine, loc.region.startColumn], [19, 11]);
  });

  it('pretty names the base file and line', () => {
    const out = runCli(['scan', OVERLAY], { cwd: root, env: { TMPDIR: tmp } });
    assert.equal(out.code, 0, out.stderr);
    assert.ok(out.stdout.includes(`${BASE}:19:11  container "api" is privileged`), out.stdout);
  });

  it('the origin annotation is taken off the objects; their own annotations stay', () => {
    const cwd = process.cwd();
    try {
      process.chdir(root);
      const read = readFiles([OVERLAY]);
      assert.deepEqual(read.errors, []);
      const deployment = read.resources.find((x) => x.kind === 'Deployment')!;
      assert.deepEqual(deployment.object.metadata.annotations, { team: 'payments' });
      const cm = read.resources.find((x) => x.name === 'prod-extra')!;
      assert.equal(cm.object.metadata.annotations, undefined, 'no empty annotations left behind');
    } finally {
      process.chdir(cwd);
    }
  });

  it('an absolute directory gives absolute files', () => {
    const abs = parse(runCli(['scan', path.join(root, OVERLAY), '--format', 'json'], { cwd: ROOT, env: { TMPDIR: tmp } }));
    const f = failed(abs, 'privileged-container', DEPLOYMENT_ID);
    assert.equal(f.paths[0].location?.file, path.join(fs.realpathSync(root), BASE));
    assert.deepEqual(fs.readdirSync(tmp), []);
  });

  it('a kustomization that cannot be built: the error names the user\'s paths, not the temporary ones', () => {
    const dir = writeTree(tempDir(), { 'broken/kustomization.yaml': 'resources:\n- missing.yaml\n' });
    const out = parse(runCli(['scan', 'broken', '--format', 'json'], { cwd: dir, env: { TMPDIR: tmp } }), 3);
    assert.equal(out.errors.length, 1);
    assert.match(out.errors[0].message, /^broken (kubectl kustomize|kustomize build) failed: /);
    assert.ok(!out.errors[0].message.includes('palisade-kustomize-'), out.errors[0].message);
    assert.deepEqual(fs.readdirSync(tmp), []);
  });
});
