import { testControl } from '../../testing/control-tester.js';
import { binding } from '../../testing/rbac-yaml.js';
import control from './cloud-identity-with-rbac.js';

const sa = (annotation: string) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: uploader
  namespace: shop
  annotations:
    ${annotation}
`;
const bound = binding({ roleKind: 'ClusterRole', roleName: 'view', subjects: ['{kind: ServiceAccount, name: uploader, namespace: shop}'] });

testControl(control, {
  valid: [
    { name: 'cloud identity, no bindings', yaml: sa('eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/uploader"') },
    {
      name: 'a binding of a same-named ServiceAccount in another namespace',
      yaml: `${sa('iam.gke.io/gcp-service-account: uploader@proj.iam.gserviceaccount.com')}---\n${binding({ roleKind: 'ClusterRole', roleName: 'view', subjects: ['{kind: ServiceAccount, name: uploader, namespace: other}'] })}`,
    },
  ],
  invalid: [
    {
      name: 'EKS role ARN and a RoleBinding',
      yaml: `${sa('eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/uploader" # fails')}---\n${bound}`,
      paths: ['metadata.annotations["eks.amazonaws.com/role-arn"]'],
      messages: [/ServiceAccount uploader is mapped to a cloud identity \(eks\.amazonaws\.com\/role-arn\) and also bound to Kubernetes roles: RoleBinding app → ClusterRole view/],
    },
    {
      name: 'Azure workload identity bound to a role that is not in the input still counts',
      yaml: `${sa('azure.workload.identity/client-id: 00000000-0000-0000-0000-000000000000')}---\n${binding({ roleKind: 'Role', roleName: 'unknown', subjects: ['{kind: ServiceAccount, name: uploader, namespace: shop}'] })}`,
      paths: ['metadata.annotations["azure.workload.identity/client-id"]'],
    },
  ],
  skipped: [{ yaml: bound, reason: /no ServiceAccounts with cloud workload identity/ }],
});
