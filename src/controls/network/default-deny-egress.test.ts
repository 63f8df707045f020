import { testControl } from '../../testing/control-tester.js';
import control from './default-deny-egress.js';

const NS = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

testControl(control, {
  valid: [
    {
      name: 'namespace with a default-deny egress policy',
      noWorkloadVariants: true,
      yaml: `${NS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
`,
    },
    {
      name: 'egress rules that allow only DNS keep it a default deny',
      noWorkloadVariants: true,
      yaml: `${NS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{ports: [{port: 53, protocol: UDP}]}]
`,
    },
  ],
  invalid: [
    {
      name: 'trap: policyTypes omitted and no egress rules means an ingress-only policy',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop # fails
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}}
`,
      paths: ['metadata.name'],
      messages: [/egress traffic is allowed by default/],
    },
    {
      name: 'egress to everywhere',
      noWorkloadVariants: true,
      yaml: `${NS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: open, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{}]
`,
      paths: ['metadata.name'],
    },
  ],
});
