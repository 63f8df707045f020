// Every JSON report validates against schema/report.schema.json (the documented contract).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CORPUS, ROOT, runCli, tempDir, writeTree } from './support/cli.js';
import { formatJson, scanPaths, showSeverities } from '../src/index.js';
import { cleanImage, webImage, WEB_MANIFESTS } from '../src/testing/image-fixtures.js';

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema/report.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validate = ajv.compile(schema);

export function assertValidReport(text: string, what: string): any {
  const report = JSON.parse(text);
  const ok = validate(report);
  assert.ok(ok, `${what}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  return report;
}

describe('the JSON report schema', () => {
  const dir = writeTree(tempDir(), {
    'exceptions.yaml': `exceptions:
- controls: [privileged-container]
  resources: [{kind: Deployment, name: web}]
  reason: demo
- controls: [host-port]
  resources: [{name: nothing-matches}]
  reason: audit shows it unmatched
- controls: [cpu-limits]
  resources: [{name: web}]
  reason: expired one
  expires: "2020-01-01"
`,
    'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n',
    'notk8s.yaml': 'hello: world\n',
  });
  const cases: Array<[string, string[], string?]> = [
    ['the insecure example', ['scan', 'examples/insecure', '--format', 'json']],
    ['the insecure example, verbose (passed findings too)', ['scan', 'examples/insecure', '--format', 'json', '--verbose']],
    ['the hardened example with its config', ['scan', 'examples/hardened', '--format', 'json']],
    ['with applied, unmatched and expired exceptions', ['scan', 'examples/insecure', '--format', 'json', '--exceptions', path.join(dir, 'exceptions.yaml')]],
    ['with input errors and ignored documents', ['scan', path.join(dir, 'bad.yaml'), path.join(dir, 'notk8s.yaml'), 'examples/hardened', '--format', 'json']],
    ['one control', ['scan', 'examples/insecure', '--format', 'json', '--controls', 'C-0057']],
    ['nothing to scan', ['scan', path.join(dir, 'notk8s.yaml'), '--format', 'json']],
    ['the whole corpus', ['scan', CORPUS, '--format', 'json']],
  ];
  for (const [name, args] of cases) {
    it(`validates: ${name}`, () => {
      const out = runCli(args);
      assert.ok(out.code !== 2 && out.code !== null, out.stderr);
      const report = assertValidReport(out.stdout, name);
      assert.equal(report.schemaVersion, '1.2');
    });
  }

  it('validates a report written with --output', () => {
    const file = path.join(dir, 'out.json');
    const out = runCli(['scan', 'examples/insecure', '--format', 'json', '--output', file]);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, '');
    assertValidReport(fs.readFileSync(file, 'utf8'), file);
  });

  it('validates reports with image vulnerabilities: excepted ones, packages (verbose), --severity, image errors, images not judged', () => {
    const manifests = writeTree(tempDir(), { 'web.yaml': WEB_MANIFESTS });
    const exceptions = [
      { source: 'x.yaml:2', controls: [], resources: [], reason: 'no SOCKS proxy', vulnerabilities: ['CVE-2023-38545'] },
      { source: 'x.yaml:5', controls: [], resources: [], reason: 'unmatched', vulnerabilities: ['CVE-1999-0001'], images: [{ repository: 'nginx' }] },
    ];
    const base = { controls: ['privileged-container'], exceptions };
    const full = scanPaths([manifests], { ...base, images: [webImage(), cleanImage()], verbose: true });
    const report = assertValidReport(formatJson(full), 'with vulnerabilities');
    assert.equal(report.vulnerabilities.length, 5);
    assert.equal(report.images[0].packages.length, 5);
    assert.equal(report.exceptions.unmatched[0].images[0], 'repository nginx');
    assertValidReport(formatJson(showSeverities(full, ['critical'])), 'with --severity critical');
    assertValidReport(formatJson(scanPaths([manifests], {
      ...base, images: [webImage()], imagesNotJudged: 'no vulnerability database: run `palisade db update`',
      imageErrors: [{ ref: 'ghcr.io/acme/gone:1', message: 'manifest unknown (404)' }],
    })), 'images not judged, an image error');
    report.vulnerabilities[0].layer = { index: -1, digest: 'x' };
    assert.equal(validate(report), false, 'a vulnerability is checked field by field');
  });

  it('rejects a report that breaks the contract (the schema is not vacuous)', () => {
    const report = JSON.parse(runCli(['scan', 'examples/insecure', '--format', 'json']).stdout);
    report.findings[0].severity = 'severe';
    assert.equal(validate(report), false);
    delete report.findings[0].severity;
    report.summary.extra = 1;
    assert.equal(validate(report), false);
  });
});
