import { testControl } from '../../testing/control-tester.js';
import control from './long-lived-token-secret.js';

testControl(control, {
  valid: [
    `apiVersion: v1
kind: Secret
metadata: {name: tls, namespace: shop}
type: kubernetes.io/tls
data: {tls.crt: "", tls.key: ""}
`,
  ],
  invalid: [
    {
      name: 'a service-account token Secret',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: ci-token
  namespace: build
  annotations:
    kubernetes.io/service-account.name: ci
type: kubernetes.io/service-account-token # fails
`,
      paths: ['type'],
      messages: [/Secret ci-token holds a non-expiring token for ServiceAccount ci/],
    },
    {
      name: 'in a List as kubectl prints it, without the annotation',
      yaml: `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Secret
  metadata: {name: old-token, namespace: build}
  type: kubernetes.io/service-account-token # fails
`,
      paths: ['type'],
      messages: [/^Secret old-token holds a non-expiring token$/],
    },
  ],
  skipped: [{ yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n', reason: /no Secrets/ }],
});
