import { testControl } from '../../testing/control-tester.js';
import control from './capabilities-added.js';

testControl(control, {
  valid: [
    {
      name: 'no capabilities, an empty add, and NET_BIND_SERVICE alone',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
  - name: b
    image: nginx:1.27
    securityContext:
      capabilities: {drop: [ALL], add: []}
  - name: c
    image: nginx:1.27
    securityContext:
      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext:
      capabilities: {add: [NET_BIND_SERVICE]}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext:
      capabilities: {drop: [ALL]}
`,
    },
    {
      name: 'NET_BIND_SERVICE as the runtime reads it: a CAP_ prefix or lower case',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities: {add: [CAP_NET_BIND_SERVICE, net_bind_service]}
`,
    },
    {
      name: 'a Windows pod (spec.os.name: windows) is exempt, as in check_capabilities_restricted.go since 1.25',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  os: {name: windows}
  containers:
  - name: a
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    securityContext:
      capabilities: {add: [SYS_TIME]}
`,
    },
  ],
  invalid: [
    {
      name: 'each capability but NET_BIND_SERVICE fails at its entry, harmless-looking ones too',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities:
        drop: [ALL]
        add:
        - NET_BIND_SERVICE
        - CHOWN # fails
        - SYS_ADMIN # fails
`,
      paths: ['spec.containers[0].securityContext.capabilities.add[1]', 'spec.containers[0].securityContext.capabilities.add[2]'],
      messages: [/^container "a" adds CHOWN: the restricted Pod Security Standard allows adding only NET_BIND_SERVICE$/, /container "a" adds SYS_ADMIN/],
    },
    {
      name: 'init and ephemeral containers count; ALL and a non-string entry are not NET_BIND_SERVICE',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
  initContainers:
  - name: init
    image: busybox:1.36
    securityContext:
      capabilities: {add: [ALL]} # fails
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext:
      capabilities:
        add:
        - 12 # fails
        - SYS_PTRACE # fails
`,
      paths: [
        'spec.initContainers[0].securityContext.capabilities.add[0]',
        'spec.ephemeralContainers[0].securityContext.capabilities.add[0]',
        'spec.ephemeralContainers[0].securityContext.capabilities.add[1]',
      ],
      messages: [/init container "init" adds ALL/, /ephemeral container "debug" adds 12/, /ephemeral container "debug" adds SYS_PTRACE/],
    },
    {
      name: 'a Linux pod (os.name linux) is judged',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  os: {name: linux}
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities: {add: [KILL]} # fails
`,
      paths: ['spec.containers[0].securityContext.capabilities.add[0]'],
    },
  ],
});
