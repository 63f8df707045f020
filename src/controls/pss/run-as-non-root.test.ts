import { testControl } from '../../testing/control-tester.js';
import control from './run-as-non-root.js';

testControl(control, {
  valid: [
    {
      name: 'pod-level true covers every container type',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {runAsNonRoot: true}
  containers: [{name: a, image: nginx:1.27}]
  initContainers: [{name: i, image: busybox:1.36}]
  ephemeralContainers: [{name: e, image: busybox:1.36}]
`,
    },
    {
      name: 'each container true, pod unset',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {runAsNonRoot: true}
`,
    },
  ],
  invalid: [
    {
      name: 'unset everywhere; runAsUser 1000 does not count; a user namespace does not relax it (alpha gate off)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostUsers: false
  securityContext: {runAsUser: 1000}
  containers:
  - name: a # fails
    image: nginx:1.27
  ephemeralContainers:
  - name: e
    image: busybox:1.36
    securityContext: {runAsUser: 1000} # fails
`,
      paths: ['spec.containers[0].securityContext.runAsNonRoot', 'spec.ephemeralContainers[0].securityContext.runAsNonRoot'],
      messages: [/does not set runAsNonRoot and the pod does not set it to true/],
    },
    {
      name: 'the pod false fails even when every container sets true; a container false under a pod true',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    runAsNonRoot: false # fails
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {runAsNonRoot: true}
---
apiVersion: v1
kind: Pod
metadata: {name: q, namespace: app}
spec:
  securityContext: {runAsNonRoot: true}
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext:
      runAsNonRoot: false # fails
  containers: [{name: a, image: nginx:1.27}]
`,
      noWorkloadVariants: true,
      paths: ['spec.securityContext.runAsNonRoot', 'spec.initContainers[0].securityContext.runAsNonRoot'],
    },
  ],
});
