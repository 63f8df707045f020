import { testControl } from '../../testing/control-tester.js';
import control from './capabilities-restricted.js';

const WINDOWS = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  os: {name: windows}
  containers:
  - name: a # fails
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`;

const ADDS_CHOWN = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities: {add: [CHOWN]}
`;

testControl(control, {
  valid: [
    {
      name: 'drop ALL, add NET_BIND_SERVICE, in every container type',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext: {capabilities: {drop: [NET_RAW, ALL]}}
`,
    },
    { name: 'a Windows pod from v1.25', yaml: WINDOWS, inputs: { pssVersion: 'v1.25' } },
    { name: 'before v1.22 the baseline rule applies: CHOWN without drop is allowed', yaml: ADDS_CHOWN, inputs: { pssVersion: 'v1.21' } },
  ],
  invalid: [
    { name: 'a Windows pod before v1.25', yaml: WINDOWS, inputs: { pssVersion: 'v1.24' }, paths: ['spec.containers[0].securityContext.capabilities.drop'] },
    {
      name: 'CHOWN and no drop from v1.22',
      yaml: ADDS_CHOWN.replace('capabilities: {add: [CHOWN]}', 'capabilities: {add: [CHOWN]} # fails'),
      inputs: { pssVersion: 'v1.22' },
      paths: ['spec.securityContext.capabilities.drop', 'spec.securityContext.capabilities.add[0]'].map((p) => p.replace('spec.', 'spec.containers[0].')),
      messages: [/does not drop ALL/, /adds capability "CHOWN": the restricted Pod Security Standard allows only NET_BIND_SERVICE/],
    },
    {
      name: 'drop all in lower case, no securityContext, an ephemeral container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities:
        drop: [all] # fails
  - name: b # fails
    image: nginx:1.27
  ephemeralContainers:
  - name: e
    image: busybox:1.36
    securityContext:
      capabilities:
        drop: [ALL]
        add: [SYS_PTRACE] # fails
`,
      paths: ['spec.containers[0].securityContext.capabilities.drop', 'spec.containers[1].securityContext.capabilities.drop', 'spec.ephemeralContainers[0].securityContext.capabilities.add[0]'],
    },
    {
      name: 'before v1.22: SYS_ADMIN is outside the baseline set',
      yaml: ADDS_CHOWN.replace('capabilities: {add: [CHOWN]}', 'capabilities: {add: [SYS_ADMIN]} # fails'),
      inputs: { pssVersion: 'v1.21' },
      paths: ['spec.containers[0].securityContext.capabilities.add[0]'],
      messages: [/\(capabilities_baseline, v1\.21\)/],
    },
  ],
});
