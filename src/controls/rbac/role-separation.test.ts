import { testControl } from '../../testing/control-tester.js';
import { binding, roleAndBinding } from '../../testing/rbac-yaml.js';
import control from './role-separation.js';

const rbacWrite = '{apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create, update]}';
const deploy = '{apiGroups: [apps], resources: [deployments], verbs: [create, update]}';

testControl(control, {
  valid: [
    { name: 'only infrastructure', yaml: roleAndBinding({ cluster: true, rules: [deploy], subjects: ['{kind: User, name: ops}'] }) },
    { name: 'only RBAC administration', yaml: roleAndBinding({ cluster: true, rules: [rbacWrite], subjects: ['{kind: User, name: sec}'] }) },
    {
      name: 'the two powers held by two different subjects',
      yaml: `${roleAndBinding({ cluster: true, name: 'rbac-admin', rules: [rbacWrite], subjects: ['{kind: User, name: sec}'] })}---\n${roleAndBinding({ cluster: true, name: 'deployer', rules: [deploy], subjects: ['{kind: User, name: ops}'] })}`,
    },
  ],
  invalid: [
    {
      name: 'one role gives both',
      yaml: roleAndBinding({ cluster: true, name: 'platform', rules: [rbacWrite, deploy], subjects: ['{kind: User, name: ops-bot} # fails'] }),
      paths: ['subjects[0]'],
      messages: [/User ops-bot may manage RBAC \(via ClusterRoleBinding platform → ClusterRole platform\) and infrastructure \(via ClusterRoleBinding platform → ClusterRole platform\)/],
    },
    {
      name: 'two bindings of one subject combine: both bindings are reported',
      yaml: `${roleAndBinding({ cluster: true, name: 'rbac-admin', rules: [rbacWrite], subjects: ['{kind: ServiceAccount, name: argo, namespace: argocd}'] })}---\n${roleAndBinding({ cluster: true, name: 'deployer', rules: [deploy], subjects: ['{kind: ServiceAccount, name: argo, namespace: argocd}'] })}`,
      paths: ['subjects[0]', 'subjects[0]'],
      messages: [/ServiceAccount argocd\/argo may manage RBAC \(via ClusterRoleBinding rbac-admin → ClusterRole rbac-admin\) and infrastructure \(via ClusterRoleBinding deployer → ClusterRole deployer\)/],
    },
    {
      name: 'the built-in admin role in a namespace',
      yaml: binding({ roleKind: 'ClusterRole', roleName: 'admin', subjects: ['{kind: Group, name: shop-leads}'] }),
      paths: ['subjects[0]'],
      messages: [/Group shop-leads may manage RBAC/],
    },
  ],
});
