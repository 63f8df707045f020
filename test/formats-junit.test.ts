// `--format junit` from the CLI, read back with junit2json and checked against the JSON report.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'junit2json';
import { CORPUS, runCli, tempDir } from './support/cli.js';

async function check(args: string[]): Promise<{ xml: any; report: any }> {
  const junit = runCli(['scan', ...args, '--format', 'junit']);
  const json = runCli(['scan', ...args, '--format', 'json']);
  assert.ok(junit.code !== 2 && junit.code !== null, junit.stderr);
  const xml: any = await parse(junit.stdout);
  const report = JSON.parse(json.stdout);
  assert.equal(xml.tests, report.controls.length + report.errors.length);
  assert.equal(xml.failures, report.summary.controls.failed);
  assert.equal(xml.skipped, report.summary.controls.skipped);
  assert.equal(xml.errors, report.errors.length);
  const cases = xml.testsuite.flatMap((s: any) => s.testcase ?? []).filter((t: any) => t.classname !== 'input');
  assert.deepEqual(cases.map((t: any) => t.classname).sort(), report.controls.map((c: any) => c.id).sort());
  for (const s of xml.testsuite) {
    assert.equal(s.tests, s.testcase.length, s.name);
    assert.equal(s.failures, s.testcase.filter((t: any) => t.failure).length, s.name);
    assert.equal(s.skipped, s.testcase.filter((t: any) => t.skipped).length, s.name);
  }
  return { xml, report };
}

describe('--format junit', () => {
  it('the insecure example', async () => {
    const { xml } = await check(['examples/insecure']);
    assert.equal(xml.testsuite[0].name, 'Kubernetes Pod security');
  });

  it('the hardened example', async () => {
    await check(['examples/hardened']);
  });

  it('the corpus: input errors as <error>, excepted findings in system-out', async () => {
    const { xml, report } = await check([CORPUS]);
    assert.ok(report.errors.length > 0);
    const input = xml.testsuite.find((s: any) => s.name === 'Input');
    assert.equal(input.errors, report.errors.length);
    const excepted = report.findings.filter((f: any) => f.status === 'excepted');
    const outs = xml.testsuite.flatMap((s: any) => s.testcase).flatMap((t: any) => t['system-out'] ?? []).join('\n');
    for (const f of excepted) assert.ok(outs.includes(`(${f.resourceId}): ${f.exception.reason}`), f.resourceId);
  });

  it('--output-dir writes palisade-junit.xml', async () => {
    const dir = tempDir();
    const out = runCli(['scan', 'examples/insecure', '--format', 'junit,prometheus', '--output-dir', dir]);
    assert.equal(out.code, 0, out.stderr);
    const xml: any = await parse(fs.readFileSync(path.join(dir, 'palisade-junit.xml'), 'utf8'));
    assert.ok(xml.tests > 0);
  });
});
