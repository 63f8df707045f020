import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runControl, testControl } from '../../testing/control-tester.js';
import control from './capabilities-not-dropped.js';

testControl(control, {
  valid: [
    {
      name: 'a Windows pod (spec.os.name: windows): a Linux-only setting does not apply',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: win, namespace: app}
spec:
  os: {name: windows}
  containers:
  - name: iis
    image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
`,
    },
    {
      name: 'every container drops ALL',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext:
      capabilities: {drop: [NET_RAW, ALL]}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext:
      capabilities: {drop: [ALL]}
`,
    },
    {
      name: 'lower case all and CAP_ALL are accepted',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities: {drop: [all]}
  - name: b
    image: nginx:1.27
    securityContext:
      capabilities: {drop: [Cap_All]}
`,
    },
  ],
  invalid: [
    {
      name: 'no securityContext: points where drop would be, fix sets [ALL]',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a # fails
    image: nginx:1.27
`,
      paths: ['spec.containers[0].securityContext.capabilities.drop'],
      messages: [/container "a" keeps the runtime's default capabilities: securityContext.capabilities.drop is not set/],
    },
    {
      name: 'capabilities with only add',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities: # fails
        add: [NET_BIND_SERVICE]
`,
      paths: ['spec.containers[0].securityContext.capabilities.drop'],
      messages: [/not set/],
    },
    {
      name: 'drop without ALL points at drop',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities:
        drop: # fails
        - NET_RAW
        - SYS_ADMIN
`,
      paths: ['spec.containers[0].securityContext.capabilities.drop'],
      messages: [/container "a" does not drop ALL capabilities: it drops only NET_RAW, SYS_ADMIN/],
    },
    {
      name: 'an empty drop list',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities: {drop: []}
`,
      paths: ['spec.containers[0].securityContext.capabilities.drop'],
      messages: [/drop is empty/],
    },
    {
      name: 'init and ephemeral containers count; only the failing ones are reported',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities: {drop: [ALL]}
  initContainers:
  - name: setup
    image: busybox:1.36
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext:
      capabilities: {drop: [KILL]}
`,
      paths: ['spec.initContainers[0].securityContext.capabilities.drop', 'spec.ephemeralContainers[0].securityContext.capabilities.drop'],
      messages: [/init container "setup" keeps/, /ephemeral container "debug" does not drop ALL/],
    },
  ],
});

describe('control capabilities-not-dropped fixes', () => {
  it('sets drop: [ALL] when drop is absent, and only describes the fix when a partial list is there', () => {
    const r = runControl(control, `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - {name: a, image: nginx:1.27}
  - name: b
    image: nginx:1.27
    securityContext:
      capabilities: {drop: [NET_RAW]}
`);
    const [a, b] = r.findings[0].paths;
    assert.deepEqual(a.fix?.edits, [{ op: 'set', path: 'spec.containers[0].securityContext.capabilities.drop', value: ['ALL'] }]);
    assert.equal(b.fix?.edits, undefined);
    assert.match(b.fix!.description, /add ALL to spec\.containers\[1\]\.securityContext\.capabilities\.drop/);
  });
});
