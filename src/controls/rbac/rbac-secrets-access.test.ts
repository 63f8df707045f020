import { testControl } from '../../testing/control-tester.js';
import { binding, roleAndBinding } from '../../testing/rbac-yaml.js';
import control from './rbac-secrets-access.js';

const sa = '{kind: ServiceAccount, name: app, namespace: shop}';

testControl(control, {
  valid: [
    roleAndBinding({ rules: ['{apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}'], subjects: [sa] }),
    { name: 'create secrets only (write, not read)', yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: [secrets], verbs: [create]}'], subjects: [sa] }) },
    { name: 'secrets in another API group are not core Secrets', yaml: roleAndBinding({ rules: ['{apiGroups: [example.com], resources: [secrets], verbs: [get]}'], subjects: [sa] }) },
    { name: 'built-in view does not read secrets', yaml: binding({ roleKind: 'ClusterRole', roleName: 'view', subjects: [sa] }) },
  ],
  invalid: [
    {
      name: 'a Role reading secrets, bound to a ServiceAccount',
      yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: [secrets, configmaps], verbs: [get, list, watch]}'], subjects: [`${sa} # fails`] }),
      paths: ['subjects[0]'],
      messages: [/ServiceAccount shop\/app may read Secrets in namespace shop \(get secrets\)/, /rule \{verbs \[get, list, watch\].*in Role app at case\.yaml:5/],
    },
    {
      name: 'wildcard verbs and resources, every subject of a ClusterRoleBinding',
      yaml: roleAndBinding({
        cluster: true,
        rules: ['{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}'],
        subjects: ['{kind: User, name: alice}', '{kind: Group, name: ops}', '{kind: ServiceAccount, name: ci, namespace: build}'],
      }),
      paths: ['subjects[0]', 'subjects[1]', 'subjects[2]'],
      messages: [/User alice may read Secrets in every namespace/, /Group ops/, /ServiceAccount build\/ci/],
    },
    {
      name: 'the built-in edit role reads secrets',
      yaml: binding({ roleKind: 'ClusterRole', roleName: 'edit', subjects: ['{kind: User, name: dev}'] }),
      paths: ['subjects[0]'],
      messages: [/User dev may read Secrets in namespace shop.*\(built-in role\)/],
    },
    {
      name: 'aggregated ClusterRole: the permission comes from a part',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {example.com/aggregate-to-monitoring: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring-secrets
  labels: {example.com/aggregate-to-monitoring: "true"}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [list]}
---
${binding({ cluster: true, roleKind: 'ClusterRole', roleName: 'monitoring', subjects: ['{kind: ServiceAccount, name: prom, namespace: monitoring}'] })}`,
      paths: ['subjects[0]'],
      messages: [/ServiceAccount monitoring\/prom may read Secrets in every namespace \(list secrets\).*ClusterRole monitoring-secrets/],
    },
    {
      name: 'a ServiceAccount subject in another namespace keeps its own namespace',
      yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: [secrets], verbs: [watch]}'], subjects: ['{kind: ServiceAccount, name: deployer, namespace: ci}'] }),
      paths: ['subjects[0]'],
      messages: [/ServiceAccount ci\/deployer may read Secrets in namespace shop/],
    },
    {
      name: 'a system: role bound to system: subjects is excepted as built-in',
      yaml: roleAndBinding({
        cluster: true, name: 'system:controller:example',
        rules: ['{apiGroups: [""], resources: [secrets], verbs: [get]}'],
        subjects: ['{kind: User, name: "system:kube-controller-manager"}'],
      }),
      paths: ['subjects[0]'],
      excepted: true,
    },
  ],
  skipped: [
    { name: 'a role nobody binds grants nothing', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [get]}
`, reason: /no RoleBindings or ClusterRoleBindings/ },
  ],
});
