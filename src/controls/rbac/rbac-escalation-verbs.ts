import { defineControl } from '../define.js';
import type { Request } from '../../inventory/rbac.js';
import { bindingTargets, failGrants } from '../templates/grants.js';

const RBAC = 'rbac.authorization.k8s.io';
const WRITE = ['create', 'update', 'patch', 'delete'];

/** Requests that let a subject gain permissions it does not have. */
const ESCALATIONS: Request[] = [
  ...['roles', 'clusterroles'].flatMap((resource) => ['escalate', 'bind'].map((verb) => ({ verb, group: RBAC, resource }))),
  { verb: 'impersonate', group: '', resource: 'users' },
  { verb: 'impersonate', group: '', resource: 'groups' },
  { verb: 'impersonate', group: '', resource: 'serviceaccounts' },
  { verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token' },
  { verb: 'update', group: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval' },
  { verb: 'approve', group: 'certificates.k8s.io', resource: 'signers' },
  ...['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'].flatMap((resource) =>
    WRITE.map((verb) => ({ verb, group: 'admissionregistration.k8s.io', resource }))),
  ...['get', 'create'].map((verb) => ({ verb, group: '', resource: 'nodes', subresource: 'proxy' })),
];

export default defineControl({
  id: 'rbac-escalation-verbs',
  aliases: ['C-0191', 'C-0065'],
  title: 'Subject may escalate its privileges',
  severity: 'high',
  section: 'rbac',
  reads: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  appliesTo: 'inventory',
  failsWhen: 'a subject may escalate or bind roles, impersonate users/groups/serviceaccounts, create serviceaccounts/token, approve CertificateSigningRequests, change admission webhook configurations, or use nodes/proxy.',
  rationale:
    'These permissions are each a way to obtain permissions one was not given: bind or escalate lets a subject grant '
    + 'itself any role, impersonation and token creation let it act as someone else, approving CSRs mints client '
    + 'certificates, webhook configurations see or change every request, and nodes/proxy reaches the kubelet API. '
    + 'The guidance asks that RBAC not leave such paths to escalation.',
  remediation: 'Remove these verbs from roles of ordinary users and applications; keep them for the few controllers that need them and review those.',
  nothingToEvaluate: 'no RoleBindings or ClusterRoleBindings in the input',
  example: {
    failing: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: deployer}
rules:
- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind, escalate]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: deployer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: deployer}
subjects:
- {kind: ServiceAccount, name: deployer, namespace: ci}
`,
    passing: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: deployer}
rules:
- {apiGroups: [apps], resources: [deployments], verbs: [get, update, patch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: deployer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: deployer}
subjects:
- {kind: ServiceAccount, name: deployer, namespace: ci}
`,
  },
  targets: bindingTargets,
  check({ resource }, ctx) {
    failGrants(ctx, resource, ESCALATIONS, 'escalate privileges');
  },
});
