import { testControl } from '../../testing/control-tester.js';
import { binding, roleAndBinding } from '../../testing/rbac-yaml.js';
import control from './cluster-admin-binding.js';

testControl(control, {
  valid: [
    binding({ roleKind: 'ClusterRole', roleName: 'edit', subjects: ['{kind: ServiceAccount, name: ci, namespace: build}'] }),
    { name: 'wildcard verbs on one resource is not cluster-admin', yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: [configmaps], verbs: ["*"]}'], subjects: ['{kind: User, name: a}'] }) },
  ],
  invalid: [
    {
      name: 'ClusterRoleBinding to cluster-admin',
      yaml: binding({ cluster: true, roleKind: 'ClusterRole', roleName: 'cluster-admin', subjects: ['{kind: ServiceAccount, name: tiller, namespace: kube-system} # fails', '{kind: User, name: bob} # fails'] }),
      paths: ['subjects[0]', 'subjects[1]'],
      messages: [/ServiceAccount kube-system\/tiller is bound to cluster-admin in every namespace/, /User bob is bound to cluster-admin/],
    },
    {
      name: 'RoleBinding to cluster-admin: admin of one namespace',
      yaml: binding({ roleKind: 'ClusterRole', roleName: 'cluster-admin', subjects: ['{kind: Group, name: shop-admins}'] }),
      paths: ['subjects[0]'],
      messages: [/Group shop-admins is bound to cluster-admin in namespace shop/],
    },
    {
      name: 'a custom role with * on *',
      yaml: roleAndBinding({ cluster: true, name: 'god', rules: ['{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}'], subjects: ['{kind: User, name: ops}'] }),
      paths: ['subjects[0]'],
      messages: [/User ops is bound to ClusterRole god, which allows every verb on every resource: rule \{verbs \[\*\]/],
    },
    {
      name: 'the built-in cluster-admin binding of system:masters is excepted',
      yaml: binding({ cluster: true, name: 'cluster-admin', roleKind: 'ClusterRole', roleName: 'cluster-admin', subjects: ['{kind: Group, name: "system:masters"}'] }),
      paths: ['subjects[0]'],
      excepted: true,
    },
    {
      name: 'system:masters bound by a binding of its own is not the built-in one',
      yaml: binding({ cluster: true, name: 'extra-admins', roleKind: 'ClusterRole', roleName: 'cluster-admin', subjects: ['{kind: Group, name: "system:masters"}', '{kind: User, name: eve}'] }),
      paths: ['subjects[0]', 'subjects[1]'],
    },
  ],
});
