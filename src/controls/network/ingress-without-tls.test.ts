import { testControl } from '../../testing/control-tester.js';
import control from './ingress-without-tls.js';

const rule = (host: string) => `  - host: ${host}
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}`;

testControl(control, {
  valid: [
    {
      name: 'every host listed under tls',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  tls: [{hosts: [shop.example.com, api.example.com], secretName: tls}]
  rules:
${rule('shop.example.com')}
${rule('api.example.com')}
`,
    },
    {
      name: 'a wildcard certificate covers one label',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  tls: [{hosts: ["*.example.com"], secretName: tls}]
  rules:
${rule('shop.example.com')}
`,
    },
  ],
  invalid: [
    {
      name: 'no tls section',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
  - host: shop.example.com # fails
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`,
      paths: ['spec.rules[0].host'],
      messages: [/host shop\.example\.com is served without TLS/],
    },
    {
      name: 'trap: tls lists one host, the second is plain HTTP',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  tls: [{hosts: [shop.example.com], secretName: tls}]
  rules:
${rule('shop.example.com')}
${rule('admin.example.com')}
`,
      paths: ['spec.rules[1].host'],
    },
    {
      name: 'trap: a wildcard does not cover two labels',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  tls: [{hosts: ["*.example.com"], secretName: tls}]
  rules:
${rule('a.b.example.com')}
`,
      paths: ['spec.rules[0].host'],
    },
  ],
});
