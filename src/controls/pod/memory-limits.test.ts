import { testControl } from '../../testing/control-tester.js';
import control from './memory-limits.js';

testControl(control, {
  valid: [
    {
      name: 'regular and init containers have memory limits; ephemeral containers are not checked',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    resources:
      limits: {memory: 256Mi}
  initContainers:
  - name: i
    image: busybox:1.36
    resources: {limits: {memory: 64Mi}}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
`,
    },
    {
      name: 'a limit of "0" is a value the user set (not treated as missing); CPU is another control',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    resources:
      limits: {memory: "0"}
`,
    },
  ],
  invalid: [
    {
      name: 'no resources at all',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: web # fails
    image: nginx:1.27
`,
      paths: ['spec.containers[0].resources.limits.memory'],
      messages: [/^container "web" has no memory limit \(resources\.limits\.memory is not set\)$/],
    },
    {
      name: 'requests but no limits, CPU limit only, empty or null memory limit',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    resources: # fails
      requests: {memory: 128Mi}
  - name: b
    image: nginx:1.27
    resources:
      limits: # fails
        cpu: 500m
  - name: c
    image: nginx:1.27
    resources:
      limits:
        memory: "" # fails
  - name: d
    image: nginx:1.27
    resources:
      limits:
        memory: null # fails
`,
      paths: [
        'spec.containers[0].resources.limits.memory',
        'spec.containers[1].resources.limits.memory',
        'spec.containers[2].resources.limits.memory',
        'spec.containers[3].resources.limits.memory',
      ],
      messages: [/container "a"/, /container "b"/, /container "c"/, /container "d"/],
    },
    {
      name: 'init containers count, ephemeral containers do not',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    resources: {limits: {memory: 256Mi}}
  initContainers:
  - name: setup # fails
    image: busybox:1.36
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
`,
      paths: ['spec.initContainers[0].resources.limits.memory'],
      messages: [/init container "setup" has no memory limit/],
    },
  ],
});
