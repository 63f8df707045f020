import { testControl } from '../../testing/control-tester.js';
import control from './externally-exposed.js';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`;

testControl(control, {
  valid: [
    {
      name: 'a ClusterIP Service',
      noWorkloadVariants: true,
      yaml: `${DEPLOY}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
`,
    },
  ],
  invalid: [
    {
      name: 'a LoadBalancer names the workloads it reaches',
      noWorkloadVariants: true,
      yaml: `${DEPLOY}---
apiVersion: v1
kind: Service
metadata: {name: web-lb, namespace: shop}
spec:
  type: LoadBalancer # fails
  selector: {app: web}
  ports: [{port: 80}]
`,
      paths: ['spec.type'],
      messages: [/Service type LoadBalancer web-lb is reachable from outside the cluster and reaches Deployment web/],
    },
    {
      name: 'a NodePort',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Service
metadata: {name: np, namespace: shop}
spec: {type: NodePort, selector: {app: none}, ports: [{port: 80}]}
`,
      paths: ['spec.type'],
      messages: [/reaches no workload in the input/],
    },
    {
      name: 'trap: a ClusterIP Service with externalIPs is exposed too',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Service
metadata: {name: ext, namespace: shop}
spec:
  selector: {app: web}
  externalIPs: [203.0.113.10]
  ports: [{port: 80}]
`,
      paths: ['spec.externalIPs'],
    },
    {
      name: 'an Ingress reaches workloads through its backend Service',
      noWorkloadVariants: true,
      yaml: `${DEPLOY}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`,
      paths: ['spec'],
      messages: [/Ingress shop .* reaches Deployment web/],
    },
    {
      name: 'a Gateway API HTTPRoute',
      noWorkloadVariants: true,
      yaml: `${DEPLOY}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  parentRefs: [{name: public}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
`,
      paths: ['spec'],
      messages: [/HTTPRoute web/],
    },
  ],
});
