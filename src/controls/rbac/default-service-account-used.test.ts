import { testControl } from '../../testing/control-tester.js';
import { binding } from '../../testing/rbac-yaml.js';
import control from './default-service-account-used.js';

const pod = (extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
${extra}  containers:
  - {name: web, image: nginx:1.27}
`;

testControl(control, {
  valid: [
    { name: 'a workload on default while default has no bindings', yaml: pod() },
    { name: 'a dedicated ServiceAccount is bound', yaml: `${pod('  serviceAccountName: web\n')}---\n${binding({ roleKind: 'ClusterRole', roleName: 'view', subjects: ['{kind: ServiceAccount, name: web, namespace: shop}'] })}` },
  ],
  invalid: [
    {
      name: 'a binding grants the default ServiceAccount',
      yaml: binding({ roleKind: 'ClusterRole', roleName: 'view', subjects: ['{kind: ServiceAccount, name: default, namespace: shop} # fails'] }),
      paths: ['subjects[0]'],
      messages: [/ServiceAccount shop\/default is granted ClusterRole view in namespace shop/],
    },
    {
      name: 'a workload runs as default while default has bindings: both reported',
      yaml: `${pod()}---\n${binding({ roleKind: 'ClusterRole', roleName: 'view', subjects: ['{kind: ServiceAccount, name: default}'] })}`,
      paths: ['spec.serviceAccountName', 'subjects[0]'],
      lines: [4, 13],
      messages: [/Pod web runs as ServiceAccount shop\/default, which has bindings \(app\)/],
      noWorkloadVariants: true,
    },
    {
      name: 'a mirror pod runs with no ServiceAccount, so only the binding of default fails, not the static pod',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: kube-proxy-node1
  namespace: shop
  annotations: {kubernetes.io/config.mirror: 2f1e0d9c8b7a6f5e4d3c2b1a09f8e7d6}
spec:
  containers:
  - {name: kube-proxy, image: registry.k8s.io/kube-proxy:v1.31.0}
---
${binding({ roleKind: 'ClusterRole', roleName: 'view', subjects: ['{kind: ServiceAccount, name: default} # fails'] })}`,
      paths: ['subjects[0]'],
      noWorkloadVariants: true,
    },
    {
      name: 'default of another namespace is bound: only that binding fails, not the pod in shop',
      yaml: `${pod()}---\n${binding({ namespace: 'other', roleKind: 'ClusterRole', roleName: 'view', subjects: ['{kind: ServiceAccount, name: default}'] })}`,
      paths: ['subjects[0]'],
      messages: [/ServiceAccount other\/default is granted/],
      noWorkloadVariants: true,
    },
  ],
  skipped: [{ yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n', reason: /no bindings or workloads/ }],
});
