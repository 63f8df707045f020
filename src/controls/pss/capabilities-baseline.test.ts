import { testControl } from '../../testing/control-tester.js';
import control from './capabilities-baseline.js';

testControl(control, {
  valid: [
    {
      name: 'the whole default set, and drops',
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
        add: [AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT]
`,
    },
  ],
  invalid: [
    {
      name: 'outside the set, in every container type; compared as written (CAP_ prefix, lower case)',
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
        - NET_ADMIN # fails
        - CAP_CHOWN # fails
        - chown # fails
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext: {capabilities: {add: [SYS_ADMIN]}} # fails
  ephemeralContainers:
  - name: e
    image: busybox:1.36
    securityContext: {capabilities: {add: [SYS_PTRACE]}} # fails
`,
      paths: [
        'spec.containers[0].securityContext.capabilities.add[0]',
        'spec.containers[0].securityContext.capabilities.add[1]',
        'spec.containers[0].securityContext.capabilities.add[2]',
        'spec.initContainers[0].securityContext.capabilities.add[0]',
        'spec.ephemeralContainers[0].securityContext.capabilities.add[0]',
      ],
      messages: [/adds capability "NET_ADMIN", outside the baseline/],
    },
    {
      name: 'a Windows pod is not exempt at baseline',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  os: {name: windows}
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {capabilities: {add: [SYS_ADMIN]}} # fails
`,
      paths: ['spec.containers[0].securityContext.capabilities.add[0]'],
    },
  ],
});
