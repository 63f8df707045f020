// The parts of image scanning the CLI reaches without an image source: --ignore-unfixed's check,
// exceptions files and config with vulnerability entries, and --format cyclonedx with no image.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { ROOT, runCli, tempDir, writeTree } from './support/cli.js';

const INSECURE = path.join(ROOT, 'examples/insecure');

describe('scan: image vulnerability options without images', () => {
  it('--ignore-unfixed needs images to scan: exit 2, not a silent no-op', () => {
    const out = runCli(['scan', INSECURE, '--ignore-unfixed']);
    assert.equal(out.code, 2);
    assert.equal(out.stderr, 'palisade: --ignore-unfixed needs images to scan (--image REF or --scan-images)\n');
    assert.equal(out.stdout, '');
  });

  it('--help names --ignore-unfixed, the cyclonedx format, and that --fail-on counts vulnerabilities', () => {
    const help = runCli(['scan', '--help']).stdout.replace(/\s+/g, ' ');
    assert.match(help, /--ignore-unfixed image vulnerabilities: leave out those that have no fixed version/);
    assert.match(help, /--format <formats> output formats, comma-separated: .*cyclonedx/);
    assert.match(help, /a vulnerability of unknown severity never counts/);
  });

  it('an exceptions file with vulnerability entries loads; control entries in it still apply', () => {
    const dir = writeTree(tempDir(), {
      'exceptions.yaml': `exceptions:
- controls: [privileged-container]
  resources: [{kind: Deployment, name: web}]
  reason: vetted
- vulnerabilities: [CVE-2023-5363]
  images: [{repository: debian, package: openssl}]
  reason: no TLS server in this image
  expires: "2099-12-31"
`,
    });
    const out = runCli(['scan', INSECURE, '--format', 'json', '--exceptions', path.join(dir, 'exceptions.yaml')]);
    assert.ok(out.code === 0 || out.code === 1, out.stderr);
    const report = JSON.parse(out.stdout);
    assert.ok(report.findings.some((f: any) => f.controlId === 'privileged-container' && f.status === 'excepted'));
    // no image was judged: a vulnerability exception is not "unmatched" for want of images
    assert.deepEqual(report.exceptions.unmatched, []);
    assert.deepEqual(report.vulnerabilities, []);
    assert.equal(report.images, undefined);
  });

  it('a wrong vulnerability entry is exit 2 naming the file and line, in an exceptions file or the config', () => {
    const dir = writeTree(tempDir(), {
      'exceptions.yaml': 'exceptions:\n- vulnerabilities: [openssl]\n  reason: not an id\n',
      'palisade.yaml': 'exceptions:\n- images: [{repository: "nginx:1.27"}]\n  reason: a tag\n',
    });
    const file = runCli(['scan', INSECURE, '--exceptions', path.join(dir, 'exceptions.yaml')]);
    assert.equal(file.code, 2);
    assert.match(file.stderr, /exceptions\.yaml:2:21: exceptions\.0\.vulnerabilities\.0: "openssl" is not an advisory id/);
    const config = runCli(['scan', INSECURE, '--config', path.join(dir, 'palisade.yaml')]);
    assert.equal(config.code, 2);
    assert.match(config.stderr, /palisade\.yaml:2:13: exceptions\.0\.images\.0\.repository: "nginx:1\.27" has a tag or digest/);
  });

  it('--format cyclonedx with no image: an empty, valid CycloneDX 1.5 SBOM, and a note saying why', async () => {
    const out = runCli(['scan', INSECURE, '--format', 'cyclonedx']);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stderr, 'palisade: the SBOM lists no packages: no image was scanned (scan images with --image REF or --scan-images)\n');
    const errors = await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot5).validate(out.stdout);
    assert.equal(errors, null);
    const bom = JSON.parse(out.stdout);
    assert.equal(bom.specVersion, '1.5');
    assert.deepEqual(bom.components ?? [], []);
    assert.equal(runCli(['scan', INSECURE, '--format', 'cyclonedx', '--quiet']).stderr, '', '--quiet silences the note');
  });

  it('--output-dir writes the SBOM as palisade.cdx.json beside the other formats', () => {
    const dir = tempDir();
    const out = runCli(['scan', INSECURE, '--format', 'json,cyclonedx', '--output-dir', dir]);
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['palisade.cdx.json', 'palisade.json']);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'palisade.cdx.json'), 'utf8')).bomFormat, 'CycloneDX');
    // the JSON report holds no packages: only the format that lists them asked for them
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'palisade.json'), 'utf8')).images, undefined);
  });
});
