// The config file (.palisade.yaml found from the scanned paths, or --config) and the CI gates, through the CLI:
// which file is used, errors that name file:line:column, the inputs controls read, disabled
// controls, default gates and flags overriding them, and exit codes exactly as DESIGN.md sets them
// (0 done, 1 gate tripped, 2 wrong invocation, 3 input not readable — 3 wins over 1).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
import { runCli, tempDir, writeTree, type CliResult } from './support/cli.js';
import { frameworkNames } from '../src/frameworks/index.js';

const PRIVILEGED = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - name: app
    image: docker.io/library/nginx:1.27
    securityContext: {privileged: true}
`;

function json(out: CliResult): ScanReport {
  assert.equal(out.code, 0, `exit ${out.code}\nstderr: ${out.stderr}`);
  return JSON.parse(out.stdout) as ScanReport;
}
const control = (r: ScanReport, id: string) => {
  const c = r.controls.find((x) => x.id === id);
  assert.ok(c, `control ${id} in the report`);
  return c;
};
const failedOn = (r: ScanReport, id: string) => r.findings.filter((f) => f.controlId === id && f.status === 'failed').map((f) => f.resourceId).sort();

function usageError(out: CliResult, pattern: RegExp): void {
  assert.equal(out.code, 2, `exit ${out.code}\nstderr: ${out.stderr}`);
  assert.equal(out.stdout, '', 'no report on a wrong invocation');
  assert.match(out.stderr, pattern);
}

describe('config file: which one is used', () => {
  it('.palisade.yaml at the scan root (the first directory given) is read, and is not scanned as a manifest', () => {
    const dir = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED, '.palisade.yaml': 'disabledControls: [privileged-container]\n' });
    const r = json(runCli(['scan', dir, '--format', 'json']));
    assert.equal(r.controls.find((c) => c.id === 'privileged-container'), undefined);
    assert.equal(r.summary.documents, 1);
    assert.equal(r.summary.ignoredDocuments, 0);
  });

  it('.palisade.yml works too', () => {
    const dir = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED, '.palisade.yml': 'disabledControls: [C-0057]\n' });
    assert.equal(json(runCli(['scan', dir, '--format', 'json'])).controls.find((c) => c.id === 'privileged-container'), undefined);
  });

  it('the first path with a config decides; another path\'s own config is named in a warning', () => {
    const root = writeTree(tempDir(), {
      'first/pod.yaml': PRIVILEGED,
      'second/.palisade.yaml': 'disabledControls: [privileged-container]\n',
      'second/other.yaml': PRIVILEGED.replace('name: web', 'name: other'),
      'third/.palisade.yaml': 'disabledControls: [host-network]\n',
      'third/pod.yaml': PRIVILEGED.replace('name: web', 'name: third'),
    });
    const [first, second, third] = ['first', 'second', 'third'].map((d) => path.join(root, d));
    // first has none up to the file-system root: second's is the nearest config a path has
    const r = json(runCli(['scan', first, second, '--format', 'json']));
    assert.equal(r.controls.find((c) => c.id === 'privileged-container'), undefined);
    assert.deepEqual(r.config, { file: path.join(second, '.palisade.yaml') });
    const both = runCli(['scan', third, second, '--format', 'json']);
    const r2 = json(both);
    assert.deepEqual(r2.config, { file: path.join(third, '.palisade.yaml') });
    assert.equal(control(r2, 'privileged-container').status, 'failed');
    assert.equal(r2.controls.find((c) => c.id === 'host-network'), undefined);
    const warning = `${path.join(second, '.palisade.yaml')} is not used for ${second}: a scan has one config, and ${path.join(third, '.palisade.yaml')} came first (use --config to choose)`;
    assert.ok(r2.warnings.includes(warning), r2.warnings.join('\n'));
    assert.ok(both.stderr.includes(`palisade: warning: ${warning}`), both.stderr);
  });

  it('scanning a file, the current directory\'s .palisade.yaml is used', () => {
    const dir = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED, '.palisade.yaml': 'disabledControls: [privileged-container]\n' });
    const r = json(runCli(['scan', 'pod.yaml', '--format', 'json'], { cwd: dir }));
    assert.equal(r.controls.find((c) => c.id === 'privileged-container'), undefined);
  });

  it('--config FILE is used instead of the scan root\'s', () => {
    const dir = writeTree(tempDir(), {
      'pod.yaml': PRIVILEGED,
      '.palisade.yaml': 'disabledControls: [privileged-container]\n',
      'elsewhere/ci.yaml': 'disabledControls: [host-network]\n',
    });
    const r = json(runCli(['scan', dir, '--config', path.join(dir, 'elsewhere/ci.yaml'), '--format', 'json']));
    assert.equal(control(r, 'privileged-container').status, 'failed');
    assert.equal(r.controls.find((c) => c.id === 'host-network'), undefined);
    // ...and a config passed with --config is not scanned either when it sits among the manifests
    assert.equal(r.summary.documents, 2, 'pod.yaml and elsewhere/ci.yaml (a non-Kubernetes document)');
  });

  it('a missing --config file is exit 2 naming it', () => {
    const dir = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED });
    usageError(runCli(['scan', dir, '--config', path.join(dir, 'nope.yaml')]), /config file not found: .*nope\.yaml/);
  });

  it('an empty config file is the defaults', () => {
    const dir = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED, '.palisade.yaml': '# nothing configured yet\n' });
    assert.equal(control(json(runCli(['scan', dir, '--format', 'json'])), 'privileged-container').status, 'failed');
  });
});

describe('config file: errors name file:line:column', () => {
  const cases: Array<[title: string, config: string, line: number, column: number, message: RegExp]> = [
    ['an unknown top-level key', 'framework: nsa-cisa\nfailOn: high\n', 2, 1, /failOn: unknown key "failOn" \(known: framework, frameworks, inputs, /],
    ['an unknown key under inputs', 'inputs:\n  allowedRegistries: [ghcr.io]\n  allowedRegistry: [docker.io]\n', 3, 3, /inputs\.allowedRegistry: unknown key "allowedRegistry"/],
    ['an unknown gate', 'gates:\n  failOn: high\n  maxRisk: 10\n', 3, 3, /gates\.maxRisk: unknown key "maxRisk"/],
    ['a string where a list is needed', 'disabledControls: privileged-container\n', 1, 1, /disabledControls: must be a list of strings/],
    ['a number in a list of strings', 'inputs:\n  dangerousCapabilities:\n    - SYS_ADMIN\n    - 42\n', 4, 7, /inputs\.dangerousCapabilities\.1: must be a string/],
    ['a quoted number for a percentage', 'gates:\n  complianceThreshold: "80"\n', 2, 3, /gates\.complianceThreshold: complianceThreshold must be a number from 0 to 100/],
    ['an unknown severity', 'gates:\n  failOn: severe\n', 2, 3, /gates\.failOn: .*unknown severity "severe"/],
    ['a percentage out of range', 'gates:\n  minCoverage: 150\n', 2, 3, /gates\.minCoverage: .*expected a number from 0 to 100, got "150"/],
    ['a mapping where a list is needed', 'inputs:\n  allowedRegistries: {docker.io: true}\n', 2, 3, /inputs\.allowedRegistries: must be a list of strings/],
    ['an invalid regular expression', 'inputs:\n  sensitiveValuePatterns: ["ok", "(unclosed"]\n', 2, 34, /inputs\.sensitiveValuePatterns\.1: not a valid regular expression/],
    ['an invalid regular expression in a name allow-list', 'inputs:\n  sensitiveKeyNamesAllowed:\n  - "[unclosed"\n', 3, 5, /inputs\.sensitiveKeyNamesAllowed\.0: not a valid regular expression/],
    ['an invalid regular expression in a value allow-list', 'inputs:\n  sensitiveValuesAllowed: ["*x"]\n', 2, 28, /inputs\.sensitiveValuesAllowed\.0: not a valid regular expression/],
  ];
  for (const [title, config, line, column, message] of cases) {
    it(`${title}: exit 2 at .palisade.yaml:${line}:${column}`, () => {
      const dir = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED, '.palisade.yaml': config });
      const out = runCli(['scan', dir]);
      usageError(out, message);
      const file = path.join(dir, '.palisade.yaml');
      assert.ok(out.stderr.includes(`palisade: ${file}:${line}:${column}: `), out.stderr);
    });
  }

  it('a YAML syntax error: exit 2 with its line', () => {
    const dir = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED, 'ci.yaml': 'gates:\n  failOn: high\n    minCoverage: 50\n' });
    const out = runCli(['scan', dir, '--config', path.join(dir, 'ci.yaml')]);
    usageError(out, new RegExp(`${path.join(dir, 'ci.yaml').replace(/[.]/g, '\\.')}:3:\\d+: `));
  });

  it('an unknown control in disabledControls: exit 2 naming it', () => {
    const dir = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED, '.palisade.yaml': 'disabledControls: [privileged-container, C-4242]\n' });
    const out = runCli(['scan', dir]);
    usageError(out, /\.palisade\.yaml:1:42: disabledControls\.1: unknown control "C-4242"/);
    const typo = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED, '.palisade.yaml': 'disabledControls: [privileged-containr]\n' });
    usageError(runCli(['scan', typo]), /disabledControls\.0: unknown control "privileged-containr"; did you mean "privileged-container"\?/);
  });

  it('every error of the file at once, one line each, in file order, with a suggestion when a name is close', () => {
    const config = [
      'gates:',
      '  minCoverage: 150',
      '  failon: high',
      'exludeNamespaces: [kube-system]',
      'framework: nsa-ciss',
      'inputs:',
      '  alowedRegistries: [ghcr.io/acme]',
      '  dangerousCapabilities: [SYS_ADMIN, 42]',
      'exceptions:',
      '- controls: [privileged-containr]',
      '  reason: ""',
      '- controls: [host-network]',
      '  reason: fine',
      '  expires: 2027-13-01',
      'maxRisk: 10',
      '',
    ].join('\n');
    const dir = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED, '.palisade.yaml': config });
    const out = runCli(['scan', dir]);
    assert.equal(out.code, 2, out.stderr);
    assert.equal(out.stdout, '');
    const file = path.join(dir, '.palisade.yaml');
    assert.deepEqual(out.stderr.trimEnd().split('\n'), [
      `palisade: ${file}:2:3: gates.minCoverage: minCoverage: expected a number from 0 to 100, got "150"`,
      `palisade: ${file}:3:3: gates.failon: unknown key "failon"; did you mean "failOn"?`,
      `palisade: ${file}:4:1: exludeNamespaces: unknown key "exludeNamespaces"; did you mean "excludeNamespaces"?`,
      `palisade: ${file}:5:1: framework: unknown framework "nsa-ciss"; did you mean "nsa-cisa"? (known: ${frameworkNames().join(', ')})`,
      `palisade: ${file}:7:3: inputs.alowedRegistries: unknown key "alowedRegistries"; did you mean "allowedRegistries"?`,
      `palisade: ${file}:8:38: inputs.dangerousCapabilities.1: must be a string`,
      `palisade: ${file}:10:14: exceptions.0.controls.0: "privileged-containr" names no control; did you mean "privileged-container"? (see 'palisade list controls')`,
      `palisade: ${file}:11:3: exceptions.0.reason: a reason is required`,
      `palisade: ${file}:14:3: exceptions.1.expires: must be a date written YYYY-MM-DD (quote it), got "2027-13-01"`,
      `palisade: ${file}:15:1: maxRisk: unknown key "maxRisk" (known: framework, frameworks, inputs, disabledControls, includeNamespaces, excludeNamespaces, annotationExceptions, gates, exceptions)`,
    ]);
  });

  it('an exceptions file reports every error at once too', () => {
    const dir = writeTree(tempDir(), {
      'pod.yaml': PRIVILEGED,
      'exceptions.yaml': 'exceptions:\n- controls: [C-9999]\n  reason: a\n- controls: [host-network]\n  reasn: b\n',
    });
    const file = path.join(dir, 'exceptions.yaml');
    const out = runCli(['scan', dir, '--exceptions', file]);
    assert.equal(out.code, 2, out.stderr);
    const lines = out.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 3, out.stderr);
    assert.match(lines[0], new RegExp(`^palisade: ${file.replace(/[.]/g, '\\.')}:2:14: exceptions\\.0\\.controls\\.0: "C-9999" names no control`));
    assert.match(lines[1], /:4:3: exceptions\.1\.reason: must be a string$/);
    assert.match(lines[2], /:5:3: exceptions\.1\.reasn: unknown key "reasn"; did you mean "reason"\?$/);
  });

  it('a config that is not a mapping: exit 2', () => {
    const dir = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED, '.palisade.yaml': '- privileged-container\n' });
    usageError(runCli(['scan', dir]), /:1:1: the document: must be a mapping/);
  });
});

describe('config file: inputs', () => {
  it('allowedRegistries: image-registry-not-allowed is skipped, with what to set, until it is configured', () => {
    const dir = writeTree(tempDir(), {
      'pods.yaml': `${PRIVILEGED}---
apiVersion: v1
kind: Pod
metadata: {name: internal, namespace: shop}
spec:
  containers:
  - {name: app, image: "ghcr.io/acme/shop/api:2.1"}
  initContainers:
  - {name: init, image: "quay.io/acme/migrate:1"}
`,
    });
    const before = json(runCli(['scan', dir, '--format', 'json']));
    const skipped = control(before, 'image-registry-not-allowed');
    assert.equal(skipped.status, 'skipped');
    assert.match(skipped.reason!, /allowedRegistries is not configured: set inputs\.allowedRegistries in \.palisade\.yaml/);

    fs.writeFileSync(path.join(dir, '.palisade.yaml'), 'inputs:\n  allowedRegistries: [ghcr.io/acme]\n');
    const after = json(runCli(['scan', dir, '--format', 'json']));
    const c = control(after, 'image-registry-not-allowed');
    assert.equal(c.status, 'failed');
    assert.deepEqual(c.counts, { evaluated: 2, passed: 0, failed: 2, excepted: 0 });
    const internal = after.findings.find((f) => f.controlId === 'image-registry-not-allowed' && f.resourceId === '/v1/shop/Pod/internal')!;
    assert.deepEqual(internal.paths.map((p) => p.path), ['spec.initContainers[0].image'], 'the ghcr.io/acme image passes, the quay.io one fails');
    assert.match(internal.message, /quay\.io/);

    fs.writeFileSync(path.join(dir, '.palisade.yaml'), 'inputs:\n  allowedRegistries: [ghcr.io/acme, quay.io/acme, docker.io]\n');
    assert.equal(control(json(runCli(['scan', dir, '--format', 'json'])), 'image-registry-not-allowed').status, 'passed');
  });

  it('sensitiveKeyNames: a name configured as sensitive makes a literal env value a credential (never printed)', () => {
    const dir = writeTree(tempDir(), {
      'pod.yaml': `apiVersion: v1
kind: Pod
metadata: {name: pay, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.27
    env:
    - {name: CARD_PIN, value: "8642-CANARY-PIN-VALUE"}
`,
    });
    const defaults = json(runCli(['scan', dir, '--format', 'json']));
    assert.deepEqual(failedOn(defaults, 'credentials-in-config'), []);
    fs.writeFileSync(path.join(dir, '.palisade.yaml'), 'inputs:\n  sensitiveKeyNames: [pin]\n');
    const out = runCli(['scan', dir, '--format', 'json']);
    const r = json(out);
    assert.deepEqual(failedOn(r, 'credentials-in-config'), ['/v1/shop/Pod/pay']);
    assert.ok(!out.stdout.includes('8642-CANARY-PIN-VALUE'));
    const pretty = runCli(['scan', dir, '--verbose']);
    assert.match(pretty.stdout, /CARD_PIN/);
    assert.ok(!pretty.stdout.includes('8642-CANARY-PIN-VALUE'));
  });

  it('sensitiveKeyNamesAllowed and sensitiveValuesAllowed narrow the credential rules; a value rule still applies to an allowed name', () => {
    const token = `ghp_${'CANARYallow'.repeat(3)}abc`;
    const dir = writeTree(tempDir(), {
      'pod.yaml': `apiVersion: v1
kind: Pod
metadata: {name: pay, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.27
    env:
    - {name: FEATURE_TOKEN, value: "CANARY-flag-value"}
    - {name: DB_PASSWORD, value: "fixture-CANARY-password"}
    - {name: GH_TOKEN, value: ${token}}
`,
    });
    const paths = (r: ScanReport) => r.findings.filter((f) => f.controlId === 'credentials-in-config').flatMap((f) => f.paths.map((p) => p.path));
    assert.deepEqual(paths(json(runCli(['scan', dir, '--format', 'json']))), ['spec.containers[0].env[0].value', 'spec.containers[0].env[1].value', 'spec.containers[0].env[2].value']);
    fs.writeFileSync(path.join(dir, '.palisade.yaml'), 'inputs:\n  sensitiveKeyNamesAllowed: [^feature_token$, ^gh_token$]\n  sensitiveValuesAllowed: [^fixture-]\n');
    const out = runCli(['scan', dir, '--format', 'json']);
    assert.deepEqual(paths(json(out)), ['spec.containers[0].env[2].value']);
    assert.ok(!/CANARY/.test(out.stdout), 'no value printed');
  });

  it('dangerousCapabilities: the configured list replaces the default one', () => {
    const dir = writeTree(tempDir(), {
      'pod.yaml': `apiVersion: v1
kind: Pod
metadata: {name: caps, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities:
        add: [CHOWN]
`,
    });
    assert.equal(control(json(runCli(['scan', dir, '--format', 'json'])), 'dangerous-capabilities').status, 'passed');
    fs.writeFileSync(path.join(dir, '.palisade.yaml'), 'inputs:\n  dangerousCapabilities: [CHOWN, SYS_ADMIN]\n');
    const r = json(runCli(['scan', dir, '--format', 'json']));
    assert.deepEqual(failedOn(r, 'dangerous-capabilities'), ['/v1/shop/Pod/caps']);
    const f = r.findings.find((x) => x.controlId === 'dangerous-capabilities')!;
    assert.match(f.message, /CHOWN/);
    assert.equal(f.paths[0].location?.line, 10);
  });

  it('sandboxRuntimeClasses: sandboxed-runtime is skipped until set, then judges runtimeClassName', () => {
    const dir = writeTree(tempDir(), {
      'pods.yaml': `apiVersion: v1
kind: Pod
metadata: {name: sandboxed, namespace: shop}
spec:
  runtimeClassName: gvisor
  containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: plain, namespace: shop}
spec:
  runtimeClassName: runc
  containers: [{name: app, image: nginx:1.27}]
`,
    });
    const skipped = control(json(runCli(['scan', dir, '--format', 'json'])), 'sandboxed-runtime');
    assert.equal(skipped.status, 'skipped');
    assert.match(skipped.reason!, /sandboxRuntimeClasses is not configured: set inputs\.sandboxRuntimeClasses/);
    fs.writeFileSync(path.join(dir, '.palisade.yaml'), 'inputs:\n  sandboxRuntimeClasses: [gvisor, kata]\n');
    const r = json(runCli(['scan', dir, '--format', 'json']));
    assert.deepEqual(control(r, 'sandboxed-runtime').counts, { evaluated: 2, passed: 1, failed: 1, excepted: 0 });
    assert.deepEqual(failedOn(r, 'sandboxed-runtime'), ['/v1/shop/Pod/plain']);
  });

  it('includeNamespaces in the config, and the flag overriding it', () => {
    const dir = writeTree(tempDir(), {
      'pods.yaml': `${PRIVILEGED}---\n${PRIVILEGED.replace('namespace: shop', 'namespace: billing')}`,
      '.palisade.yaml': 'includeNamespaces: [billing]\n',
    });
    assert.deepEqual(failedOn(json(runCli(['scan', dir, '--format', 'json'])), 'privileged-container'), ['/v1/billing/Pod/web']);
    assert.deepEqual(failedOn(json(runCli(['scan', dir, '--format', 'json', '--include-namespaces', 'shop'])), 'privileged-container'), ['/v1/shop/Pod/web']);
  });

  it('exceptions in the config: the finding is excepted and no longer trips --fail-on', () => {
    const dir = writeTree(tempDir(), {
      'pod.yaml': PRIVILEGED,
      '.palisade.yaml': 'exceptions:\n  - controls: [C-0057]\n    resources: [{kind: Pod, namespace: shop, name: web}]\n    reason: the node agent needs it\n',
    });
    const out = runCli(['scan', dir, '--format', 'json', '--controls', 'privileged-container', '--fail-on', 'high']);
    const r = json(out);
    assert.deepEqual(r.findings.map((f) => [f.controlId, f.status]), [['privileged-container', 'excepted']]);
    assert.equal(out.stderr, '');
  });
});

describe('gates and exit codes', () => {
  let dir: string;
  let r: ScanReport;
  before(() => {
    dir = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED });
    r = json(runCli(['scan', dir, '--format', 'json']));
    // The fixture's failures: high, medium and low, no critical.
    assert.equal(r.summary.failedBySeverity.critical, 0);
    assert.ok(r.summary.failedBySeverity.high > 0 && r.summary.failedBySeverity.medium > 0 && r.summary.failedBySeverity.low > 0);
  });

  it('no gate: exit 0 whatever the findings', () => {
    const out = runCli(['scan', dir, '--quiet']);
    assert.equal(out.code, 0);
    assert.equal(out.stderr, '');
  });

  it('--fail-on trips (exit 1) on a failed finding at or above the severity, with one stderr line', () => {
    for (const [sev, expected] of [['critical', 0], ['high', 1], ['medium', 1], ['low', 1], ['HIGH', 1]] as const) {
      const out = runCli(['scan', dir, '--fail-on', sev]);
      assert.equal(out.code, expected, `--fail-on ${sev}: ${out.stderr}`);
      assert.match(out.stdout, /^Palisade /, 'the report is printed as usual');
      if (expected === 0) {
        assert.equal(out.stderr, '');
      } else {
        const lower = sev.toLowerCase() as 'high' | 'medium' | 'low';
        const rank = ['critical', 'high', 'medium', 'low'].indexOf(lower);
        const n = (['critical', 'high', 'medium', 'low'] as const).slice(0, rank + 1).reduce((s, x) => s + r.summary.failedBySeverity[x], 0);
        assert.equal(out.stderr, `palisade: gate tripped: --fail-on ${lower}: ${n} failed finding(s) at ${lower} or above\n`);
      }
    }
  });

  it('--fail-on medium does not trip on low findings only', () => {
    const lowOnly = writeTree(tempDir(), { 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers: [{name: a, image: nginx}]\n' });
    const args = ['scan', lowOnly, '--controls', 'image-not-pinned,privileged-container', '--quiet'];
    assert.equal(runCli([...args, '--fail-on', 'medium']).code, 0);
    assert.equal(runCli([...args, '--fail-on', 'low']).code, 1);
  });

  it('a skipped control never trips --fail-on', () => {
    const out = runCli(['scan', dir, '--controls', 'image-registry-not-allowed,sandboxed-runtime', '--fail-on', 'low', '--format', 'json']);
    const rr = json(out);
    assert.ok(rr.controls.every((c) => c.status === 'skipped'));
  });

  it('--compliance-threshold trips only below the framework compliance', () => {
    const compliance = r.summary.compliance!;
    assert.ok(compliance > 0 && compliance < 100);
    assert.equal(runCli(['scan', dir, '--quiet', '--compliance-threshold', String(compliance)]).code, 0);
    assert.equal(runCli(['scan', dir, '--quiet', '--compliance-threshold', '0']).code, 0);
    const out = runCli(['scan', dir, '--quiet', '--compliance-threshold', String(Math.min(100, compliance + 0.5))]);
    assert.equal(out.code, 1);
    assert.equal(out.stderr, `palisade: gate tripped: --compliance-threshold ${Math.min(100, compliance + 0.5)}: nsa-cisa compliance is ${compliance}%\n`);
  });

  it('skipped controls do not lower compliance', () => {
    const evaluatedOnly = json(runCli(['scan', dir, '--format', 'json', '--controls', 'privileged-container,host-network']));
    const withSkipped = json(runCli(['scan', dir, '--format', 'json', '--controls', 'privileged-container,host-network,image-registry-not-allowed']));
    assert.equal(evaluatedOnly.summary.compliance, 50);
    assert.equal(withSkipped.summary.compliance, 50);
    assert.equal(runCli(['scan', dir, '--quiet', '--controls', 'privileged-container,host-network,image-registry-not-allowed', '--compliance-threshold', '50']).code, 0);
  });

  it('--compliance-threshold with nothing evaluated trips, saying compliance is unknown (a gate never passes by default)', () => {
    const out = runCli(['scan', dir, '--quiet', '--controls', 'image-registry-not-allowed', '--compliance-threshold', '10']);
    assert.equal(out.code, 1);
    assert.match(out.stderr, /--compliance-threshold 10: no control could be evaluated, so nsa-cisa compliance is unknown/);
  });

  it('--min-coverage trips when fewer than N% of the framework\'s controls were evaluated', () => {
    const coverage = r.summary.coverage;
    assert.ok(coverage > 0 && coverage < 100);
    assert.equal(runCli(['scan', dir, '--quiet', '--min-coverage', String(coverage)]).code, 0);
    const out = runCli(['scan', dir, '--quiet', '--min-coverage', '100']);
    assert.equal(out.code, 1);
    assert.equal(out.stderr, `palisade: gate tripped: --min-coverage 100: only ${coverage}% of nsa-cisa's controls could be evaluated\n`);
  });

  it('several tripped gates: one line each, exit 1', () => {
    const out = runCli(['scan', dir, '--quiet', '--fail-on', 'high', '--min-coverage', '100', '--compliance-threshold', '100']);
    assert.equal(out.code, 1);
    assert.equal(out.stderr.trimEnd().split('\n').length, 3, out.stderr);
  });

  for (const [flag, value, message] of [
    ['--fail-on', 'severe', /--fail-on: unknown severity "severe" \(one of critical, high, medium, low\)/],
    ['--fail-on', 'info', /--fail-on: unknown severity "info"/],
    ['--compliance-threshold', '120', /--compliance-threshold: expected a number from 0 to 100, got "120"/],
    ['--compliance-threshold', '-1', /--compliance-threshold: expected a number from 0 to 100, got "-1"/],
    ['--compliance-threshold', 'eighty', /--compliance-threshold: expected a number from 0 to 100, got "eighty"/],
    ['--compliance-threshold', '', /--compliance-threshold: expected a number from 0 to 100, got ""/],
    ['--min-coverage', '101', /--min-coverage: expected a number from 0 to 100, got "101"/],
    ['--min-coverage', '50%', /--min-coverage: expected a number from 0 to 100, got "50%"/],
  ] as const) {
    it(`${flag} ${JSON.stringify(value)}: exit 2, no report`, () => {
      usageError(runCli(['scan', dir, flag, value]), message);
    });
  }

  it('input errors are exit 3, and 3 wins over a tripped gate (which is still reported)', () => {
    const mixed = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED, 'broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: indent\n' });
    const noGate = runCli(['scan', mixed, '--quiet']);
    assert.equal(noGate.code, 3);
    const out = runCli(['scan', mixed, '--fail-on', 'high']);
    assert.equal(out.code, 3, out.stderr);
    assert.match(out.stdout, /HIGH {5}privileged-container/, 'the readable input is still reported');
    assert.match(out.stderr, /palisade: gate tripped: --fail-on high: /);
    assert.match(out.stderr, new RegExp(`palisade: 1 input error\\(s\\); the report covers what could be read:\\n  ${path.join(mixed, 'broken.yaml').replace(/[.]/g, '\\.')}:5:\\d+: `));
  });

  it('a usage error wins over everything: nothing is read', () => {
    const out = runCli(['scan', path.join(dir, 'does-not-exist.yaml'), '--fail-on', 'severe']);
    usageError(out, /unknown severity "severe"/);
  });
});

describe('gates from the config file', () => {
  let dir: string;
  before(() => {
    dir = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED, '.palisade.yaml': 'gates:\n  failOn: high\n  minCoverage: 10\n' });
  });

  it('apply by default', () => {
    const out = runCli(['scan', dir, '--quiet']);
    assert.equal(out.code, 1);
    assert.match(out.stderr, /gate tripped: --fail-on high: /);
  });

  it('a flag overrides the config\'s gate of the same kind, and leaves the others', () => {
    assert.equal(runCli(['scan', dir, '--quiet', '--fail-on', 'critical']).code, 0);
    const out = runCli(['scan', dir, '--quiet', '--fail-on', 'critical', '--min-coverage', '100']);
    assert.equal(out.code, 1);
    assert.match(out.stderr, /--min-coverage 100: /);
    assert.doesNotMatch(out.stderr, /--fail-on/);
  });

  it('complianceThreshold from the config, overridden by the flag', () => {
    const d = writeTree(tempDir(), { 'pod.yaml': PRIVILEGED, '.palisade.yaml': 'gates:\n  complianceThreshold: 99.5\n' });
    const out = runCli(['scan', d, '--quiet']);
    assert.equal(out.code, 1);
    assert.match(out.stderr, /--compliance-threshold 99\.5: nsa-cisa compliance is [\d.]+%/);
    assert.equal(runCli(['scan', d, '--quiet', '--compliance-threshold', '0']).code, 0);
  });
});
