import { testControl } from '../../testing/control-tester.js';
import control from './default-namespace.js';

testControl(control, {
  valid: [
    {
      name: 'a workload in its own namespace',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers: [{name: a, image: nginx:1.27}]
`,
    },
    {
      name: 'objects Kubernetes creates in default, and cluster-scoped kinds',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: default}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kube-root-ca.crt, namespace: default}
data: {ca.crt: "..."}
---
apiVersion: v1
kind: Service
metadata: {name: kubernetes, namespace: default}
spec:
  ports: [{name: https, port: 443}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: []
---
apiVersion: v1
kind: Namespace
metadata: {name: default}
`,
    },
  ],
  invalid: [
    {
      name: 'a workload in default',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: default # fails
spec:
  containers: [{name: a, image: nginx:1.27}]
`,
      paths: ['metadata.namespace'],
      messages: [/^(Pod|Deployment|CronJob) "p" is in the default namespace$/],
    },
    {
      name: 'a workload without a namespace',
      yaml: `apiVersion: v1
kind: Pod
metadata: # fails
  name: p
  labels: {app: p}
spec:
  containers: [{name: a, image: nginx:1.27}]
`,
      paths: ['metadata.namespace'],
      messages: [/^(Pod|Deployment|CronJob) "p" has no namespace and will land in the current context's namespace, usually default$/],
    },
    {
      name: 'every kind users create: Service, ConfigMap, Secret, Role, RoleBinding, ServiceAccount, Ingress, NetworkPolicy, PVC',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: default}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: default}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: app}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: default}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: default}
spec: {podSelector: {}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: default}
`,
      // one path per resource, all at metadata.namespace
      paths: Array(9).fill('metadata.namespace'),
      messages: [
        /^Service "web" is in the default namespace$/,
        /^ConfigMap "cfg" has no namespace/,
        /^Secret "creds" is in the default namespace$/,
        /^Role "r" is/, /^RoleBinding "rb" is/, /^ServiceAccount "app" has no namespace/,
        /^Ingress "web" is/, /^NetworkPolicy "deny" is/, /^PersistentVolumeClaim "data" is/,
      ],
    },
    {
      name: 'a Service named kubernetes written without a namespace is a user object; an empty namespace is no namespace',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Service
metadata: {name: kubernetes}
spec:
  ports: [{port: 443}]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: ""
`,
      // one path per resource; lines are checked on single-resource cases (the tester maps lines by path)
      paths: ['metadata.namespace', 'metadata.namespace'],
      messages: [/^Service "kubernetes" has no namespace/, /^ConfigMap "cfg" has no namespace/],
    },
  ],
});
