import { testControl } from '../../testing/control-tester.js';
import control from './host-namespaces.js';

testControl(control, {
  valid: [
    {
      name: 'neither field set',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
`,
    },
    {
      name: 'both explicitly false, hostNetwork is another control',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostPID: false
  hostIPC: false
  hostNetwork: true
  containers: [{name: a, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'hostPID only',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostPID: true # fails
  containers: [{name: a, image: nginx:1.27}]
`,
      paths: ['spec.hostPID'],
      messages: [/process ID namespace \(hostPID: true\)/],
    },
    {
      name: 'hostIPC only',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
  hostIPC: true # fails
`,
      paths: ['spec.hostIPC'],
      messages: [/IPC namespace \(hostIPC: true\)/],
    },
    {
      name: 'both, each its own path, reported once however many containers',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostPID: true # fails
  hostIPC: true # fails
  containers: [{name: a, image: nginx:1.27}, {name: b, image: nginx:1.27}]
  initContainers: [{name: i, image: busybox:1.36}]
`,
      paths: ['spec.hostPID', 'spec.hostIPC'],
      messages: [/hostPID/, /hostIPC/],
    },
  ],
});
