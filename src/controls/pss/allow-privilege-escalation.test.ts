import { testControl } from '../../testing/control-tester.js';
import control from './allow-privilege-escalation.js';

const WINDOWS = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  os: {name: windows}
  containers:
  - name: a # fails
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`;

testControl(control, {
  valid: [
    `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {allowPrivilegeEscalation: false}
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext: {allowPrivilegeEscalation: false}
`,
    { name: 'a Windows pod from v1.25', yaml: WINDOWS, inputs: { pssVersion: 'v1.25' } },
  ],
  invalid: [
    {
      name: 'a Windows pod before v1.25',
      yaml: WINDOWS,
      inputs: { pssVersion: 'v1.24' },
      paths: ['spec.containers[0].securityContext.allowPrivilegeEscalation'],
      messages: [/does not set allowPrivilegeEscalation: the restricted Pod Security Standard requires false/],
    },
    {
      name: 'unset, true, and in init and ephemeral containers; a pod-level field does not count',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {allowPrivilegeEscalation: false}
  containers:
  - name: a # fails
    image: nginx:1.27
  - name: b
    image: nginx:1.27
    securityContext:
      allowPrivilegeEscalation: true # fails
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext: {runAsNonRoot: true} # fails
  ephemeralContainers:
  - name: e # fails
    image: busybox:1.36
`,
      paths: [
        'spec.containers[0].securityContext.allowPrivilegeEscalation',
        'spec.containers[1].securityContext.allowPrivilegeEscalation',
        'spec.initContainers[0].securityContext.allowPrivilegeEscalation',
        'spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation',
      ],
    },
  ],
  skipped: [
    { name: 'before v1.8 the check does not exist', yaml: WINDOWS, inputs: { pssVersion: 'v1.7' }, reason: /no allowPrivilegeEscalation check before v1\.8/ },
  ],
});
