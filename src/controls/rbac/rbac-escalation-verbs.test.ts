import { testControl } from '../../testing/control-tester.js';
import { binding, roleAndBinding } from '../../testing/rbac-yaml.js';
import control from './rbac-escalation-verbs.js';

const sa = '{kind: ServiceAccount, name: deployer, namespace: ci}';
const cluster = (rule: string) => roleAndBinding({ cluster: true, name: 'deployer', rules: [rule], subjects: [sa] });

testControl(control, {
  valid: [
    cluster('{apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: [get, list]}'),
    { name: 'get serviceaccounts is not token creation', yaml: cluster('{apiGroups: [""], resources: [serviceaccounts], verbs: [get, list, create]}') },
    { name: 'reading CSRs', yaml: cluster('{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [get, list]}') },
    { name: 'reading webhook configurations', yaml: cluster('{apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: [get, list, watch]}') },
    { name: 'nodes without proxy', yaml: cluster('{apiGroups: [""], resources: [nodes], verbs: [get, list]}') },
  ],
  invalid: [
    {
      name: 'bind and escalate',
      yaml: roleAndBinding({ cluster: true, name: 'deployer', rules: ['{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind, escalate]}'], subjects: [`${sa} # fails`] }),
      paths: ['subjects[0]'],
      messages: [/ServiceAccount ci\/deployer may escalate privileges in every namespace \(escalate clusterroles\)/],
    },
    {
      name: 'impersonate users',
      yaml: cluster('{apiGroups: [""], resources: [users], verbs: [impersonate]}'),
      paths: ['subjects[0]'],
      messages: [/\(impersonate users\)/],
    },
    {
      name: 'create serviceaccounts/token',
      yaml: cluster('{apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}'),
      paths: ['subjects[0]'],
      messages: [/\(create serviceaccounts\/token\)/],
    },
    {
      name: 'approve CSRs',
      yaml: cluster('{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}'),
      paths: ['subjects[0]'],
      messages: [/certificatesigningrequests\/approval/],
    },
    {
      name: 'patch a mutating webhook configuration',
      yaml: cluster('{apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [patch]}'),
      paths: ['subjects[0]'],
      messages: [/patch mutatingwebhookconfigurations/],
    },
    {
      name: 'nodes/proxy',
      yaml: cluster('{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}'),
      paths: ['subjects[0]'],
      messages: [/get nodes\/proxy/],
    },
    {
      name: 'built-in admin in a namespace can bind roles',
      yaml: binding({ roleKind: 'ClusterRole', roleName: 'admin', subjects: ['{kind: User, name: lead}'] }),
      paths: ['subjects[0]'],
      messages: [/User lead may escalate privileges in namespace shop/],
    },
  ],
});
