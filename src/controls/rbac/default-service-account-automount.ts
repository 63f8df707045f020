import { defineControl, setFix } from '../define.js';

// CIS Kubernetes Benchmark v1.10.0 5.1.5, its second half ("ensure that the automountServiceAccountToken:
// false setting is in place for each default service account"); default-service-account-used judges
// the first (no bindings to the default service accounts). A ServiceAccount's automountServiceAccountToken
// unset means true (core/v1 ServiceAccount; the token controller and admission mount it).
export default defineControl({
  id: 'default-service-account-automount',
  aliases: ['C-0189'],
  title: 'Default service account mounts its token',
  severity: 'low',
  section: 'rbac',
  appliesTo: { kinds: ['ServiceAccount'] },
  failsWhen: 'a namespace\'s default ServiceAccount does not set automountServiceAccountToken: false (unset means true).',
  rationale:
    'Every pod that names no service account runs as its namespace\'s default one and, unless told otherwise, gets '
    + 'its token mounted: a compromised container then holds an API credential it never needed.',
  remediation: 'Set automountServiceAccountToken: false on the default ServiceAccount of every namespace; give workloads that need the API a ServiceAccount of their own.',
  nothingToEvaluate: 'no default ServiceAccount in the input (scan a cluster with --cluster, or the namespaces\' ServiceAccounts)',
  example: {
    failing: `apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: shop}
`,
    passing: `apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: shop}
automountServiceAccountToken: false
`,
  },
  check({ resource }, ctx) {
    if (resource.name !== 'default') return;
    const v: unknown = resource.object.automountServiceAccountToken;
    if (v === false) return;
    const path = ['automountServiceAccountToken'];
    ctx.fail(v === undefined ? [] : path, `the default ServiceAccount of ${resource.namespace ?? 'its namespace'} mounts its token in every pod that names no service account (automountServiceAccountToken ${v === undefined ? 'unset: true' : String(v)})`, {
      fix: setFix('set automountServiceAccountToken: false', path, false, {
        review: 'pods running as the default service account that call the API lose their token: give them a ServiceAccount of their own first',
      }),
    });
  },
});
