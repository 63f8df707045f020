import { testControl } from '../../testing/control-tester.js';
import control from './non-root-group.js';

testControl(control, {
  valid: [
    {
      name: 'nothing set (an unset group is not a failure)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
  initContainers: [{name: i, image: busybox:1.36}]
`,
    },
    {
      name: 'non-zero groups everywhere',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {runAsGroup: 1000, fsGroup: 2000, supplementalGroups: [3000, 4000]}
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {runAsGroup: 1001}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext: {runAsGroup: 1002}
`,
    },
    {
      name: 'pod runAsGroup 0 overridden by every container (container wins)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {runAsGroup: 0}
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {runAsGroup: 1000}
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext: {runAsGroup: 1000}
`,
    },
  ],
  invalid: [
    {
      name: 'pod runAsGroup 0 inherited by one container, reported once on the pod',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    runAsGroup: 0 # fails
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {runAsGroup: 1000}
  - name: b
    image: nginx:1.27
  initContainers:
  - name: setup
    image: busybox:1.36
`,
      paths: ['spec.securityContext.runAsGroup'],
      messages: [/^the pod runs as the root group \(runAsGroup: 0 on the pod, used by container "b", init container "setup"\)$/],
    },
    {
      name: 'container runAsGroup 0 overrides a non-zero pod runAsGroup',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {runAsGroup: 1000}
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      runAsGroup: 0 # fails
`,
      paths: ['spec.containers[0].securityContext.runAsGroup'],
      messages: [/^container "a" runs as the root group \(runAsGroup: 0\)$/],
    },
    {
      name: 'init and ephemeral containers with runAsGroup 0',
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
    securityContext: {runAsGroup: 0} # fails
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext: {runAsGroup: 0} # fails
`,
      paths: ['spec.initContainers[0].securityContext.runAsGroup', 'spec.ephemeralContainers[0].securityContext.runAsGroup'],
      messages: [/init container "init" runs as the root group/, /ephemeral container "debug" runs as the root group/],
    },
    {
      name: 'fsGroup 0 and a 0 in supplementalGroups',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    runAsGroup: 1000
    fsGroup: 0 # fails
    supplementalGroups:
    - 3000
    - 0 # fails
  containers:
  - name: a
    image: nginx:1.27
`,
      paths: ['spec.securityContext.fsGroup', 'spec.securityContext.supplementalGroups[1]'],
      messages: [/volumes are owned by the root group \(fsGroup: 0\)/, /supplementalGroups contains 0/],
    },
  ],
});
