import { testControl } from '../../testing/control-tester.js';
import control from './read-only-root-filesystem.js';

testControl(control, {
  valid: [
    {
      name: 'read-only on every container type',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {readOnlyRootFilesystem: true}
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext: {readOnlyRootFilesystem: true}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext: {readOnlyRootFilesystem: true}
`,
    },
  ],
  invalid: [
    {
      name: 'unset: the path is where it should be set',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a # fails
    image: nginx:1.27
`,
      paths: ['spec.containers[0].securityContext.readOnlyRootFilesystem'],
      messages: [/^container "a" has a writable root filesystem: readOnlyRootFilesystem is not set$/],
    },
    {
      name: 'explicitly false',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      runAsNonRoot: true
      readOnlyRootFilesystem: false # fails
`,
      paths: ['spec.containers[0].securityContext.readOnlyRootFilesystem'],
      messages: [/readOnlyRootFilesystem is false/],
    },
    {
      name: 'a pod-level setting does not exist, so it does not help; init and ephemeral containers count',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    readOnlyRootFilesystem: true
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {readOnlyRootFilesystem: true}
  initContainers:
  - name: init
    image: busybox:1.36
    securityContext: {runAsNonRoot: true} # fails
  ephemeralContainers:
  - name: debug # fails
    image: busybox:1.36
`,
      paths: ['spec.initContainers[0].securityContext.readOnlyRootFilesystem', 'spec.ephemeralContainers[0].securityContext.readOnlyRootFilesystem'],
      messages: [/init container "init" has a writable root filesystem/, /ephemeral container "debug" has a writable root filesystem/],
    },
  ],
});
