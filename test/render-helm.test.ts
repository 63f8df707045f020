// Helm charts through the CLI with the real `helm template` (npm test puts helm 4 first on PATH,
// scripts/test-tools.mjs): findings point at the template that wrote the object, at the template
// line only where that line is certain, with the line of the rendered output beside it; values,
// release name and namespace pass through; a missing required value is named; test hooks are not
// part of the release; a chart's templates directory is not scanned as manifests.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Finding, ScanReport, SourceLocation } from '../src/model/types.js';
import { which } from '../src/sources/files/render.js';
import { ROOT, runCli, tempDir, writeTree, type CliResult } from './support/cli.js';

const CHART = path.join('charts', 'web'); // the directory; the chart's name is webapp
const T = (file: string) => path.join(CHART, 'templates', file);

const FILES: Record<string, string> = {
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: webapp\nversion: 0.1.0\nappVersion: "1.27"\n',
  'charts/web/values.yaml': [
    'image: {repository: nginx, tag: "1.27"}',
    'hostNetwork: false',
    'securityContext: {}',
    'sidecar: {enabled: true}',
    'db: {enabled: false}',
    '',
  ].join('\n'),
  'charts/web/templates/_helpers.tpl': [
    '{{- define "webapp.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end }}',
    '{{- define "webapp.selectorLabels" -}}app.kubernetes.io/name: {{ .Chart.Name }}{{- end }}',
    '{{- define "webapp.labels" -}}',
    'helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}',
    '{{ include "webapp.selectorLabels" . }}',
    '{{- end }}',
    '',
  ].join('\n'),
  // as `helm create` writes it: helpers, `with` + toYaml for the container's securityContext
  'charts/web/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "webapp.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "webapp.labels" . | nindent 4 }}
spec:
  selector:
    matchLabels:
      {{- include "webapp.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "webapp.selectorLabels" . | nindent 8 }}
    spec:
      hostNetwork: {{ .Values.hostNetwork }}
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          {{- with .Values.securityContext }}
          securityContext:
            {{- toYaml . | nindent 12 }}
          {{- end }}
        {{- if .Values.sidecar.enabled }}
        - name: sidecar
          image: busybox:1.36
          securityContext:
            privileged: true
        {{- end }}
`,
  // helm create's test hook, as it writes it
  'charts/web/templates/tests/test-connection.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: "{{ include "webapp.fullname" . }}-test-connection"
  labels:
    {{- include "webapp.labels" . | nindent 4 }}
  annotations:
    "helm.sh/hook": test
spec:
  containers:
    - name: wget
      image: busybox
      command: ['wget']
      args: ['{{ include "webapp.fullname" . }}:80']
  restartPolicy: Never
`,
  // a value the chart requires, with a message that does not name it
  'charts/web/templates/secret.yaml': `{{- if .Values.db.enabled }}
apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  password: {{ required "set a database password" .Values.db.password }}
{{- end }}
`,
  // two documents that render to the same lines: which one wrote a line cannot be told
  'charts/web/templates/pods.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: one
spec:
  hostPID: true
  containers: [{name: a, image: "nginx:1.27"}]
---
apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  hostPID: true
  containers: [{name: a, image: "nginx:1.27"}]
`,
  // one document written once per list item: every one of them comes from the same lines
  'charts/web/templates/jobs.yaml': `{{- range list "a" "b" }}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: job-{{ . }}
spec:
  template:
    spec:
      hostIPC: true
      restartPolicy: Never
      containers: [{name: a, image: "nginx:1.27"}]
{{- end }}
`,
};

function parse(out: CliResult, code = 0): ScanReport {
  assert.equal(out.code, code, `exit ${out.code}\nstderr: ${out.stderr}`);
  return JSON.parse(out.stdout) as ScanReport;
}

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'schema/report.schema.json'), 'utf8')));
function assertSchema(r: ScanReport): void {
  assert.ok(validate(r), ajv.errorsText(validate.errors, { separator: '\n' }));
}

function failed(r: ScanReport, control: string, name: string): Finding {
  const f = r.findings.find((x) => x.controlId === control && x.status === 'failed' && x.resourceId.endsWith(`/${name}`));
  assert.ok(f, `no failed ${control} on ${name}`);
  return f;
}

/** A location without `rendered`, and what `rendered` says of it, apart. */
function split(loc: SourceLocation | undefined) {
  assert.ok(loc);
  const { rendered, ...rest } = loc;
  return { at: rest, rendered };
}

describe('Helm: findings in the templates, with the real helm', () => {
  let root: string;
  let r: ScanReport;
  let renderedLines: string[];

  before(() => {
    assert.ok(which('helm'), 'helm is not on PATH: run the tests with npm test (scripts/test-tools.mjs brings it)');
    root = writeTree(tempDir(), FILES);
    r = parse(runCli(['scan', '.', '--format', 'json'], { cwd: root }));
    const helm = spawnSync('helm', ['template', 'release-name', CHART], { cwd: root, encoding: 'utf8' });
    assert.equal(helm.status, 0, helm.stderr);
    renderedLines = helm.stdout.split('\n');
  });

  it('the report validates against the schema (source.rendered, location.rendered)', () => assertSchema(r));

  it('each resource\'s file is its template (the chart is named webapp, its directory web); origin is helm\'s name for it', () => {
    const byName = Object.fromEntries(r.resources.filter((x) => x.source.renderedBy).map((x) => [x.name, x.source]));
    assert.deepEqual(byName['release-name-webapp'], {
      type: 'file', file: T('deployment.yaml'), line: 1, column: 1, document: byName['release-name-webapp'].document,
      renderedBy: 'helm', origin: 'webapp/templates/deployment.yaml',
      rendered: { from: CHART, line: byName['release-name-webapp'].rendered!.line, column: 1 },
    });
    assert.equal(renderedLines[byName['release-name-webapp'].rendered!.line! - 1], 'apiVersion: apps/v1');
    assert.equal(byName['job-a'].file, T('jobs.yaml'));
  });

  it('a field a literal template line writes: that line and column, exact, and the rendered line beside it', () => {
    const f = failed(r, 'privileged-container', 'release-name-webapp');
    assert.equal(f.paths[0].path, 'spec.template.spec.containers[1].securityContext.privileged');
    const { at, rendered } = split(f.paths[0].location);
    assert.deepEqual(at, { file: T('deployment.yaml'), line: 29, column: 13, exact: true });
    assert.equal(rendered?.from, CHART);
    assert.equal(renderedLines[rendered!.line! - 1].slice(rendered!.column! - 1), 'privileged: true');
    const host = failed(r, 'host-namespaces', 'one');
    assert.equal(host.paths[0].location?.file, T('pods.yaml'));
  });

  it('a document a range writes several times: each copy points at the same lines', () => {
    for (const name of ['job-a', 'job-b']) {
      const { at } = split(failed(r, 'host-namespaces', name).paths[0].location);
      assert.deepEqual(at, { file: T('jobs.yaml'), line: 10, column: 7, exact: true }, name);
    }
  });

  it('two template lines could have written it: no line at all, rather than a wrong one', () => {
    for (const name of ['one', 'two']) {
      const { at, rendered } = split(failed(r, 'host-namespaces', name).paths[0].location);
      assert.deepEqual(at, { file: T('pods.yaml'), exact: false }, name);
      assert.equal(renderedLines[rendered!.line! - 1], '  hostPID: true');
    }
    assert.equal(r.resources.find((x) => x.name === 'one')?.source.line, undefined, 'nor for the object: both documents start alike');
  });

  it('a field a missing value leaves out: the nearest line that wrote a parent (the container entry), exact: false', () => {
    const f = failed(r, 'non-root-user', 'release-name-webapp');
    const web = f.paths.find((p) => p.path.startsWith('spec.template.spec.containers[0]'));
    assert.deepEqual(split(web?.location).at, { file: T('deployment.yaml'), line: 19, column: 11, exact: false });
  });

  it('pretty, HTML, JUnit, PolicyReport and SARIF name the template file; SARIF\'s artifact is that real file, with its region', () => {
    const out = path.join(tempDir(), 'reports');
    const run = runCli(['scan', '.', '--format', 'pretty,json,sarif,html,junit,policyreport', '--output-dir', out], { cwd: root });
    assert.equal(run.code, 0, run.stderr);
    const files = fs.readdirSync(out);
    const read = (ext: string) => fs.readFileSync(path.join(out, files.find((f) => f.endsWith(ext))!), 'utf8');
    const where = `${T('deployment.yaml')}:29:13`;
    assert.ok(read('.txt').includes(`${where}  container "sidecar" is privileged`), read('.txt'));
    assert.ok(read('.html').includes(where));
    assert.ok(read('.xml').includes(where));
    assert.ok(read('.yaml').includes(where));
    const sarif = JSON.parse(read('.sarif'));
    const result = sarif.runs[0].results.find((x: any) => x.ruleId === 'privileged-container' && x.properties.path.includes('containers[1]'));
    const loc = result.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    const file = fileURLToPath(new URL(loc.artifactLocation.uri, sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri));
    assert.equal(fs.realpathSync(file), fs.realpathSync(path.join(root, T('deployment.yaml'))));
    assert.ok(fs.statSync(file).isFile());
    assert.deepEqual([loc.region.startLine, loc.region.startColumn], [29, 13]);
    // no line known: the file, with no region
    const pid = sarif.runs[0].results.find((x: any) => x.ruleId === 'host-namespaces' && x.properties.resourceId === '/v1//Pod/one');
    assert.match(pid.locations[0].physicalLocation.artifactLocation.uri, /templates\/pods\.yaml$/);
    assert.equal(pid.locations[0].physicalLocation.region, undefined);
  });

  it('a test hook is not part of the release: an ignored document with that reason, in its template', () => {
    assert.equal(r.resources.some((x) => x.name.endsWith('test-connection')), false);
    assert.deepEqual(r.ignored?.filter((d) => d.file.includes('tests')), [{
      file: T('tests/test-connection.yaml'), line: 1,
      reason: 'a Helm test hook (helm.sh/hook: test): not part of the release, helm test runs it; scanned with --include-helm-tests',
    }]);
    assert.equal(r.summary.ignoredDocuments, 1);
  });

  it('--include-helm-tests scans it, located in its template', () => {
    const withTests = parse(runCli(['scan', '.', '--format', 'json', '--include-helm-tests'], { cwd: root }));
    assertSchema(withTests);
    const pod = withTests.resources.find((x) => x.name === 'release-name-webapp-test-connection');
    assert.equal(pod?.source.file, T('tests/test-connection.yaml'));
    const f = failed(withTests, 'non-root-user', 'release-name-webapp-test-connection');
    assert.deepEqual(split(f.paths[0].location).at, { file: T('tests/test-connection.yaml'), line: 11, column: 7, exact: false });
    assert.equal(withTests.ignored?.some((d) => d.file.includes('tests')) ?? false, false);
  });
});

describe('Helm: values, release name and namespace pass through to helm template', () => {
  let root: string;
  before(() => {
    root = writeTree(tempDir(), {
      ...FILES,
      'values-host.yaml': 'hostNetwork: true\n',
      'values-nohost.yaml': 'hostNetwork: false\n',
    });
  });

  it('--helm-values: a values file changes the result, located at the template line the value lands on', () => {
    const r = parse(runCli(['scan', CHART, '--format', 'json', '--helm-values', 'values-host.yaml'], { cwd: root }));
    assert.deepEqual(split(failed(r, 'host-network', 'release-name-webapp').paths[0].location).at, { file: T('deployment.yaml'), line: 17, column: 7, exact: true });
    // repeatable, later files win, as in helm
    const both = parse(runCli(['scan', CHART, '--format', 'json', '--helm-values', 'values-host.yaml', '--helm-values', 'values-nohost.yaml'], { cwd: root }));
    assert.equal(both.findings.some((f) => f.controlId === 'host-network'), false);
  });

  it('--helm-set: a value toYaml writes is placed at the line of its parent key, exact: false', () => {
    const r = parse(runCli(['scan', CHART, '--format', 'json', '--helm-set', 'securityContext.privileged=true', '--helm-set', 'sidecar.enabled=false'], { cwd: root }));
    const f = failed(r, 'privileged-container', 'release-name-webapp');
    assert.deepEqual(f.paths.map((p) => p.path), ['spec.template.spec.containers[0].securityContext.privileged']);
    const { at, rendered } = split(f.paths[0].location);
    assert.deepEqual(at, { file: T('deployment.yaml'), line: 22, column: 11, exact: false });
    assert.ok(rendered?.line && rendered.column === 13, JSON.stringify(rendered));
  });

  it('--release-name and --helm-namespace', () => {
    const r = parse(runCli(['scan', CHART, '--format', 'json', '--release-name', 'shop', '--helm-namespace', 'prod'], { cwd: root }));
    assert.ok(r.resources.some((x) => x.id === 'apps/v1/prod/Deployment/shop-webapp'), r.resources.map((x) => x.id).join(', '));
  });

  it('a value the chart requires, missing: an input error naming the value, exit 3', () => {
    const out = runCli(['scan', CHART, '--format', 'json', '--helm-set', 'db.enabled=true'], { cwd: root });
    const r = parse(out, 3);
    assert.deepEqual(r.errors, [{
      file: CHART,
      message: `${CHART} helm template failed: the chart requires a value for db.password (webapp/templates/secret.yaml:7:15: set a database password); `
        + 'set it with --helm-set db.password=... or in a --helm-values file',
    }]);
    assert.match(out.stderr, /the chart requires a value for db\.password/);
    const given = parse(runCli(['scan', CHART, '--format', 'json', '--helm-set', 'db.enabled=true', '--helm-set', 'db.password=CANARY-SECRET-VALUE'], { cwd: root }));
    assert.ok(given.resources.some((x) => x.kind === 'Secret' && x.source.file === T('secret.yaml')));
  });

  it('wrong helm flags are exit 2, before anything is rendered', () => {
    for (const [args, message] of [
      [['--helm-values', 'nope.yaml'], /--helm-values: no such file: nope\.yaml/],
      [['--helm-values', 'charts'], /--helm-values: not a regular file: charts/],
      [['--helm-set', 'novalue'], /--helm-set: expected key=value, got "novalue"/],
      [['--release-name', 'Not_Valid'], /--release-name: "Not_Valid" is not a valid release name/],
      [['--helm-namespace', 'a/b'], /--helm-namespace: "a\/b" is not a valid namespace name/],
    ] as const) {
      const out = runCli(['scan', CHART, ...args], { cwd: root });
      assert.equal(out.code, 2, `${args.join(' ')}: ${out.stderr}`);
      assert.match(out.stderr, message);
    }
  });
});

describe('Helm flags where no chart is scanned', () => {
  it('are a warning, not silently ignored', () => {
    const root = writeTree(tempDir(), { 'plain.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\n' });
    const out = runCli(['scan', '.', '--format', 'json', '--helm-set', 'a=1', '--include-helm-tests'], { cwd: root });
    const r = parse(out);
    const warning = '--helm-set, --include-helm-tests given, but no Helm chart (a directory with Chart.yaml) was scanned: ignored';
    assert.ok(r.warnings.includes(warning), JSON.stringify(r.warnings));
    assert.match(out.stderr, /palisade: warning: --helm-set, --include-helm-tests given, but no Helm chart/);
  });
});

describe('Helm: a chart\'s templates scanned directly', () => {
  it('is one input error that names the chart to scan instead; the templates are not parsed', () => {
    const root = writeTree(tempDir(), { ...FILES, 'plain.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\n' });
    for (const target of [path.join(CHART, 'templates'), T('deployment.yaml'), path.join(CHART, 'templates', 'tests')]) {
      const out = runCli(['scan', target, 'plain.yaml', '--format', 'json'], { cwd: root });
      const r = parse(out, 3);
      assert.deepEqual(r.errors, [{
        file: target,
        message: `${target} is in the templates directory of the Helm chart ${CHART}: templates are not manifests until helm renders them; `
          + `scan the chart instead (palisade scan ${CHART}); not scanned`,
      }]);
      assert.deepEqual(r.resources.filter((x) => x.source.type !== 'derived').map((x) => x.name), ['plain']);
    }
    // given as an absolute path, the chart is named absolutely
    const abs = path.join(root, CHART, 'templates');
    const r = parse(runCli(['scan', abs, '--format', 'json'], { cwd: root }), 3);
    assert.match(r.errors[0].message, new RegExp(`scan the chart instead \\(palisade scan ${path.join(root, CHART).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
  });
});
