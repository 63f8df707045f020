import { testControl } from '../../testing/control-tester.js';
import { binding, roleAndBinding } from '../../testing/rbac-yaml.js';
import control from './rbac-exec-attach.js';

const sa = '{kind: ServiceAccount, name: app, namespace: shop}';

testControl(control, {
  valid: [
    roleAndBinding({ rules: ['{apiGroups: [""], resources: [pods, pods/log], verbs: [get, list, create]}'], subjects: [sa] }),
    { name: 'get on pods/exec is not create', yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: [pods/exec], verbs: [get]}'], subjects: [sa] }) },
    { name: 'pods/* is not a wildcard over subresources (the authorizer only knows */<subresource>)', yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: ["pods/*"], verbs: [create]}'], subjects: [sa] }) },
    { name: 'built-in view', yaml: binding({ roleKind: 'ClusterRole', roleName: 'view', subjects: [sa] }) },
  ],
  invalid: [
    {
      name: 'create pods/exec',
      yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: [pods, pods/exec], verbs: [get, create]}'], subjects: [`${sa} # fails`] }),
      paths: ['subjects[0]'],
      messages: [/ServiceAccount shop\/app may exec into, attach to or port-forward pods in namespace shop \(create pods\/exec\)/],
    },
    {
      name: '*/exec covers exec of every resource',
      yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: ["*/exec"], verbs: [create]}'], subjects: ['{kind: User, name: alice}'] }),
      paths: ['subjects[0]'],
      messages: [/User alice .*\(create pods\/exec\)/],
    },
    {
      name: 'portforward alone',
      yaml: roleAndBinding({ cluster: true, rules: ['{apiGroups: [""], resources: [pods/portforward], verbs: [create]}'], subjects: ['{kind: Group, name: devs}'] }),
      paths: ['subjects[0]'],
      messages: [/Group devs .* in every namespace \(create pods\/portforward\)/],
    },
    {
      name: 'built-in edit role',
      yaml: binding({ roleKind: 'ClusterRole', roleName: 'edit', subjects: [sa] }),
      paths: ['subjects[0]'],
    },
  ],
});
