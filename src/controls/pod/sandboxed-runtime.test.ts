import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runControl, testControl } from '../../testing/control-tester.js';
import control from './sandboxed-runtime.js';

const SANDBOXES = { sandboxRuntimeClasses: ['gvisor', 'kata-qemu'] };

testControl(control, {
  valid: [
    {
      name: 'a configured sandbox runtime class',
      inputs: SANDBOXES,
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  runtimeClassName: kata-qemu
  containers: [{name: a, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'no runtimeClassName',
      inputs: SANDBOXES,
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec: # fails
  containers:
  - name: a
    image: nginx:1.27
`,
      paths: ['spec.runtimeClassName'],
      messages: [/^the pod has no runtimeClassName and runs on the node's default, unsandboxed runtime \(sandboxRuntimeClasses: gvisor, kata-qemu\)$/],
    },
    {
      name: 'a runtime class that is not a sandbox',
      inputs: SANDBOXES,
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
  runtimeClassName: runc # fails
`,
      paths: ['spec.runtimeClassName'],
      messages: [/^runtimeClassName "runc" is not a sandboxed runtime class \(sandboxRuntimeClasses: gvisor, kata-qemu\)$/],
    },
    {
      name: 'names are compared exactly',
      inputs: { sandboxRuntimeClasses: ['gvisor'] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  runtimeClassName: gVisor
  containers: [{name: a, image: nginx:1.27}]
`,
      paths: ['spec.runtimeClassName'],
      messages: [/runtimeClassName "gVisor" is not a sandboxed runtime class/],
    },
  ],
  skipped: [
    {
      name: 'sandboxRuntimeClasses not configured',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
`,
      reason: /sandboxRuntimeClasses is not configured: set inputs\.sandboxRuntimeClasses in \.palisade\.yaml .*gvisor or kata/,
    },
    {
      name: 'sandboxRuntimeClasses empty',
      inputs: { sandboxRuntimeClasses: [] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  runtimeClassName: gvisor
  containers: [{name: a, image: nginx:1.27}]
`,
      reason: /set inputs\.sandboxRuntimeClasses/,
    },
  ],
});

describe('sandboxed-runtime', () => {
  it('its documented example fails, and its fixed example passes, with sandboxRuntimeClasses set', () => {
    const inputs = { sandboxRuntimeClasses: ['gvisor'] };
    const failing = runControl(control, control.example!.failing, inputs);
    assert.equal(failing.failed, 1);
    assert.deepEqual(failing.findings[0].fix, {
      description: 'set runtimeClassName: gvisor (a RuntimeClass of that name must exist)',
      edits: [{ op: 'set', path: 'spec.template.spec.runtimeClassName', value: 'gvisor' }],
      safety: 'review',
      reviewReason: 'the RuntimeClass must exist on the cluster, and the sandbox may not support everything the workload does',
    });
    const passing = runControl(control, control.example!.passing, inputs);
    assert.equal(passing.failed, 0);
    assert.equal(passing.evaluated, 1);
  });
});
