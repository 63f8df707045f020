import { testControl } from '../../testing/control-tester.js';
import control from './seccomp-baseline.js';

const ANNOTATED = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
    container.seccomp.security.alpha.kubernetes.io/a: unconfined
spec:
  containers: [{name: a, image: nginx:1.27}]
`;

testControl(control, {
  valid: [
    {
      name: 'unset is allowed at baseline; RuntimeDefault and Localhost',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}
  - name: b
    image: nginx:1.27
`,
    },
    { name: 'from v1.19 the annotations are not read', yaml: ANNOTATED, inputs: { pssVersion: 'v1.19' } },
    {
      name: 'before v1.19 the fields are not read',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {seccompProfile: {type: Unconfined}}
  containers: [{name: a, image: nginx:1.27}]
`,
      inputs: { pssVersion: 'v1.18' },
    },
  ],
  invalid: [
    {
      name: 'Unconfined on the pod and on an ephemeral container; a profile without a type',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    seccompProfile: {type: Unconfined} # fails
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      seccompProfile: {} # fails
  ephemeralContainers:
  - name: e
    image: busybox:1.36
    securityContext: {seccompProfile: {type: Unconfined}} # fails
`,
      paths: [
        'spec.securityContext.seccompProfile.type',
        'spec.containers[0].securityContext.seccompProfile.type',
        'spec.ephemeralContainers[0].securityContext.seccompProfile.type',
      ],
      messages: [/the pod sets seccompProfile.type "Unconfined"/],
    },
    {
      name: 'before v1.19: the unconfined annotations of the pod and of a container',
      yaml: ANNOTATED.replace('/pod: unconfined', '/pod: unconfined # fails').replace('/a: unconfined', '/a: unconfined # fails'),
      inputs: { pssVersion: 'v1.18' },
      paths: [
        'metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]',
        'metadata.annotations["container.seccomp.security.alpha.kubernetes.io/a"]',
      ],
      messages: [/\(seccompProfile_baseline, v1\.18\)/],
    },
  ],
});
