import { defineControl } from '../define.js';
import { WORKLOAD_KINDS } from '../../model/kinds.js';
import { bindingOf, bindingTargets, scopeOf } from '../templates/grants.js';
import { staticPodEvidence } from '../../inventory/static-pods.js';

export default defineControl({
  id: 'default-service-account-used',
  aliases: ['C-0189'],
  title: 'Default service account granted permissions or used by workloads that rely on them',
  severity: 'medium',
  section: 'rbac',
  reads: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  appliesTo: 'inventory',
  failsWhen: 'a binding grants permissions to a namespace\'s default ServiceAccount, or a workload runs as default while the namespace\'s default ServiceAccount has bindings (static pods run with no ServiceAccount, and are not judged).',
  rationale:
    'Every pod that names no service account runs as its namespace\'s default one, so permissions given to it are '
    + 'given to every such pod, present and future. The guidance asks for a dedicated service account per workload '
    + 'and none for the default one.',
  remediation: 'Create a ServiceAccount per workload, bind permissions to it, set serviceAccountName, and remove bindings of default.',
  nothingToEvaluate: 'no bindings or workloads in the input',
  example: {
    failing: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: default, namespace: shop}
`,
    passing: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: app, namespace: shop}
`,
  },
  targets: (inventory) => [...bindingTargets(inventory), ...inventory.workloads.map((w) => w.resource)],
  check({ resource }, ctx) {
    if (WORKLOAD_KINDS.has(resource.kind)) {
      const pod = ctx.inventory.podOf(resource);
      if (!pod) return;
      if (pod.serviceAccount !== 'default') return;
      // a static pod runs with no ServiceAccount at all: the API server's ServiceAccount admission
      // plugin does not default one on mirror pods, and rejects those that name one
      // (plugin/pkg/admission/serviceaccount/admission.go, "mirror pods may not reference service accounts")
      if (staticPodEvidence(resource, pod, ctx.inventory)) return;
      const ns = resource.effectiveNamespace ?? 'default';
      const bindings = ctx.inventory.rbac().bindingsOf({ kind: 'ServiceAccount', name: 'default', namespace: ns });
      if (bindings.length === 0) return;
      ctx.fail([...pod.specPath, 'serviceAccountName'],
        `${resource.kind} ${resource.name} runs as ServiceAccount ${ns}/default, which has bindings (${bindings.map((b) => b.binding.name).join(', ')})`, {
          fix: { description: 'create a dedicated ServiceAccount for this workload and set serviceAccountName' },
        });
      return;
    }
    const b = bindingOf(ctx, resource);
    if (!b) return;
    for (const s of b.subjects) {
      if (s.kind !== 'ServiceAccount' || s.name !== 'default') continue;
      ctx.fail(s.path, `ServiceAccount ${s.namespace}/default is granted ${b.roleRef.kind} ${b.roleRef.name} ${scopeOf(b)}: every pod that names no service account gets it`, {
        fix: { description: 'bind a dedicated ServiceAccount instead of default' },
      });
    }
  },
});
