import { testControl } from '../../testing/control-tester.js';
import control from './workload-not-isolated.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: {app: web, tier: front}
spec:
  containers: [{name: web, image: nginx:1.27}]
`;

testControl(control, {
  valid: [
    {
      name: 'selected for both directions by matchExpressions',
      yaml: `${POD}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: front, namespace: shop}
spec:
  podSelector:
    matchExpressions: [{key: tier, operator: In, values: [front, edge]}]
  policyTypes: [Ingress, Egress]
`,
    },
    {
      name: 'a namespace-wide policy covers every pod',
      yaml: `${POD}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: all, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`,
    },
  ],
  invalid: [
    {
      name: 'no policy at all',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: {app: web, tier: front} # fails
spec:
  containers: [{name: web, image: nginx:1.27}]
`,
      paths: ['metadata.labels'],
      messages: [/selects these pods for Ingress or Egress/],
    },
    {
      name: 'only ingress covered',
      yaml: `${POD}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec: {podSelector: {matchLabels: {app: web}}}
`,
      paths: ['metadata.labels'],
      messages: [/for Egress$/],
    },
    {
      name: 'trap: a policy in another namespace does not isolate this pod',
      yaml: `${POD}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: all, namespace: other}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`,
      paths: ['metadata.labels'],
    },
    {
      name: 'trap: NotIn excludes this pod',
      yaml: `${POD}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: not-front, namespace: shop}
spec:
  podSelector:
    matchExpressions: [{key: tier, operator: NotIn, values: [front]}]
  policyTypes: [Ingress, Egress]
`,
      paths: ['metadata.labels'],
    },
  ],
});
