import { testControl } from '../../testing/control-tester.js';
import control from './non-root-user.js';

testControl(control, {
  valid: [
    {
      name: 'runAsNonRoot on the pod',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {runAsNonRoot: true}
  containers: [{name: a, image: nginx:1.27}]
  initContainers: [{name: i, image: busybox:1.36}]
`,
    },
    {
      name: 'non-zero runAsUser on the container, no runAsGroup (not a failure)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {runAsUser: 1000}
`,
    },
    {
      name: 'container runAsNonRoot true overrides pod false',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {runAsNonRoot: false}
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {runAsNonRoot: true}
`,
    },
  ],
  invalid: [
    {
      name: 'nothing set',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a # fails
    image: nginx:1.27
`,
      paths: ['spec.containers[0].securityContext.runAsNonRoot'],
      messages: [/container "a" may run as root/],
    },
    {
      name: 'container runAsUser 0 overrides pod runAsUser 1000',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {runAsUser: 1000}
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      runAsUser: 0 # fails
`,
      paths: ['spec.containers[0].securityContext.runAsUser'],
      messages: [/UID 0/],
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
    securityContext: {runAsNonRoot: true}
  initContainers:
  - name: init
    image: busybox:1.36
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
`,
      paths: ['spec.initContainers[0].securityContext.runAsNonRoot', 'spec.ephemeralContainers[0].securityContext.runAsNonRoot'],
      messages: [/init container "init"/, /ephemeral container "debug"/],
    },
    {
      name: 'an explicit runAsUser 0 is root even with runAsNonRoot true (check_runAsUser.go)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {runAsNonRoot: true}
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      runAsUser: 0 # fails
  - name: b
    image: nginx:1.27
    securityContext: {runAsNonRoot: true, runAsUser: 0} # fails
  - name: c
    image: nginx:1.27
    securityContext: {runAsUser: 1000}
`,
      paths: ['spec.containers[0].securityContext.runAsUser', 'spec.containers[1].securityContext.runAsUser'],
      messages: [/container "a" runs as UID 0 \(runAsUser: 0\) even though runAsNonRoot is true/],
    },
    {
      name: 'a pod-level runAsUser 0 with runAsNonRoot true fails the containers that do not override it',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 0 # fails
  containers:
  - name: a
    image: nginx:1.27
  - name: b
    image: nginx:1.27
    securityContext: {runAsUser: 1000}
  initContainers:
  - name: i
    image: busybox:1.36
`,
      // one path, named once for each container that runs with it (a and the init container i, not b)
      paths: ['spec.securityContext.runAsUser', 'spec.securityContext.runAsUser'],
      messages: [/^container "a" runs as UID 0 \(runAsUser: 0, set on the pod\) even though runAsNonRoot is true/, /^init container "i" runs as UID 0/],
    },
    {
      // the Pod Security Standards exempt Windows pods only from allowPrivilegeEscalation, seccomp and
      // capabilities (v1.25+); check_runAsNonRoot.go and check_runAsUser.go judge them like any pod
      name: 'a Windows pod is judged too',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  os: {name: windows}
  containers:
  - name: a # fails
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
      paths: ['spec.containers[0].securityContext.runAsNonRoot'],
    },
    {
      name: 'pod-level runAsNonRoot false points at the pod field',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    runAsNonRoot: false # fails
  containers:
  - name: a
    image: nginx:1.27
`,
      paths: ['spec.securityContext.runAsNonRoot'],
    },
  ],
});
