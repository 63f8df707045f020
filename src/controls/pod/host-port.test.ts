import { testControl } from '../../testing/control-tester.js';
import control from './host-port.js';

testControl(control, {
  valid: [
    {
      name: 'container ports without hostPort',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    ports:
    - containerPort: 80
    - {containerPort: 443, name: https}
  initContainers: [{name: i, image: busybox:1.36}]
`,
    },
    {
      name: 'hostPort 0 means no host port',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    ports: [{containerPort: 80, hostPort: 0}]
`,
    },
  ],
  invalid: [
    {
      name: 'one host port',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
      hostPort: 8080 # fails
`,
      paths: ['spec.containers[0].ports[0].hostPort'],
      messages: [/container "web" binds host port 8080 on the node to container port 80\/TCP/],
    },
    {
      name: 'each host port of each container type is its own path',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    ports:
    - containerPort: 80
    - {containerPort: 53, hostPort: 53, protocol: UDP, name: dns} # fails
    - {containerPort: 443, hostPort: 443} # fails
  initContainers:
  - name: i
    image: busybox:1.36
    ports: [{containerPort: 9000, hostPort: 9000}] # fails
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    ports: [{containerPort: 7000, hostPort: 7000}] # fails
`,
      paths: [
        'spec.containers[0].ports[1].hostPort',
        'spec.containers[0].ports[2].hostPort',
        'spec.initContainers[0].ports[0].hostPort',
        'spec.ephemeralContainers[0].ports[0].hostPort',
      ],
      messages: [/53\/UDP \(port "dns"\)/, /init container "i" binds host port 9000/, /ephemeral container "debug"/],
    },
  ],
});
