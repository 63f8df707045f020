import { testControl } from '../../testing/control-tester.js';
import control from './apparmor-profile.js';

testControl(control, {
  valid: [
    {
      name: 'RuntimeDefault and Localhost fields; empty, runtime/default and localhost/ annotations',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    container.apparmor.security.beta.kubernetes.io/a: runtime/default
    container.apparmor.security.beta.kubernetes.io/b: localhost/my-profile
    container.apparmor.security.beta.kubernetes.io/c: ""
    apparmor.security.beta.kubernetes.io/other: unconfined
spec:
  securityContext: {appArmorProfile: {type: RuntimeDefault}}
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {appArmorProfile: {type: Localhost, localhostProfile: my-profile}}
`,
    },
  ],
  invalid: [
    {
      name: 'Unconfined on the pod, an init container and an ephemeral container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    appArmorProfile: {type: Unconfined} # fails
  containers: [{name: a, image: nginx:1.27}]
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext:
      appArmorProfile: {type: Unconfined} # fails
  ephemeralContainers:
  - name: e
    image: busybox:1.36
    securityContext:
      appArmorProfile: {} # fails
`,
      paths: [
        'spec.securityContext.appArmorProfile.type',
        'spec.initContainers[0].securityContext.appArmorProfile.type',
        'spec.ephemeralContainers[0].securityContext.appArmorProfile.type',
      ],
      messages: [/the pod sets appArmorProfile.type "Unconfined"/, /ephemeral container "e" sets appArmorProfile.type ""/],
    },
    {
      name: 'annotations: unconfined, and one naming no container of the pod',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    container.apparmor.security.beta.kubernetes.io/a: unconfined # fails
    container.apparmor.security.beta.kubernetes.io/ghost: custom # fails
spec:
  containers: [{name: a, image: nginx:1.27}]
`,
      paths: [
        'metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]',
        'metadata.annotations["container.apparmor.security.beta.kubernetes.io/ghost"]',
      ],
    },
  ],
});
