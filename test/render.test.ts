// Kustomize and Helm directories, through the CLI: built with the user's own renderer (the real
// `kubectl kustomize` and `helm template`, which `npm test` puts first on PATH from an npm package,
// see scripts/test-tools.mjs; and fake `kustomize`/`helm` executables to test failing renderers
// and the exact calls), and what the user is told when no renderer is installed. Where findings
// point inside charts and overlays: render-helm.test.ts and render-kustomize.test.ts.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { which } from '../src/sources/files/render.js';
import { runCli, tempDir, writeTree, type CliResult } from './support/cli.js';

const DEPLOYMENT = (name: string, ns?: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: ${name}
        image: nginx:1.27
        securityContext:
          privileged: true
`;

const PLAIN_POD = `apiVersion: v1
kind: Pod
metadata: {name: plain, namespace: shop}
spec:
  hostNetwork: true
  containers: [{name: a, image: nginx:1.27}]
`;

/** A directory of executables (shell scripts), to put first on PATH. */
function fakeBin(scripts: Record<string, string>): string {
  const dir = tempDir('palisade-bin-');
  for (const [name, body] of Object.entries(scripts)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`);
    fs.chmodSync(file, 0o755);
  }
  return dir;
}

function parse(out: CliResult, code: number): ScanReport {
  assert.equal(out.code, code, `exit ${out.code}\nstderr: ${out.stderr}`);
  return JSON.parse(out.stdout) as ScanReport;
}

const fromInput = (r: ScanReport) => r.resources.filter((x) => x.source.type !== 'derived');

describe('kustomize with the real kubectl', () => {
  let root: string;
  let r: ScanReport;
  let pretty: CliResult;
  const appDir = () => path.join(root, 'overlays', 'prod');

  before(() => {
    // Fail, do not skip, when there is no renderer: `npm test` brings kubectl (scripts/test-tools.mjs).
    assert.ok(which('kubectl') ?? which('kustomize'), 'neither kubectl nor kustomize is on PATH: run the tests with npm test');
    root = writeTree(tempDir(), {
      'base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
      'base/deployment.yaml': DEPLOYMENT('api'),
      'overlays/prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\nresources:\n- ../../base\n- configmap.yaml\n',
      'overlays/prod/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {color: blue}\n',
      // In the kustomization's directory but not one of its resources: kustomize leaves it out, so does Palisade.
      'overlays/prod/unused.yaml': DEPLOYMENT('unused', 'prod'),
      'plain.yaml': PLAIN_POD,
    });
    r = parse(runCli(['scan', 'overlays', 'plain.yaml', '--format', 'json'], { cwd: root }), 0);
    pretty = runCli(['scan', 'overlays', 'plain.yaml'], { cwd: root });
  });

  it('scans what kustomize builds: namespace and name prefix applied, unlisted files left out', () => {
    const ids = fromInput(r).map((x) => x.id).sort();
    assert.deepEqual(ids, ['/v1/prod/ConfigMap/prod-settings', '/v1/shop/Pod/plain', 'apps/v1/prod/Deployment/prod-api']);
  });

  it('marks the resources as rendered by kustomize from the overlay directory, each in the file it came from', () => {
    const files = Object.fromEntries(fromInput(r).filter((x) => x.namespace === 'prod').map((x) => {
      assert.equal(x.source.renderedBy, 'kustomize', x.id);
      assert.deepEqual(x.source.rendered, { from: path.join('overlays', 'prod') }, x.id);
      return [x.kind, x.source.file];
    }));
    assert.deepEqual(files, { ConfigMap: path.join('overlays', 'prod', 'configmap.yaml'), Deployment: path.join('base', 'deployment.yaml') });
    assert.equal(fromInput(r).find((x) => x.name === 'plain')?.source.renderedBy, undefined);
  });

  it('points findings at the base file and line, and plain files keep their lines', () => {
    const f = r.findings.find((x) => x.controlId === 'privileged-container' && x.resourceId === 'apps/v1/prod/Deployment/prod-api');
    assert.ok(f);
    assert.equal(f.paths[0].path, 'spec.template.spec.containers[0].securityContext.privileged');
    assert.deepEqual(f.paths[0].location, {
      file: path.join('base', 'deployment.yaml'), line: 16, column: 11, endLine: 16, endColumn: 27, exact: true, rendered: { from: path.join('overlays', 'prod') },
    });
    const plain = r.findings.find((x) => x.controlId === 'host-network')!;
    assert.deepEqual(plain.paths[0].location, { file: 'plain.yaml', line: 5, column: 3, endLine: 5, endColumn: 20, exact: true });
    assert.equal(pretty.code, 0, pretty.stderr);
    assert.ok(pretty.stdout.includes(`    Deployment prod/prod-api\n      ${path.join('base', 'deployment.yaml')}:16:11  container "api" is privileged`), pretty.stdout);
  });

  it('does not scan kustomization.yaml itself or the base\'s files a second time', () => {
    const all = parse(runCli(['scan', '.', '--format', 'json'], { cwd: root }), 0);
    // base/ and overlays/prod are both kustomizations: each is built once; base alone gives the unprefixed Deployment
    assert.deepEqual(fromInput(all).map((x) => x.id).sort(), [
      '/v1/prod/ConfigMap/prod-settings', '/v1/shop/Pod/plain', 'apps/v1//Deployment/api', 'apps/v1/prod/Deployment/prod-api',
    ]);
    assert.equal(all.summary.ignoredDocuments, 0);
  });

  it('a kustomization kubectl cannot build is an input error naming the directory, exit 3; the rest is scanned', () => {
    const dir = writeTree(tempDir(), {
      'broken/kustomization.yaml': 'resources:\n- does-not-exist.yaml\n',
      'plain.yaml': PLAIN_POD,
    });
    const out = runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    const rep = parse(out, 3);
    assert.deepEqual(fromInput(rep).map((x) => x.name), ['plain']);
    assert.equal(rep.errors.length, 1);
    assert.equal(rep.errors[0].file, 'broken');
    assert.match(rep.errors[0].message, /^broken (kubectl kustomize|kustomize build) failed: \S/);
    assert.equal(rep.errors[0].message.split('\n').length, 1);
    assert.match(out.stderr, /palisade: 1 input error\(s\); the report covers what could be read:\n {2}broken: broken (kubectl kustomize|kustomize build) failed: /);
  });
});

describe('helm charts with the real helm', () => {
  // A chart as `helm create` lays it out: helpers in _helpers.tpl, values that switch settings on,
  // a template that renders nothing unless enabled, and a value the chart requires.
  const CHART = {
    'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\nappVersion: "1.27"\n',
    'charts/shop/values.yaml': 'replicaCount: 2\nimage: {repository: nginx, tag: "1.27"}\nprivileged: true\nservice: {type: NodePort, port: 80}\nmetrics: {enabled: false}\n',
    'charts/shop/templates/_helpers.tpl': '{{- define "shop.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end }}\n'
      + '{{- define "shop.labels" -}}app.kubernetes.io/name: {{ .Chart.Name }}{{- end }}\n',
    'charts/shop/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}
  namespace: {{ .Release.Namespace }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      {{- include "shop.labels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "shop.labels" . | nindent 8 }}
    spec:
      containers:
      - name: web
        image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
        securityContext:
          privileged: {{ .Values.privileged }}
`,
    'charts/shop/templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ include "shop.fullname" . }}
  namespace: {{ .Release.Namespace }}
spec:
  type: {{ .Values.service.type }}
  selector:
    {{- include "shop.labels" . | nindent 4 }}
  ports:
  - port: {{ .Values.service.port }}
`,
    'charts/shop/templates/metrics.yaml': '{{- if .Values.metrics.enabled }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: metrics\n{{- end }}\n',
    'charts/shop/templates/NOTES.txt': 'Thank you for installing {{ .Chart.Name }}.\n',
  };
  let r: ScanReport;

  before(() => {
    assert.ok(which('helm'), 'helm is not on PATH: run the tests with npm test (scripts/test-tools.mjs brings it)');
    const dir = writeTree(tempDir(), CHART);
    r = parse(runCli(['scan', '.', '--format', 'json'], { cwd: dir }), 0);
  });

  it('scans what `helm template` renders: helpers expanded, values applied, disabled templates absent', () => {
    assert.deepEqual(fromInput(r).map((x) => x.id).sort(), ['/v1/default/Service/release-name-shop', 'apps/v1/default/Deployment/release-name-shop']);
    assert.equal(r.errors.length, 0, JSON.stringify(r.errors));
    for (const res of fromInput(r)) {
      assert.equal(res.source.renderedBy, 'helm');
      assert.equal(res.source.file, path.join('charts', 'shop', 'templates', `${res.kind.toLowerCase()}.yaml`));
      assert.equal(res.source.origin, `shop/templates/${res.kind.toLowerCase()}.yaml`);
      assert.equal(res.source.rendered?.from, path.join('charts', 'shop'));
    }
  });

  it('judges the rendered values: privileged from values.yaml, the NodePort Service exposing the Deployment', () => {
    const priv = r.findings.find((f) => f.controlId === 'privileged-container');
    assert.equal(priv?.resourceId, 'apps/v1/default/Deployment/release-name-shop');
    const exposed = r.findings.find((f) => f.controlId === 'externally-exposed');
    assert.ok(exposed && /release-name-shop/.test(exposed.message), JSON.stringify(exposed));
  });

  it('a chart whose template fails (a value is missing) is an input error naming the value, exit 3', () => {
    const dir = writeTree(tempDir(), {
      ...CHART,
      'charts/shop/templates/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  password: {{ .Values.db.password }}\n',
      'plain.yaml': PLAIN_POD,
    });
    const out = runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    const rep = parse(out, 3);
    assert.deepEqual(fromInput(rep).map((x) => x.name), ['plain']);
    assert.equal(rep.errors.length, 1);
    assert.equal(rep.errors[0].file, path.join('charts', 'shop'));
    // helm 4 writes the error over three lines; the indented ones name the template and the value
    assert.match(rep.errors[0].message, /^charts\/shop helm template failed: Error: shop\/templates\/secret\.yaml:5:\d+ executing "shop\/templates\/secret\.yaml" at <\.Values\.db\.password>: nil pointer/);
    // (a value `required` asks for is named too: render-helm.test.ts)
  });
});

describe('fake renderers on PATH', () => {
  const env = (bin: string) => ({ PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` });

  it('kustomize on PATH is preferred: called on a temporary kustomization wrapping the directory, then on the directory when that fails', () => {
    const log = path.join(tempDir(), 'calls.log');
    const wrapper = path.join(tempDir(), 'wrapper.yaml');
    // this fake knows no buildMetadata: it fails on the wrapper (keeping a copy of it), and builds the directory itself
    const bin = fakeBin({
      kustomize: `echo "$@" >> '${log}'\nif [ -f "$2/rendered.yaml" ]; then cat "$2/rendered.yaml"; else cp "$2/kustomization.yaml" '${wrapper}'; echo "Error: unknown field buildMetadata" >&2; exit 1; fi`,
      kubectl: `echo "kubectl must not be called" >&2; exit 99`,
    });
    const dir = writeTree(tempDir(), {
      'app/kustomization.yaml': 'resources: [whatever.yaml]\n',
      'app/rendered.yaml': `${DEPLOYMENT('from-fake-kustomize', 'shop')}---\napiVersion: v1\nkind: Service\nmetadata: {name: svc, namespace: shop}\nspec: {type: NodePort, selector: {app: from-fake-kustomize}, ports: [{port: 80}]}\n`,
    });
    const r = parse(runCli(['scan', dir, '--format', 'json'], { env: env(bin) }), 0);
    const calls = fs.readFileSync(log, 'utf8').split('\n');
    assert.match(calls[0], /^build \/.*\/palisade-kustomize-[^/]+$/);
    assert.deepEqual(calls.slice(1), [`build ${path.join(dir, 'app')}`, '']);
    const wrapped = JSON.parse(fs.readFileSync(wrapper, 'utf8'));
    const tmp = calls[0].slice('build '.length);
    assert.deepEqual(wrapped, {
      apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization',
      resources: [path.relative(tmp, fs.realpathSync(path.join(dir, 'app')))], buildMetadata: ['originAnnotations'],
    });
    assert.equal(fs.existsSync(tmp), false, 'the temporary kustomization is removed');
    // without origins, the objects are placed at the directory
    assert.deepEqual(r.findings.find((f) => f.controlId === 'privileged-container')?.paths[0].location, {
      file: path.join(dir, 'app'), renderedBy: 'kustomize', exact: false, rendered: { from: path.join(dir, 'app') },
    });
    assert.deepEqual(fromInput(r).map((x) => `${x.kind}/${x.name}/${x.source.renderedBy}`).sort(), ['Deployment/from-fake-kustomize/kustomize', 'Service/svc/kustomize']);
    // relations between rendered resources still work: the NodePort service exposes the deployment
    const exposed = r.findings.find((f) => f.controlId === 'externally-exposed');
    assert.ok(exposed && /from-fake-kustomize/.test(exposed.message), JSON.stringify(exposed));
  });

  describe('helm', () => {
    let log: string;
    let bin: string;
    let dir: string;
    let r: ScanReport;
    let pretty: CliResult;

    before(() => {
      log = path.join(tempDir(), 'calls.log');
      // What `helm template` prints: each document after `---` and a `# Source:` comment.
      bin = fakeBin({
        helm: `echo "$@" >> '${log}'
[ "$1" = template ] && [ "$2" = release-name ] || { echo "unexpected arguments: $*" >&2; exit 2; }
cat <<'EOF'
---
# Source: shop/templates/serviceaccount.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: release-name-shop
  labels:
    helm.sh/chart: shop-0.1.0
---
# Source: shop/templates/deployment.yaml
${DEPLOYMENT('release-name-shop').trimEnd()}
EOF`,
      });
      dir = writeTree(tempDir(), {
        'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
        'charts/shop/values.yaml': 'replicaCount: 1\n',
        'charts/shop/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "shop.fullname" . }}\n',
        'plain.yaml': PLAIN_POD,
      });
      r = parse(runCli(['scan', '.', '--format', 'json'], { cwd: dir, env: env(bin) }), 0);
      pretty = runCli(['scan', '.'], { cwd: dir, env: env(bin) });
    });

    it('renders a chart directory (found at any depth) with `helm template release-name DIR`, templates left to helm', () => {
      assert.equal(fs.readFileSync(log, 'utf8').split('\n')[0], `template release-name ${path.join('charts', 'shop')}`);
      assert.deepEqual(fromInput(r).map((x) => x.id).sort(), ['/v1//ServiceAccount/release-name-shop', '/v1/shop/Pod/plain', 'apps/v1//Deployment/release-name-shop']);
      assert.equal(r.errors.length, 0, 'the raw templates ({{ }}) are not parsed as manifests');
    });

    it('records the template each resource came from (# Source:) and that helm rendered it; a template that is no file here: the chart', () => {
      const bySource = Object.fromEntries(fromInput(r).filter((x) => x.source.renderedBy).map((x) => [x.kind, x.source]));
      assert.equal(bySource.Deployment.origin, 'shop/templates/deployment.yaml');
      assert.equal(bySource.Deployment.file, path.join('charts', 'shop', 'templates', 'deployment.yaml'));
      assert.equal(bySource.ServiceAccount.origin, 'shop/templates/serviceaccount.yaml');
      assert.equal(bySource.ServiceAccount.file, path.join('charts', 'shop'), 'the fake helm wrote it from a template the chart does not have');
      for (const s of Object.values(bySource)) {
        assert.equal(s.renderedBy, 'helm');
        assert.equal(s.rendered?.from, path.join('charts', 'shop'));
      }
    });

    it('points findings at the template: the nearest line that certainly wrote the field (here the first), with the rendered line', () => {
      const f = r.findings.find((x) => x.controlId === 'privileged-container')!;
      assert.deepEqual(f.paths[0].location, {
        file: path.join('charts', 'shop', 'templates', 'deployment.yaml'), line: 1, column: 1, exact: false,
        rendered: { from: path.join('charts', 'shop'), line: 26, column: 11 },
      });
      assert.equal(pretty.code, 0);
      assert.ok(pretty.stdout.includes(`      ${path.join('charts', 'shop', 'templates', 'deployment.yaml')}:1:1  container "release-name-shop" is privileged`), pretty.stdout);
      const sa = r.findings.find((x) => x.resourceId === '/v1//ServiceAccount/release-name-shop' && x.paths.length);
      if (sa) assert.equal(sa.paths[0].location?.renderedBy, 'helm');
    });
  });

  for (const renderer of ['helm', 'kustomize'] as const) {
    it(`${renderer} failing (non-zero exit, stderr): an input error with its first line, exit 3, the rest scanned`, () => {
      const bin = fakeBin({
        [renderer]: `echo "Error: template: shop/templates/secret.yaml:7:20: executing \\"secret\\" at <.Values.db.password>: nil pointer" >&2
echo "password: CANARY-RENDERER-STDERR-SECRET" >&2
exit 1`,
      });
      const dir = writeTree(tempDir(), {
        [renderer === 'helm' ? 'chart/Chart.yaml' : 'chart/kustomization.yaml']: renderer === 'helm' ? 'apiVersion: v2\nname: shop\nversion: 0.1.0\n' : 'resources: []\n',
        'plain.yaml': PLAIN_POD,
      });
      const out = runCli(['scan', '.', '--format', 'json'], { cwd: dir, env: env(bin) });
      const r = parse(out, 3);
      assert.deepEqual(fromInput(r).map((x) => x.name), ['plain'], 'the other files are scanned');
      assert.ok(r.findings.some((f) => f.controlId === 'host-network'));
      const label = renderer === 'helm' ? 'helm template' : 'kustomize build';
      assert.deepEqual(r.errors, [{
        file: 'chart',
        message: `chart ${label} failed: Error: template: shop/templates/secret.yaml:7:20: executing "secret" at <.Values.db.password>: nil pointer`,
      }]);
      assert.ok(!out.stdout.includes('CANARY-RENDERER-STDERR-SECRET') && !out.stderr.includes('CANARY-RENDERER-STDERR-SECRET'), 'later stderr lines are not repeated');
      assert.match(out.stderr, new RegExp(`\\n {2}chart: chart ${label} failed: Error: template: `));
    });
  }

  it('a renderer that exits 0 with a broken document: that document is an input error naming the template, not a made-up line of the directory', () => {
    const bin = fakeBin({
      helm: `printf '%s\\n' '---' '# Source: shop/templates/a.yaml' 'apiVersion: v1' 'kind: ConfigMap' 'metadata: {name: ok}' \\
        '---' '# Source: shop/templates/b.yaml' 'apiVersion: v1' 'kind: ConfigMap' 'metadata:' '  name: broken' '   bad: indent' \\
        '---' '# Source: shop/templates/NOTES.yaml' 'just: values' '---' '# Source: shop/templates/c.yaml' 'apiVersion: v1' 'kind: ConfigMap' 'metadata: {name: after}'`,
    });
    const dir = writeTree(tempDir(), { 'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n' });
    const out = runCli(['scan', '.', '--format', 'json', '--verbose'], { cwd: dir, env: env(bin) });
    const r = parse(out, 3);
    assert.deepEqual(fromInput(r).map((x) => x.name), ['ok', 'after']);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].file, 'chart');
    assert.equal(r.errors[0].line, undefined, 'no line: the rendered output is not a file');
    assert.match(r.errors[0].message, /^line 12:\d+ of the helm template output \(shop\/templates\/b\.yaml\): invalid YAML/);
    assert.match(out.stderr, /\n {2}chart: line 12:\d+ of the helm template output \(shop\/templates\/b\.yaml\): /);
    assert.deepEqual(r.ignored, [{ file: 'chart', reason: 'line 15 of the helm template output (shop/templates/NOTES.yaml): not a Kubernetes object (no apiVersion and kind)' }]);
  });

});

describe('no renderer installed', () => {
  let out: CliResult;
  let pretty: CliResult;
  let r: ScanReport;

  before(() => {
    // PATH is a directory with nothing in it: the CLI itself runs on process.execPath.
    const emptyBin = tempDir('palisade-empty-path-');
    assert.equal(which('kubectl', emptyBin), undefined);
    const dir = writeTree(tempDir(), {
      'app/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'app/deployment.yaml': DEPLOYMENT('api', 'shop'),
      'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
      'chart/templates/deployment.yaml': DEPLOYMENT('templated', 'shop'),
      'plain.yaml': PLAIN_POD,
    });
    out = runCli(['scan', '.', '--format', 'json'], { cwd: dir, env: { PATH: emptyBin } });
    r = parse(out, 3);
    pretty = runCli(['scan', '.'], { cwd: dir, env: { PATH: emptyBin } });
  });

  it('exit 3, and the other files are still scanned', () => {
    assert.deepEqual(fromInput(r).map((x) => x.name), ['plain']);
    assert.ok(r.findings.some((f) => f.controlId === 'host-network'));
  });

  it('says what to install, per directory, on stderr and in the report', () => {
    const byFile = Object.fromEntries(r.errors.map((e) => [e.file, e.message]));
    assert.deepEqual(Object.keys(byFile).sort(), ['app', 'chart']);
    assert.match(byFile.app, /^app is a Kustomize directory, but neither kustomize nor kubectl is on PATH: install kubectl \(it includes kustomize\) or kustomize to scan it/);
    assert.match(byFile.chart, /^chart is a Helm chart, but helm is not on PATH: install helm \(https:\/\/helm\.sh\) to scan it/);
    assert.match(out.stderr, /palisade: 2 input error\(s\); the report covers what could be read:\n/);
    assert.match(out.stderr, /\n {2}app: app is a Kustomize directory, but neither kustomize nor kubectl is on PATH: install kubectl/);
    assert.match(out.stderr, /\n {2}chart: chart is a Helm chart, but helm is not on PATH: install helm/);
    assert.equal(r.summary.documents, r.summary.resources + r.summary.ignoredDocuments + r.summary.errors, 'nothing silently lost');
  });

  it('the pretty report lists them as input errors too', () => {
    assert.equal(pretty.code, 3);
    assert.match(pretty.stdout, /\nInput errors \(these parts of the input were not scanned\):\n {4}app: app is a Kustomize directory, but neither kustomize nor kubectl is on PATH: install kubectl/);
    assert.match(pretty.stdout, /\n {4}chart: chart is a Helm chart, but helm is not on PATH: install helm/);
    assert.match(pretty.stdout, /HIGH {5}host-network/);
  });
});
