// The CIS alias table is complete: every recommendation of the benchmark is listed once, in the
// benchmark's order, Automated ones mapped to registered controls (or honestly not covered), Manual
// ones with their audit and no control (never passed).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getControl } from '../controls/index.js';
import { findFramework } from './index.js';
import { CIS_AUTOMATED, cis } from './cis.js';

const items = cis.sections.flatMap((s) => (s.items ?? []).map((i) => ({ ...i, section: s.id })));

/** 1.2.10 → [1, 2, 10], to compare numbers as the benchmark orders them. */
const num = (id: string): number[] => id.split('.').map(Number);
function before(x: string, y: string): boolean {
  const a = num(x), b = num(y);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? -1) !== (b[i] ?? -1)) return (a[i] ?? -1) < (b[i] ?? -1);
  }
  return false;
}

describe('CIS Kubernetes Benchmark v1.10.0', () => {
  it('is found by its id and by Kubescape\'s and short names', () => {
    assert.equal(findFramework('cis-v1.10.0'), cis);
    assert.equal(findFramework('CIS'), cis);
    assert.match(cis.about ?? '', /v1\.10\.0/);
    assert.match(cis.about ?? '', /kube-bench's cfg\/cis-1\.10/);
  });

  it('has the benchmark\'s sections, in order', () => {
    assert.deepEqual(cis.sections.map((s) => s.id), ['1.1', '1.2', '1.3', '1.4', '2', '3.1', '3.2', '4.1', '4.2', '4.3', '5.1', '5.2', '5.3', '5.4', '5.5', '5.7']);
  });

  it('lists each recommendation once, numbered inside its section, in benchmark order', () => {
    const ids = items.map((i) => i.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    for (let k = 1; k < ids.length; k++) assert.ok(before(ids[k - 1]!, ids[k]!), `${ids[k - 1]} before ${ids[k]}`);
    for (const i of items) assert.ok(i.id.startsWith(`${i.section}.`), `${i.id} is in section ${i.section}`);
    // the count per sub-section, as cfg/cis-1.10 numbers them: no gap
    const counts = Object.fromEntries(cis.sections.map((s) => [s.id, s.items!.length]));
    assert.deepEqual(counts, {
      1.1: 21, 1.2: 30, 1.3: 7, 1.4: 2, 2: 7, 3.1: 3, 3.2: 2, 4.1: 10, 4.2: 14, 4.3: 1, 5.1: 13, 5.2: 13, 5.3: 2, 5.4: 2, 5.5: 1, 5.7: 4,
    });
    for (const s of cis.sections) s.items!.forEach((i, k) => assert.equal(i.id, `${s.id}.${k + 1}`));
  });

  it('maps every Automated recommendation to registered controls, and marks every Manual one', () => {
    const notCovered: string[] = [];
    for (const i of items) {
      assert.ok(i.title.length > 20 && !/\((Automated|Manual)\)/.test(i.title), `${i.id}: the benchmark's title, without its assessment status`);
      for (const id of i.controls) assert.ok(getControl(id), `${i.id}: control ${id} is registered`);
      if (CIS_AUTOMATED.has(i.id)) {
        assert.equal(i.manual, undefined, `${i.id} is Automated: no manual text`);
        if (i.controls.length === 0) notCovered.push(i.id);
      } else {
        assert.deepEqual(i.controls, [], `${i.id} is Manual: never passed by a control`);
        assert.ok(i.manual && i.manual.length > 10, `${i.id} is Manual: it says what to check`);
      }
    }
    // the Automated recommendations no control judges yet, named here so that one more is a decision
    assert.deepEqual(notCovered, NOT_COVERED);
  });

  it('maps a control to an item only where the control judges that item alone', () => {
    // controls that judge several recommendations at once are not mapped to any of them
    const broad = ['kubelet-hardening', 'controller-manager-hardening', 'admission-plugins', 'node-file-permissions',
      'apiserver-authorization', 'apiserver-tls', 'apiserver-etcd-tls', 'etcd-tls', 'audit-logging', 'apiserver-profiling', 'service-account-tokens'];
    for (const i of items) for (const id of i.controls) assert.ok(!broad.includes(id), `${i.id} maps ${id}, which judges several recommendations`);
  });
});

/** Automated recommendations no control judges yet (listed as not covered in reports). */
const NOT_COVERED: string[] = [];
