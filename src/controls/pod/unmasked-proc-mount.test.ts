import { testControl } from '../../testing/control-tester.js';
import control from './unmasked-proc-mount.js';

testControl(control, {
  valid: [
    {
      name: 'procMount unset',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27, securityContext: {runAsNonRoot: true}}]
  initContainers: [{name: i, image: busybox:1.36}]
`,
    },
    {
      name: 'procMount Default on every container type',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {procMount: Default}
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext: {procMount: Default}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext: {procMount: Default}
`,
    },
  ],
  invalid: [
    {
      name: 'regular container with an unmasked /proc',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostUsers: false
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      procMount: Unmasked # fails
`,
      paths: ['spec.containers[0].securityContext.procMount'],
      messages: [/^container "a" mounts \/proc unmasked \(procMount: Unmasked\)$/],
    },
    {
      name: 'init and ephemeral containers count; a Default one does not',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostUsers: false
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {procMount: Default}
  initContainers:
  - name: init
    image: busybox:1.36
    securityContext: {procMount: Unmasked} # fails
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext:
      procMount: Unmasked # fails
`,
      paths: ['spec.initContainers[0].securityContext.procMount', 'spec.ephemeralContainers[0].securityContext.procMount'],
      messages: [/init container "init" mounts \/proc unmasked/, /ephemeral container "debug" mounts \/proc unmasked/],
    },
  ],
});
