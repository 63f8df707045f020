// JUnit XML read back with junit2json: suites per section, cases per control, counts, escaping.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'junit2json';
import { scanPaths } from '../index.js';
import type { ScanReport } from '../model/types.js';
import { formatJunit } from './junit.js';
import { xmlAttr, xmlEscape } from './xml.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function parsed(report: ScanReport): Promise<any> {
  const out = await parse(formatJunit(report));
  assert.ok(out, 'junit2json parsed the document');
  return out;
}

describe('JUnit XML', () => {
  const report = scanPaths([path.join(ROOT, 'examples/insecure')]);

  it('has a testsuite per framework section and a testcase per control, with counts', async () => {
    const xml = await parsed(report);
    const fw = report.frameworks[0];
    assert.deepEqual(xml.testsuite.map((s: any) => s.name), fw.sections.map((s) => s.title));
    assert.equal(xml.tests, report.controls.length);
    assert.equal(xml.failures, report.summary.controls.failed);
    assert.equal(xml.skipped, report.summary.controls.skipped);
    assert.equal(xml.errors, 0);
    for (const [i, suite] of xml.testsuite.entries()) {
      const controls = fw.sections[i].controls.map((id) => report.controls.find((c) => c.id === id)!);
      assert.equal(suite.tests, controls.length, suite.name);
      assert.equal(suite.failures, controls.filter((c) => c.status === 'failed').length, suite.name);
      assert.equal(suite.skipped, controls.filter((c) => c.status === 'skipped').length, suite.name);
      assert.deepEqual(suite.testcase.map((t: any) => t.classname), controls.map((c) => c.id));
      assert.deepEqual(suite.testcase.map((t: any) => t.name), controls.map((c) => c.title));
    }
  });

  it('lists resources, file:line locations and the fix in a failure; the reason in a skip', async () => {
    const xml = await parsed(report);
    const cases = xml.testsuite.flatMap((s: any) => s.testcase);
    const privileged = cases.find((t: any) => t.classname === 'privileged-container');
    assert.equal(privileged.failure.length, 1);
    assert.equal(privileged.failure[0].type, 'high');
    assert.equal(privileged.failure[0].message, '1 of 2 resource(s) failed (high)');
    const text: string = privileged.failure[0].inner;
    assert.match(text, /Deployment shop\/web \(apps\/v1\/shop\/Deployment\/web\)/);
    assert.match(text, /examples\/insecure\/web\.yaml:28:11 {2}container "web" is privileged/);
    assert.match(text, /fix: set privileged: false/);
    assert.match(text, /Remediation: /);
    const skipped = cases.find((t: any) => t.classname === 'ingress-without-tls');
    assert.equal(skipped.skipped[0].message, report.controls.find((c) => c.id === 'ingress-without-tls')!.reason);
    const passed = cases.find((t: any) => t.classname === 'non-root-group');
    assert.equal(passed.failure, undefined);
    assert.equal(passed.skipped, undefined);
  });

  it('escapes <&"\'> in messages, titles and exception reasons, and drops characters XML forbids', async () => {
    const tricky = 'a <b> & "c" \'d\'';
    const f = report.findings.find((x) => x.controlId === 'privileged-container')!;
    const changed: ScanReport = {
      ...report,
      controls: report.controls.map((c) => (c.id === 'host-port' ? { ...c, title: `${tricky} title` } : c)),
      findings: [
        ...report.findings.map((x) => (x === f ? { ...x, paths: x.paths.map((p) => ({ ...p, message: `${tricky}\u0001` })) } : x)),
        { ...f, resourceId: 'apps/v1/shop/Deployment/other', status: 'excepted', exception: { source: 'exceptions.yaml', reason: `${tricky} reason` } },
      ],
    };
    const text = formatJunit(changed);
    assert.ok(!text.includes('\u0001'));
    const xml = await parsed(changed);
    const cases = xml.testsuite.flatMap((s: any) => s.testcase);
    const privileged = cases.find((t: any) => t.classname === 'privileged-container');
    assert.ok(privileged.failure[0].inner.includes(`${tricky}\uFFFD`), privileged.failure[0].inner);
    assert.deepEqual(privileged['system-out'], [`excepted: apps/v1/shop/Deployment/other (apps/v1/shop/Deployment/other): ${tricky} reason`]);
    assert.equal(cases.find((t: any) => t.classname === 'host-port').name, `${tricky} title`);
    assert.equal(xmlEscape(tricky), 'a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;');
    assert.equal(xmlAttr('two\nlines'), 'two&#10;lines');
  });

  it('reports input errors as a testsuite of errors', async () => {
    const withErrors: ScanReport = { ...report, errors: [{ file: 'bad.yaml', line: 3, column: 1, message: 'invalid YAML: <oops>' }] };
    const xml = await parsed(withErrors);
    assert.equal(xml.errors, 1);
    assert.equal(xml.tests, report.controls.length + 1);
    const input = xml.testsuite.at(-1);
    assert.equal(input.name, 'Input');
    assert.equal(input.testcase[0].name, 'bad.yaml:3:1');
    assert.equal(input.testcase[0].error[0].message, 'invalid YAML: <oops>');
  });

  it('puts controls outside the framework in a last suite, and writes a valid document for one control', async () => {
    const one = scanPaths([path.join(ROOT, 'examples/insecure')], { controls: ['privileged-container'] });
    const xml = await parsed(one);
    assert.equal(xml.tests, 1);
    assert.equal(xml.testsuite.length, 1);
    const orphan: ScanReport = { ...one, frameworks: [] };
    const x2 = await parsed(orphan);
    assert.equal(x2.testsuite[0].name, 'Controls outside the framework');
    assert.equal(x2.testsuite[0].testcase[0].classname, 'privileged-container');
  });
});
