import { testControl } from '../../testing/control-tester.js';
import control from './privileged-container.js';

testControl(control, {
  valid: [
    {
      name: 'no securityContext anywhere',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
  initContainers: [{name: i, image: busybox:1.36}]
`,
    },
    {
      name: 'privileged: false explicitly, on every container type',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {privileged: false}
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext: {privileged: false}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext: {privileged: false}
`,
    },
    {
      name: 'a string "true" is not privileged: true',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {privileged: "true"}
`,
    },
  ],
  invalid: [
    {
      name: 'privileged regular container',
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
      privileged: true # fails
`,
      paths: ['spec.containers[1].securityContext.privileged'],
      messages: [/^container "b" is privileged/],
    },
    {
      name: 'privileged init and ephemeral containers',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
  initContainers:
  - name: setup
    image: busybox:1.36
    securityContext: {privileged: true} # fails
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext:
      privileged: true # fails
`,
      paths: ['spec.initContainers[0].securityContext.privileged', 'spec.ephemeralContainers[0].securityContext.privileged'],
      messages: [/init container "setup" is privileged/, /ephemeral container "debug" is privileged/],
    },
  ],
});
