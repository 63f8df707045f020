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
      name: 'default of another namespace is bound: only that binding fails, not the pod in shop',
      yaml: `${pod()}---\n${binding({ namespace: 'other', roleKind: 'ClusterRole', roleName: 'view', subjects: ['{kind: ServiceAccount, name: default}'] })}`,
      paths: ['subjects[0]'],
      messages: [/ServiceAccount other\/default is granted/],
      noWorkloadVariants: true,
    },
  ],
  skipped: [{ yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n', reason: /no bindings or workloads/ }],
});
