import { testControl } from '../../testing/control-tester.js';
import control from './run-as-user.js';

const ROOT = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    runAsUser: 0 # fails
  containers: [{name: a, image: nginx:1.27}]
`;

testControl(control, {
  valid: [
    `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {runAsUser: 1000}
  containers:
  - name: a
    image: nginx:1.27
  - name: b
    image: nginx:1.27
    securityContext: {runAsUser: 2000}
`,
  ],
  invalid: [
    { name: 'pod runAsUser 0 at v1.23', yaml: ROOT, inputs: { pssVersion: 'v1.23' }, paths: ['spec.securityContext.runAsUser'], messages: [/the pod sets runAsUser: 0/] },
    {
      name: 'containers of each type with 0; a user namespace does not relax it (alpha gate off)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostUsers: false
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      runAsUser: 0 # fails
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext: {runAsUser: 0} # fails
  ephemeralContainers:
  - name: e
    image: busybox:1.36
    securityContext: {runAsUser: 0} # fails
`,
      paths: ['spec.containers[0].securityContext.runAsUser', 'spec.initContainers[0].securityContext.runAsUser', 'spec.ephemeralContainers[0].securityContext.runAsUser'],
    },
  ],
  skipped: [
    { name: 'before v1.23 the check does not exist', yaml: ROOT, inputs: { pssVersion: 'v1.22' }, reason: /no runAsUser check before v1\.23/ },
  ],
});
