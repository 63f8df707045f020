import { describe } from 'node:test';
import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_ETCD, kubeadmApiserver } from '../../testing/control-plane-pods.js';
import control from './service-account-token-mounted.js';

const sa = (name: string, namespace: string, automount?: boolean) => `apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: ${namespace}}
${automount === undefined ? '' : `automountServiceAccountToken: ${automount}\n`}`;

testControl(control, {
  valid: [
    {
      name: 'the pod sets false',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  automountServiceAccountToken: false
  containers: [{name: a, image: nginx:1.27}]
`,
    },
    {
      name: 'the pod\'s false wins over its ServiceAccount\'s true',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  serviceAccountName: api
  automountServiceAccountToken: false
  containers: [{name: a, image: nginx:1.27}]
---
${sa('api', 'app', true)}`,
    },
    {
      name: 'the named ServiceAccount sets false',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  serviceAccountName: api
  containers: [{name: a, image: nginx:1.27}]
---
${sa('api', 'app', false)}`,
    },
    {
      name: 'no serviceAccountName: the namespace\'s default ServiceAccount sets false',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
---
${sa('default', 'app', false)}`,
    },
    {
      name: 'deprecated serviceAccount field names the ServiceAccount',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  serviceAccount: legacy
  containers: [{name: a, image: nginx:1.27}]
---
${sa('legacy', 'app', false)}`,
    },
    {
      name: 'a pod without a namespace uses the default namespace\'s ServiceAccount',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, image: nginx:1.27}]
---
${sa('default', 'default', false)}`,
    },
  ],
  invalid: [
    {
      name: 'nothing set and no ServiceAccount in the input: the Kubernetes default applies',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec: # fails
  containers:
  - name: a
    image: nginx:1.27
`,
      paths: ['spec.automountServiceAccountToken'],
      messages: [/ServiceAccount app\/default is not in the input, so the Kubernetes default \(true\) applies/],
    },
    {
      name: 'the pod sets true, winning over its ServiceAccount\'s false',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  serviceAccountName: api
  automountServiceAccountToken: true # fails
  containers: [{name: a, image: nginx:1.27}]
---
${sa('api', 'app', false)}`,
      paths: ['spec.automountServiceAccountToken'],
      messages: [/^the pod mounts its service account token: the pod sets automountServiceAccountToken: true$/],
    },
    {
      name: 'the ServiceAccount sets true',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  serviceAccountName: api
  containers: [{name: a, image: nginx:1.27}]
---
${sa('api', 'app', true)}`,
      paths: ['spec.automountServiceAccountToken'],
      messages: [/its ServiceAccount app\/api sets it to true/],
    },
    {
      name: 'the ServiceAccount is in the input but does not set the field',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  serviceAccountName: api
  containers: [{name: a, image: nginx:1.27}]
---
${sa('api', 'app')}`,
      paths: ['spec.automountServiceAccountToken'],
      messages: [/neither the pod nor its ServiceAccount app\/api sets automountServiceAccountToken, so the Kubernetes default \(true\) applies/],
    },
    {
      name: 'a ServiceAccount of the same name in another namespace does not count',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  serviceAccountName: api
  containers: [{name: a, image: nginx:1.27}]
---
${sa('api', 'other', false)}`,
      paths: ['spec.automountServiceAccountToken'],
      messages: [/ServiceAccount app\/api is not in the input/],
    },
    {
      name: 'serviceAccountName wins over the deprecated serviceAccount',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  serviceAccountName: api
  serviceAccount: legacy
  containers: [{name: a, image: nginx:1.27}]
---
${sa('legacy', 'app', false)}
---
${sa('api', 'app', true)}`,
      paths: ['spec.automountServiceAccountToken'],
      messages: [/ServiceAccount app\/api sets it to true/],
    },
    {
      name: 'Deployment with its pod template: path is in the template',
      noWorkloadVariants: true,
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: app}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec: # fails
      serviceAccountName: api
      containers: [{name: a, image: nginx:1.27}]
---
${sa('api', 'app')}`,
      paths: ['spec.template.spec.automountServiceAccountToken'],
      messages: [/neither the pod nor its ServiceAccount app\/api sets/],
    },
  ],
});

describe('control service-account-token-mounted on static pods', () => {
  // any static pod, not only the control plane's: the kubelet runs it from its file and no token is mounted into it
  const mirrorAddon = `apiVersion: v1
kind: Pod
metadata:
  name: haproxy-cp1
  namespace: ingress
  annotations: {kubernetes.io/config.mirror: 2f1e0d9c8b7a6f5e4d3c2b1a09f8e7d6}
spec:
  containers: [{name: haproxy, image: haproxy:2.9}]
`;
  testControl(control, {
    valid: [
      { name: 'kubeadm\'s kube-apiserver mirror pod', yaml: kubeadmApiserver(), noWorkloadVariants: true },
      { name: 'kubeadm\'s etcd mirror pod', yaml: KUBEADM_ETCD, noWorkloadVariants: true },
      { name: 'a mirror pod of any static pod, in any namespace', yaml: mirrorAddon, noWorkloadVariants: true },
    ],
    invalid: [
      {
        name: 'the same pods without the mirror annotation, outside a static pod directory, get the default token',
        yaml: kubeadmApiserver({ mirror: false }), noWorkloadVariants: true, paths: ['spec.automountServiceAccountToken'],
      },
      {
        name: 'a Deployment whose template carries the mirror annotation is no static pod',
        yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: app}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata:
      labels: {app: d}
      annotations: {kubernetes.io/config.mirror: x}
    spec:
      containers: [{name: a, image: nginx:1.27}]
`,
        noWorkloadVariants: true, paths: ['spec.template.spec.automountServiceAccountToken'],
      },
    ],
  });
});
