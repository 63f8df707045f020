import { testControl } from '../../testing/control-tester.js';
import control from './windows-host-process.js';

testControl(control, {
  valid: [
    {
      name: 'no windowsOptions',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
  initContainers: [{name: i, image: busybox:1.36}]
`,
    },
    {
      name: 'windowsOptions without hostProcess, and hostProcess false',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    windowsOptions: {runAsUserName: ContainerUser, hostProcess: false}
  containers:
  - name: a
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    securityContext:
      windowsOptions: {gmsaCredentialSpecName: app}
  ephemeralContainers:
  - name: debug
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    securityContext:
      windowsOptions: {hostProcess: false}
`,
    },
  ],
  invalid: [
    {
      name: 'pod-level hostProcess is reported once, on the pod',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostNetwork: true
  securityContext:
    windowsOptions:
      hostProcess: true # fails
  containers:
  - name: a
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
  - name: b
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
      paths: ['spec.securityContext.windowsOptions.hostProcess'],
      messages: [/^the pod runs its containers as Windows host processes/],
    },
    {
      name: 'container-level hostProcess, even though the pod says false',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    windowsOptions: {hostProcess: false}
  containers:
  - name: a
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    securityContext:
      windowsOptions:
        hostProcess: true # fails
`,
      paths: ['spec.containers[0].securityContext.windowsOptions.hostProcess'],
      messages: [/^container "a" runs as a Windows host process/],
    },
    {
      name: 'pod and init/ephemeral container levels all reported',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    windowsOptions: {hostProcess: true} # fails
  containers:
  - name: a
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
  initContainers:
  - name: init
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    securityContext:
      windowsOptions: {hostProcess: true} # fails
  ephemeralContainers:
  - name: debug
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    securityContext:
      windowsOptions: {hostProcess: true} # fails
`,
      paths: [
        'spec.securityContext.windowsOptions.hostProcess',
        'spec.initContainers[0].securityContext.windowsOptions.hostProcess',
        'spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess',
      ],
      messages: [/init container "init" runs as a Windows host process/, /ephemeral container "debug" runs as a Windows host process/],
    },
  ],
});
