import { testControl } from '../../testing/control-tester.js';
import control from './seccomp-restricted.js';

const UNSET = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  os: {name: windows}
  containers:
  - name: a # fails
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`;

testControl(control, {
  valid: [
    {
      name: 'a valid pod profile covers containers that set none',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: a
    image: nginx:1.27
  - name: b
    image: nginx:1.27
    securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}
  initContainers: [{name: i, image: busybox:1.36}]
`,
    },
    {
      name: 'each container sets its own, the pod none',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {seccompProfile: {type: RuntimeDefault}}
`,
    },
    { name: 'a Windows pod from v1.25', yaml: UNSET, inputs: { pssVersion: 'v1.25' } },
    { name: 'before v1.19 only the unconfined annotations count (no field is required)', yaml: UNSET, inputs: { pssVersion: 'v1.18' } },
  ],
  invalid: [
    { name: 'a Windows pod before v1.25', yaml: UNSET, inputs: { pssVersion: 'v1.24' }, paths: ['spec.containers[0].securityContext.seccompProfile'] },
    {
      name: 'an invalid pod profile covers nothing; an ephemeral container without one',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    seccompProfile: {type: Unconfined} # fails
  containers:
  - name: a # fails
    image: nginx:1.27
  - name: b
    image: nginx:1.27
    securityContext:
      seccompProfile: {type: RuntimeDefault}
  ephemeralContainers:
  - name: e
    image: busybox:1.36
    securityContext:
      seccompProfile: {type: Unconfined} # fails
`,
      paths: ['spec.securityContext.seccompProfile.type', 'spec.containers[0].securityContext.seccompProfile', 'spec.ephemeralContainers[0].securityContext.seccompProfile.type'],
      messages: [/container "a" has no seccomp profile and the pod sets no valid one/],
    },
    {
      name: 'before v1.19: the baseline annotation check applies at restricted',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined # fails
spec:
  containers: [{name: a, image: nginx:1.27}]
`,
      inputs: { pssVersion: 'v1.18' },
      paths: ['metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]'],
      messages: [/restricted Pod Security Standard forbids \(seccompProfile_baseline, v1\.18\)/],
    },
  ],
});
