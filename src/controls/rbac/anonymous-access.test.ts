import { testControl } from '../../testing/control-tester.js';
import { binding } from '../../testing/rbac-yaml.js';
import control from './anonymous-access.js';

const group = (name: string) => `{kind: Group, name: "${name}", apiGroup: rbac.authorization.k8s.io}`;

testControl(control, {
  valid: [
    binding({ cluster: true, roleKind: 'ClusterRole', roleName: 'view', subjects: [group('readers')] }),
    { name: 'the built-in public-info-viewer binding', yaml: binding({ cluster: true, name: 'system:public-info-viewer', roleKind: 'ClusterRole', roleName: 'system:public-info-viewer', subjects: [group('system:authenticated'), group('system:unauthenticated')] }) },
    { name: 'system:authenticated gets discovery', yaml: binding({ cluster: true, name: 'system:discovery', roleKind: 'ClusterRole', roleName: 'system:discovery', subjects: [group('system:authenticated')] }) },
    { name: 'a ServiceAccount that happens to be named like the group', yaml: binding({ roleKind: 'ClusterRole', roleName: 'view', subjects: ['{kind: ServiceAccount, name: "system:anonymous", namespace: shop}'] }) },
  ],
  invalid: [
    {
      name: 'system:anonymous bound to view',
      yaml: binding({ cluster: true, roleKind: 'ClusterRole', roleName: 'view', subjects: ['{kind: User, name: "system:anonymous", apiGroup: rbac.authorization.k8s.io} # fails'] }),
      paths: ['subjects[0]'],
      messages: [/User system:anonymous \(anyone who can reach the API server\) is bound to ClusterRole view in every namespace/],
    },
    {
      name: 'system:unauthenticated in a namespace',
      yaml: binding({ roleKind: 'ClusterRole', roleName: 'edit', subjects: [group('readers'), `${group('system:unauthenticated')} # fails`] }),
      paths: ['subjects[1]'],
      messages: [/Group system:unauthenticated .* in namespace shop/],
    },
    {
      name: 'system:authenticated granted more than discovery',
      yaml: binding({ cluster: true, roleKind: 'ClusterRole', roleName: 'view', subjects: [group('system:authenticated')] }),
      paths: ['subjects[0]'],
      messages: [/every account and service account.*more than discovery/],
    },
  ],
});
