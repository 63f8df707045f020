import { defineControl } from '../define.js';
import { formatPath } from '../../model/paths.js';

export const CLOUD_IDENTITY_ANNOTATIONS = ['eks.amazonaws.com/role-arn', 'iam.gke.io/gcp-service-account', 'azure.workload.identity/client-id'];

export default defineControl({
  id: 'cloud-identity-with-rbac',
  aliases: [],
  title: 'Cloud workload identity also holds Kubernetes permissions',
  severity: 'medium',
  section: 'rbac',
  reads: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  appliesTo: 'inventory',
  failsWhen: 'a ServiceAccount annotated for a cloud workload identity (eks.amazonaws.com/role-arn, iam.gke.io/gcp-service-account, azure.workload.identity/client-id) is also granted Kubernetes permissions.',
  rationale:
    'A service account mapped to a cloud identity already reaches cloud resources; giving it Kubernetes permissions '
    + 'as well makes one stolen token a key to both. The v1.1 revision of the guidance asks that such accounts hold '
    + 'empty RBAC.',
  remediation: 'Use separate service accounts for cloud access and for Kubernetes API access, and remove the bindings of the cloud-mapped one.',
  nothingToEvaluate: 'no ServiceAccounts with cloud workload identity annotations in the input',
  example: {
    failing: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: uploader
  namespace: shop
  annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/uploader"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: uploader, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: uploader, namespace: shop}
`,
    passing: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: uploader
  namespace: shop
  annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/uploader"}
`,
  },
  targets: (inventory) => inventory.ofKind('ServiceAccount').filter((sa) => {
    const a = sa.object.metadata.annotations;
    return a !== undefined && CLOUD_IDENTITY_ANNOTATIONS.some((k) => k in a);
  }),
  check({ resource }, ctx) {
    const bindings = ctx.inventory.rbac().bindingsOf({ kind: 'ServiceAccount', name: resource.name, namespace: resource.effectiveNamespace });
    const granting = bindings.filter((b) => b.rules.length > 0 || b.roleMissing);
    if (granting.length === 0) return;
    const key = CLOUD_IDENTITY_ANNOTATIONS.find((k) => k in (resource.object.metadata.annotations ?? {}))!;
    const names = granting.map((b) => `${b.binding.kind} ${b.binding.name} → ${b.roleRef.kind} ${b.roleRef.name}`).join('; ');
    ctx.fail(['metadata', 'annotations', key], `ServiceAccount ${resource.name} is mapped to a cloud identity (${key}) and also bound to Kubernetes roles: ${names}`, {
      fix: { description: `remove its bindings, or use a separate ServiceAccount for Kubernetes API access (${formatPath(['metadata', 'annotations', key])})` },
    });
  },
});
