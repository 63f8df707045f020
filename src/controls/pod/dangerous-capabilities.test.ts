import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runControl, testControl } from '../../testing/control-tester.js';
import control from './dangerous-capabilities.js';

testControl(control, {
  valid: [
    {
      name: 'no capabilities at all',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
`,
    },
    {
      name: 'only harmless capabilities added, dangerous ones dropped',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities:
        drop: [ALL, SYS_ADMIN]
        add: [NET_BIND_SERVICE, CHOWN]
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext:
      capabilities: {add: [CAP_KILL]}
`,
    },
    {
      name: 'a capability taken off the configured list passes',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities: {add: [NET_RAW]}
`,
      inputs: { dangerousCapabilities: ['SYS_ADMIN'] },
    },
  ],
  invalid: [
    {
      name: 'one finding per dangerous capability, at its entry',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities:
        add:
        - NET_BIND_SERVICE
        - SYS_ADMIN # fails
        - NET_RAW # fails
`,
      paths: ['spec.containers[0].securityContext.capabilities.add[1]', 'spec.containers[0].securityContext.capabilities.add[2]'],
      messages: [/container "a" adds the dangerous capability SYS_ADMIN/, /container "a" adds the dangerous capability NET_RAW/],
    },
    {
      name: 'case-insensitive, with or without the CAP_ prefix',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities:
        add: [cap_sys_ptrace, Sys_Module, CAP_BPF] # fails
`,
      paths: [
        'spec.containers[0].securityContext.capabilities.add[0]',
        'spec.containers[0].securityContext.capabilities.add[1]',
        'spec.containers[0].securityContext.capabilities.add[2]',
      ],
      messages: [/cap_sys_ptrace/, /Sys_Module/, /CAP_BPF/],
    },
    {
      name: 'adding ALL',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities:
        add: ["all"]
`,
      paths: ['spec.containers[0].securityContext.capabilities.add[0]'],
      messages: [/container "a" adds ALL capabilities/],
    },
    {
      name: 'init and ephemeral containers count',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
  initContainers:
  - name: setup
    image: busybox:1.36
    securityContext:
      capabilities: {add: [NET_ADMIN]}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext:
      capabilities: {add: [SYS_PTRACE]}
`,
      paths: [
        'spec.initContainers[0].securityContext.capabilities.add[0]',
        'spec.ephemeralContainers[0].securityContext.capabilities.add[0]',
      ],
      messages: [/init container "setup" adds the dangerous capability NET_ADMIN/, /ephemeral container "debug" adds the dangerous capability SYS_PTRACE/],
    },
    {
      name: 'a configured list replaces the default, and its entries may carry CAP_',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities:
        add: [SYS_ADMIN, CHOWN]
`,
      inputs: { dangerousCapabilities: ['CAP_CHOWN'] },
      paths: ['spec.containers[0].securityContext.capabilities.add[1]'],
      messages: [/CHOWN/],
    },
  ],
});

describe('control dangerous-capabilities fixes', () => {
  it('says which capability to remove from which list', () => {
    const r = runControl(control, `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities: {add: [CAP_SYS_ADMIN]}
`);
    assert.equal(r.findings[0].severity, 'high');
    assert.equal(r.findings[0].fix?.description, 'remove CAP_SYS_ADMIN from spec.containers[0].securityContext.capabilities.add');
  });
});
