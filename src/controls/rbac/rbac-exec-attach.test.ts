import { testControl } from '../../testing/control-tester.js';
import { binding, roleAndBinding } from '../../testing/rbac-yaml.js';
import control from './rbac-exec-attach.js';

const sa = '{kind: ServiceAccount, name: app, namespace: shop}';

testControl(control, {
  valid: [
    roleAndBinding({ rules: ['{apiGroups: [""], resources: [pods, pods/log], verbs: [get, list, create]}'], subjects: [sa] }),
    {
      name: 'get on pods/exec and pods/attach is not enough from Kubernetes 1.35 (create is enforced)',
      yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: [pods/exec, pods/attach], verbs: [get]}'], subjects: [sa] }),
      inputs: { kubernetesVersion: 'v1.35.0' },
    },
    {
      name: 'nor on a later version with a vendor suffix',
      yaml: roleAndBinding({ cluster: true, rules: ['{apiGroups: [""], resources: [pods/exec], verbs: [get, list, watch]}'], subjects: [sa] }),
      inputs: { kubernetesVersion: 'v1.36.2-gke.1200' },
    },
    {
      name: 'get on pods/portforward never was enough (only exec and attach were upgraded through get)',
      yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: [pods/portforward, pods/log], verbs: [get]}'], subjects: [sa] }),
    },
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
      name: 'get on pods/exec opens a shell before 1.35, and the message says why get counts',
      yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: [pods, pods/exec], verbs: [get]}'], subjects: [`${sa} # fails`] }),
      inputs: { kubernetesVersion: 'v1.34.3' },
      paths: ['subjects[0]'],
      messages: [/ServiceAccount shop\/app may exec into, attach to or port-forward pods in namespace shop \(get pods\/exec\): rule .*; get is enough to exec or attach through a WebSocket upgrade on API servers before 1\.35 \(kubernetes#78741; 1\.35 enforces create by default\): this cluster runs v1\.34\.3, before 1\.35/],
    },
    {
      name: 'get on pods/attach through */attach when the version is not known',
      yaml: roleAndBinding({ cluster: true, rules: ['{apiGroups: [""], resources: ["*/attach"], verbs: [get]}'], subjects: ['{kind: User, name: dev} # fails'] }),
      paths: ['subjects[0]'],
      messages: [/User dev .*\(get pods\/attach\).*the Kubernetes version is not known \(set inputs\.kubernetesVersion, or scan the cluster\)/],
    },
    {
      name: 'a rule with create is quoted for create, not for get',
      yaml: roleAndBinding({ rules: ['{apiGroups: [""], resources: [pods/exec], verbs: [get]}', '{apiGroups: [""], resources: [pods/attach], verbs: [create]}'], subjects: [`${sa} # fails`] }),
      paths: ['subjects[0]'],
      messages: [/\(create pods\/attach\): rule \{verbs \[create\]/],
    },
    {
      name: 'built-in edit role',
      yaml: binding({ roleKind: 'ClusterRole', roleName: 'edit', subjects: [sa] }),
      paths: ['subjects[0]'],
    },
  ],
});
