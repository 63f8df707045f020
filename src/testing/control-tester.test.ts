// The control tester's own checks: `# fails` markers, and fixes re-run against the control.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defineControl, type Control } from '../controls/define.js';
import { applyFixesAndRescan, markedLines } from './control-tester.js';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostNetwork: true # fails
  containers: [{name: a, image: nginx:1.27}]
`;

/** A pod control failing on hostNetwork: true, whose fix sets `value` (a wrong one when not false). */
function hostNetwork(value: unknown): Control {
  return defineControl({
    id: 'tester-host-network', aliases: [], title: 'a control for the tester', severity: 'high', section: 'pod-security',
    appliesTo: 'pods', failsWhen: 'hostNetwork is true.', rationale: 'for the tester', remediation: 'unset it',
    check({ pod }, ctx) {
      if (pod.spec.hostNetwork !== true) return;
      ctx.fail([...pod.specPath, 'hostNetwork'], 'host network', {
        fix: { description: 'set hostNetwork', edits: [{ op: 'set', path: 'spec.hostNetwork', value }], safety: 'review', reviewReason: 'for the tester' },
      });
    },
  });
}

describe('control tester', () => {
  it('reads the lines marked # fails, not a # fails inside a value', () => {
    assert.deepEqual(markedLines(POD), [5]);
    assert.deepEqual(markedLines('a: "# fails"\nb: 1  #   fails  \nc: x# fails\n'), [2]);
  });

  it('a fix that resolves the finding leaves nothing failing', () => {
    const run = applyFixesAndRescan(hostNetwork(false), POD);
    assert.ok(run);
    assert.deepEqual(run.refused, []);
    assert.match(run.text, /hostNetwork: false # fails/);
    assert.deepEqual(run.left, []);
  });

  it('a fix that does not resolve it is caught: the path is left failing', () => {
    const run = applyFixesAndRescan(hostNetwork(true), POD);
    assert.ok(run);
    assert.deepEqual(run.left, ['spec.hostNetwork']);
  });
});
