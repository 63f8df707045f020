import { testControl } from '../../testing/control-tester.js';
import control from './host-network.js';

testControl(control, {
  valid: [
    {
      name: 'not set',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27, ports: [{containerPort: 80}]}]
`,
    },
    {
      name: 'explicitly false, host PID is another control',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostNetwork: false
  hostPID: true
  containers: [{name: a, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'hostNetwork true',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
  hostNetwork: true # fails
  dnsPolicy: ClusterFirstWithHostNet
`,
      paths: ['spec.hostNetwork'],
      messages: [/host's network namespace \(hostNetwork: true\)/],
    },
  ],
});
