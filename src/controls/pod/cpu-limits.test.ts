import { testControl } from '../../testing/control-tester.js';
import control from './cpu-limits.js';

testControl(control, {
  valid: [
    {
      name: 'regular and init containers have CPU limits; ephemeral containers are not checked',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    resources:
      limits: {cpu: 500m}
  initContainers:
  - name: i
    image: busybox:1.36
    resources: {limits: {cpu: 1}}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
`,
    },
    {
      name: 'a limit of "0" is a value the user set (not treated as missing); memory is another control',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    resources:
      limits: {cpu: "0"}
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
      paths: ['spec.containers[0].resources.limits.cpu'],
      messages: [/^container "web" has no CPU limit \(resources\.limits\.cpu is not set\)$/],
    },
    {
      name: 'requests but no limits, memory limit only, empty or null cpu limit',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    resources: # fails
      requests: {cpu: 100m}
  - name: b
    image: nginx:1.27
    resources:
      limits: # fails
        memory: 256Mi
  - name: c
    image: nginx:1.27
    resources:
      limits:
        cpu: "" # fails
  - name: d
    image: nginx:1.27
    resources:
      limits:
        cpu: null # fails
`,
      paths: [
        'spec.containers[0].resources.limits.cpu',
        'spec.containers[1].resources.limits.cpu',
        'spec.containers[2].resources.limits.cpu',
        'spec.containers[3].resources.limits.cpu',
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
    resources: {limits: {cpu: 500m}}
  initContainers:
  - name: setup # fails
    image: busybox:1.36
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
`,
      paths: ['spec.initContainers[0].resources.limits.cpu'],
      messages: [/init container "setup" has no CPU limit/],
    },
  ],
});
