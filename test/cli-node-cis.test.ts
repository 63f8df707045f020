// The CIS Kubernetes Benchmark through `palisade scan --node --root DIR --framework cis`: every
// automated recommendation a node scan judges (sections 1, 2 and 4) fails on CIS_FAIL_ROOT and passes
// on CIS_PASS_ROOT; Manual ones stay manual, and section 5 (manifests,
// cluster) is skipped on a node.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ScanReport } from '../src/model/types.js';
// the registry first: cis.ts takes a helper from it
import { findFramework } from '../src/frameworks/index.js';
import { CIS_AUTOMATED, cis } from '../src/frameworks/cis.js';
import { KEY_CANARY } from '../src/testing/control-plane-fixtures.js';
import { CIS_FAIL_ROOT, CIS_PASS_ROOT } from '../src/testing/cis-roots.js';
import { buildRoot } from '../src/testing/node-roots.js';
import { runCli, tempDir } from './support/cli.js';

const tmp = tempDir('palisade-cli-cis-');
const reports: Record<'pass' | 'fail', ScanReport> = {} as Record<'pass' | 'fail', ScanReport>;
const texts: Record<string, string> = {};

type ItemResult = { id: string; status: string; controls: string[] };
const itemsOf = (r: ScanReport): Map<string, ItemResult> => {
  const fw = r.frameworks.find((f) => f.id === 'cis-v1.10.0')!;
  return new Map(fw.sections.flatMap((s) => (s.items ?? []) as ItemResult[]).map((i) => [i.id, i]));
};

const all = cis.sections.flatMap((s) => s.items ?? []);
/** Automated, covered recommendations of the sections a node scan informs. */
const NODE_ITEMS = all.filter((i) => CIS_AUTOMATED.has(i.id) && i.controls.length > 0 && /^[124]\./.test(i.id)).map((i) => i.id);

before(() => {
  assert.equal(findFramework('cis'), cis);
  for (const [name, spec] of [['pass', CIS_PASS_ROOT], ['fail', CIS_FAIL_ROOT]] as const) {
    const root = buildRoot(path.join(tmp, name), spec);
    const out = runCli(['scan', '--node', '--root', root, '--framework', 'cis', '--format', 'json'], { cwd: tmp });
    assert.equal(out.code, 0, out.stderr);
    texts[name] = out.stdout;
    reports[name] = JSON.parse(out.stdout) as ScanReport;
  }
});

describe('scan --node --framework cis: a failing and a passing root for every automated node recommendation', () => {
  it('covers every automated recommendation of sections 1, 2 and 4', () => {
    assert.equal(NODE_ITEMS.length, 65);
    const uncovered = all.filter((i) => CIS_AUTOMATED.has(i.id) && i.controls.length === 0).map((i) => i.id);
    assert.deepEqual(uncovered, []);
  });

  for (const id of NODE_ITEMS) {
    it(`${id}: failed on the failing root, passed on the passing one`, () => {
      assert.equal(itemsOf(reports.fail).get(id)?.status, 'failed', `${id} on ${CIS_FAIL_ROOT.hostname}`);
      assert.equal(itemsOf(reports.pass).get(id)?.status, 'passed', `${id} on ${CIS_PASS_ROOT.hostname}`);
      // the failure is the item's own control's, on this node
      const control = all.find((i) => i.id === id)!.controls[0]!;
      const findings = reports.fail.findings.filter((f) => f.controlId === control && f.status === 'failed');
      assert.ok(findings.length > 0 && findings.every((f) => f.resourceId.startsWith('node/cis-fail/')), control);
    });
  }

  it('lists Manual recommendations as manual, and none as not covered, on both roots', () => {
    for (const r of [reports.pass, reports.fail]) {
      const items = itemsOf(r);
      for (const i of all.filter((x) => !CIS_AUTOMATED.has(x.id))) assert.equal(items.get(i.id)?.status, 'manual', i.id);
      const fw = r.frameworks.find((f) => f.id === 'cis-v1.10.0')!;
      assert.equal(fw.manual, all.filter((x) => !CIS_AUTOMATED.has(x.id)).length);
      assert.equal(fw.notCovered, 0);
    }
  });

  it('skips the policy recommendations (5.1) on a node, with the reason', () => {
    for (const id of ['5.1.1', '5.1.2', '5.1.3', '5.1.4', '5.1.5', '5.1.6']) assert.equal(itemsOf(reports.fail).get(id)?.status, 'skipped', id);
  });

  it('the passing root complies fully with what a node can judge; neither report holds key material', () => {
    const fw = reports.pass.frameworks.find((f) => f.id === 'cis-v1.10.0')!;
    assert.equal(fw.compliance, 100);
    for (const [name, text] of Object.entries(texts)) assert.ok(!text.includes(KEY_CANARY), `${name} report contains key material`);
  });
});
