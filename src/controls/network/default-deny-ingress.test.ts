import { testControl } from '../../testing/control-tester.js';
import control from './default-deny-ingress.js';

const NS = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

testControl(control, {
  valid: [
    {
      name: 'namespace with a default-deny ingress policy',
      noWorkloadVariants: true,
      yaml: `${NS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`,
    },
    {
      name: 'policyTypes omitted: a policy without egress rules is an ingress policy by default',
      noWorkloadVariants: true,
      yaml: `${NS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}}
`,
    },
    {
      name: 'a namespace known only from the resources in it',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: shop}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`,
    },
  ],
  invalid: [
    {
      name: 'no NetworkPolicy at all',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop # fails
`,
      paths: ['metadata.name'],
      messages: [/namespace shop has no NetworkPolicy at all/],
    },
    {
      name: 'trap: a select-all policy that allows every source back in is not a default deny',
      noWorkloadVariants: true,
      yaml: `${NS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress: [{}]
`,
      paths: ['metadata.name'],
      messages: [/has NetworkPolicy allow-all, which allows all ingress traffic to every pod in it/],
    },
    {
      name: 'a policy that selects only some pods',
      noWorkloadVariants: true,
      yaml: `${NS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}
`,
      paths: ['metadata.name'],
    },
    {
      name: 'an egress-only default deny does not cover ingress',
      noWorkloadVariants: true,
      yaml: `${NS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
`,
      paths: ['metadata.name'],
    },
    {
      name: 'a namespace used by a workload but not declared points at the workload namespace field',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: orders # fails
spec:
  containers: [{name: a, image: nginx:1.27}]
`,
      paths: ['metadata.name'],
      messages: [/namespace orders has no NetworkPolicy/],
    },
  ],
});
