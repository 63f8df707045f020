import { defineControl } from '../define.js';
import { bindingTargets, failGrants } from '../templates/grants.js';

const secrets = (verb: string) => ({ verb, group: '', resource: 'secrets' });

export default defineControl({
  id: 'rbac-secrets-access',
  aliases: ['C-0015', 'C-0186'],
  title: 'Subject may read Secrets',
  severity: 'high',
  section: 'rbac',
  reads: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  appliesTo: 'inventory',
  failsWhen: 'a subject may get, list or watch Secrets.',
  rationale:
    'Secrets hold credentials, tokens and keys; whoever can read them can usually become someone more privileged '
    + '(service-account tokens, cloud keys, database passwords). The guidance asks that read access to Secrets be '
    + 'limited to the few subjects that need it, ideally to named secrets.',
  remediation: 'Remove get/list/watch on secrets from roles that do not need them; where a workload needs one secret, limit the rule with resourceNames.',
  nothingToEvaluate: 'no RoleBindings or ClusterRoleBindings in the input',
  example: {
    failing: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app, namespace: shop}
rules:
- {apiGroups: [""], resources: [secrets, configmaps], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app}
subjects:
- {kind: ServiceAccount, name: app, namespace: shop}
`,
    passing: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app, namespace: shop}
rules:
- {apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app}
subjects:
- {kind: ServiceAccount, name: app, namespace: shop}
`,
  },
  targets: bindingTargets,
  check({ resource }, ctx) {
    failGrants(ctx, resource, ['get', 'list', 'watch'].map(secrets), 'read Secrets');
  },
});
