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
