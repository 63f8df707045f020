import { testControl } from '../../testing/control-tester.js';
import { binding, roleAndBinding } from '../../testing/rbac-yaml.js';
import control from './rbac-create-workloads.js';

const sa = '{kind: ServiceAccount, name: app, namespace: shop}';

testControl(control, {
  valid: [
    roleAndBinding({ rules: ['{apiGroups: [""], resources: [pods], verbs: [get, list]}'], subjects: [sa] }),
    { name: 'update (not create) deployments', yaml: roleAndBinding({ rules: ['{apiGroups: [apps], resources: [deployments], verbs: [get, update, patch]}'], subjects: [sa] }) },
    { name: 'deployments in the core group do not exist', yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: [deployments], verbs: [create]}'], subjects: [sa] }) },
    { name: 'built-in view', yaml: binding({ roleKind: 'ClusterRole', roleName: 'view', subjects: [sa] }) },
  ],
  invalid: [
    {
      name: 'create pods',
      yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: [pods], verbs: [create, get, list]}'], subjects: [`${sa} # fails`] }),
      paths: ['subjects[0]'],
      messages: [/ServiceAccount shop\/app may create workloads in namespace shop \(create pods\)/],
    },
    {
      name: 'create cronjobs',
      yaml: roleAndBinding({ cluster: true, rules: ['{apiGroups: [batch], resources: [cronjobs], verbs: [create]}'], subjects: ['{kind: User, name: ci}'] }),
      paths: ['subjects[0]'],
      messages: [/User ci may create workloads in every namespace \(create cronjobs\)/],
    },
    {
      name: 'wildcard apiGroups and verbs over daemonsets',
      yaml: roleAndBinding({ rules: ['{apiGroups: ["*"], resources: [daemonsets], verbs: ["*"]}'], subjects: [sa] }),
      paths: ['subjects[0]'],
      messages: [/create daemonsets/],
    },
    {
      name: 'built-in edit',
      yaml: binding({ roleKind: 'ClusterRole', roleName: 'edit', subjects: [sa, '{kind: Group, name: devs}'] }),
      paths: ['subjects[0]', 'subjects[1]'],
    },
  ],
});
