import { testControl } from '../../testing/control-tester.js';
import control from './rbac-wildcards.js';

const role = (rule: string, kind = 'Role', name = 'app') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: "${name}", namespace: shop}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get]}
- ${rule}
`;

testControl(control, {
  valid: [
    role('{apiGroups: [apps], resources: [deployments], verbs: [get, list, watch]}'),
    { name: 'resourceNames wildcard-free and nonResourceURLs', yaml: role('{nonResourceURLs: [/healthz], verbs: [get]}', 'ClusterRole') },
  ],
  invalid: [
    {
      name: '* in verbs, resources and apiGroups: one finding per field at the * entry',
      yaml: role('{apiGroups: ["*"], resources: [pods, "*"], verbs: ["*"]} # fails'),
      paths: ['rules[1].verbs[0]', 'rules[1].resources[1]', 'rules[1].apiGroups[0]'],
      messages: [/Role app rule 2 allows \* in verbs/, /in resources/, /in apiGroups/],
    },
    {
      name: 'a ClusterRole with block-style lists points at the line of the *',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: operator}
rules:
- apiGroups:
  - example.com
  resources:
  - widgets
  verbs:
  - get
  - "*" # fails
`,
      paths: ['rules[0].verbs[1]'],
      messages: [/ClusterRole operator rule 1 allows \* in verbs/],
    },
    {
      name: 'system: roles are reported as built-in',
      yaml: role('{apiGroups: ["*"], resources: [pods], verbs: [get]}', 'ClusterRole', 'system:controller:generic'),
      paths: ['rules[1].apiGroups[0]'],
      excepted: true,
    },
  ],
});
