import { testControl } from '../../testing/control-tester.js';
import control from './allow-privilege-escalation.js';

testControl(control, {
  valid: [
    {
      name: 'a Windows pod (spec.os.name: windows) is exempt, as in check_allowPrivilegeEscalation.go since 1.25',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  os: {name: windows}
  containers:
  - name: a
    image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
  initContainers:
  - name: i
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
    },
    {
      name: 'false on every container type',
      yaml: `apiVersion: v1
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
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext: {allowPrivilegeEscalation: false}
`,
    },
  ],
  invalid: [
    {
      name: 'only spec.os.name windows exempts: linux, a capitalised Windows and a node selector do not',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  os: {name: Windows}
  nodeSelector: {kubernetes.io/os: windows}
  containers:
  - name: a # fails
    image: nginx:1.27
`,
      paths: ['spec.containers[0].securityContext.allowPrivilegeEscalation'],
    },
    {
      name: 'unset counts as allowed (the default is true)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext: # fails
      runAsNonRoot: true
`,
      paths: ['spec.containers[0].securityContext.allowPrivilegeEscalation'],
      messages: [/^container "a" allows privilege escalation: allowPrivilegeEscalation is not set \(the default is true\)$/],
    },
    {
      name: 'explicitly true',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      allowPrivilegeEscalation: true # fails
`,
      paths: ['spec.containers[0].securityContext.allowPrivilegeEscalation'],
      messages: [/allowPrivilegeEscalation is true/],
    },
    {
      name: 'a pod-level field does not exist and does not help; init and ephemeral containers count',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    allowPrivilegeEscalation: false
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {allowPrivilegeEscalation: false}
  initContainers:
  - name: init # fails
    image: busybox:1.36
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext:
      allowPrivilegeEscalation: true # fails
`,
      paths: ['spec.initContainers[0].securityContext.allowPrivilegeEscalation', 'spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation'],
      messages: [/init container "init" allows privilege escalation: .*not set/, /ephemeral container "debug" allows privilege escalation: .*is true/],
    },
  ],
});
