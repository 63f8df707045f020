import { testControl } from '../../testing/control-tester.js';
import { binding, roleAndBinding } from '../../testing/rbac-yaml.js';
import control from './cluster-admin-binding.js';

testControl(control, {
  valid: [
    binding({ roleKind: 'ClusterRole', roleName: 'edit', subjects: ['{kind: ServiceAccount, name: ci, namespace: build}'] }),
    { name: 'wildcard verbs on one resource is not cluster-admin', yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: [configmaps], verbs: ["*"]}'], subjects: ['{kind: User, name: a}'] }) },
    {
      name: 'every verb on every resource of one non-core group (apps) is not cluster-admin',
      yaml: roleAndBinding({ cluster: true, rules: ['{apiGroups: [apps], resources: ["*"], verbs: ["*"]}'], subjects: ['{kind: User, name: a}'] }),
    },
    {
      name: 'resourceNames limit a * rule to named objects: not cluster-admin',
      yaml: roleAndBinding({ cluster: true, rules: ['{apiGroups: ["*"], resources: ["*"], verbs: ["*"], resourceNames: [only-this]}'], subjects: ['{kind: User, name: a}'] }),
    },
    {
      name: 'seven of the eight standard verbs (no deletecollection) is not every verb',
      yaml: roleAndBinding({ cluster: true, rules: ['{apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch, create, update, patch, delete]}'], subjects: ['{kind: User, name: a}'] }),
    },
    {
      name: 'pods/* is not a wildcard for the authorizer, and * on pods alone is one resource',
      yaml: roleAndBinding({ cluster: true, rules: ['{apiGroups: [""], resources: [pods, "pods/*"], verbs: ["*"]}'], subjects: ['{kind: User, name: a}'] }),
    },
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
      messages: [/User ops is bound to ClusterRole god, which allows every verb on every resource, cluster-admin in all but name: rule rules\[0\] \{verbs \[\*\]/],
    },
    {
      name: 'cluster-admin in all but name: * on * in the core group only',
      yaml: roleAndBinding({ cluster: true, name: 'core-admin', rules: ['{apiGroups: [""], resources: [configmaps], verbs: [get]}', '{apiGroups: [""], resources: ["*"], verbs: ["*"]}'], subjects: ['{kind: ServiceAccount, name: ops, namespace: tools} # fails'] }),
      paths: ['subjects[0]'],
      messages: [/ServiceAccount tools\/ops is bound to ClusterRole core-admin, which allows every verb on every resource of the core API group \(Secrets, ServiceAccount tokens, Pods on any node\), cluster-admin in all but name: rule rules\[1\] \{verbs \[\*\], resources \[\*\], apiGroups \[""\]\} in ClusterRole core-admin at case\.yaml:6/],
    },
    {
      name: 'cluster-admin in all but name: the eight standard verbs listed one by one, split over two rules, in a Role',
      yaml: roleAndBinding({ name: 'ns-god', rules: ['{apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch]}', '{apiGroups: ["*"], resources: ["*"], verbs: [create, update, patch, delete, deletecollection]}'], subjects: ['{kind: User, name: dev} # fails'] }),
      paths: ['subjects[0]'],
      messages: [/User dev is bound to Role ns-god, which allows every standard verb \(get, list, watch, create, update, patch, delete, deletecollection\) on every resource, cluster-admin in all but name; it lacks only escalate, bind and impersonate, which `\*` would add: rules rules\[0\] .* and rules\[1\] .* in namespace shop/],
    },
    {
      name: 'cluster-admin in all but name through an aggregated ClusterRole: the rule is the part\'s',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: platform}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {rbac.example.com/aggregate-to-platform: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: platform-everything
  labels: {rbac.example.com/aggregate-to-platform: "true"}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: platform}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: platform}
subjects:
- {kind: Group, name: platform-team} # fails
`,
      paths: ['subjects[0]'],
      messages: [/Group platform-team is bound to ClusterRole platform, which allows every verb on every resource, cluster-admin in all but name: rule rules\[0\] \{verbs \[\*\], resources \[\*\], apiGroups \[\*\]\} in ClusterRole platform-everything at case\.yaml:15 in every namespace/],
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
