import { testControl } from '../../testing/control-tester.js';
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
