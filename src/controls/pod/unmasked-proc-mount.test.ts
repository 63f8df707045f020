import { testControl } from '../../testing/control-tester.js';
import control from './unmasked-proc-mount.js';

testControl(control, {
  valid: [
    {
      name: 'procMount unset, or null',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27, securityContext: {runAsNonRoot: true}}]
  initContainers: [{name: i, image: busybox:1.36, securityContext: {procMount: null}}]
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
    {
      // check_procMount.go: relaxPolicyForUserNamespacePod allows every value when hostUsers is false
      name: 'Unmasked in a user namespace (hostUsers: false), on every container type',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostUsers: false
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {procMount: Unmasked}
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext: {procMount: Unmasked}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext: {procMount: Unmasked}
`,
    },
  ],
  invalid: [
    {
      name: 'regular container with an unmasked /proc and no user namespace',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      procMount: Unmasked # fails
`,
      paths: ['spec.containers[0].securityContext.procMount'],
      messages: [/^container "a" mounts \/proc unmasked \(procMount: Unmasked\) in the node's user namespace$/],
    },
    {
      name: 'hostUsers true, or a string "false", is the node\'s user namespace',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostUsers: "false"
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      procMount: Unmasked # fails
`,
      paths: ['spec.containers[0].securityContext.procMount'],
    },
    {
      name: 'anything but Default fails: a lower-case default, an empty string, an unknown value',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostUsers: true
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      procMount: default # fails
  - name: b
    image: nginx:1.27
    securityContext:
      procMount: "" # fails
  - name: c
    image: nginx:1.27
    securityContext:
      procMount: Masked # fails
`,
      paths: ['spec.containers[0].securityContext.procMount', 'spec.containers[1].securityContext.procMount', 'spec.containers[2].securityContext.procMount'],
      messages: [/container "a" sets procMount: "default", which is not Default/, /container "b" sets procMount: "", which is not Default/],
    },
    {
      name: 'init and ephemeral containers count; a Default one does not',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
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
