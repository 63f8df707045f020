import { testControl } from '../../testing/control-tester.js';
import control from './host-namespaces.js';

testControl(control, {
  valid: [
    `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
`,
    {
      name: 'false is the same as unset',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostNetwork: false
  hostPID: false
  hostIPC: false
  containers: [{name: a, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'each of the three namespaces, at any version',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostNetwork: true # fails
  hostPID: true # fails
  hostIPC: true # fails
  containers: [{name: a, image: nginx:1.27}]
`,
      inputs: { pssVersion: 'v1.0' },
      paths: ['spec.hostNetwork', 'spec.hostPID', 'spec.hostIPC'],
      messages: [/hostNetwork: true.*\(hostNamespaces\)/],
    },
    {
      name: 'a Windows pod is not exempt',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  os: {name: windows}
  hostNetwork: true # fails
  containers: [{name: a, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}]
`,
      paths: ['spec.hostNetwork'],
    },
  ],
});
