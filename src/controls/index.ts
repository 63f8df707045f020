// The registry of every control. One import per control file; keep each group in catalog order.
import type { Control } from './define.js';

// pod-security
import nonRootUser from './pod/non-root-user.js';
// @@imports-a (security context)
// @@imports-b (pod and host)
// @@imports-c (config, images, namespaces)

// network
import defaultDenyIngress from './network/default-deny-ingress.js';
import defaultDenyEgress from './network/default-deny-egress.js';
import workloadNotIsolated from './network/workload-not-isolated.js';
import externallyExposed from './network/externally-exposed.js';
import ingressWithoutTls from './network/ingress-without-tls.js';
import missingResourceQuota from './network/missing-resource-quota.js';
import missingLimitRange from './network/missing-limit-range.js';

// rbac
import clusterAdminBinding from './rbac/cluster-admin-binding.js';
import rbacWildcards from './rbac/rbac-wildcards.js';
import rbacSecretsAccess from './rbac/rbac-secrets-access.js';
import rbacExecAttach from './rbac/rbac-exec-attach.js';
import rbacEscalationVerbs from './rbac/rbac-escalation-verbs.js';
import rbacCreateWorkloads from './rbac/rbac-create-workloads.js';
import anonymousAccess from './rbac/anonymous-access.js';
import defaultServiceAccountUsed from './rbac/default-service-account-used.js';
import roleSeparation from './rbac/role-separation.js';
import cloudIdentityWithRbac from './rbac/cloud-identity-with-rbac.js';
import longLivedTokenSecret from './rbac/long-lived-token-secret.js';
// @@imports-e (rbac)

// control-plane, kubelet
// @@imports-d (control plane, kubelet)

export const CONTROLS: readonly Control[] = [
  nonRootUser,
  // @@list-a (security context)
  // @@list-b (pod and host)
  // @@list-c (config, images, namespaces)
  defaultDenyIngress, defaultDenyEgress, workloadNotIsolated, externallyExposed, ingressWithoutTls,
  missingResourceQuota, missingLimitRange,
  clusterAdminBinding, rbacWildcards, rbacSecretsAccess, rbacExecAttach, rbacEscalationVerbs, rbacCreateWorkloads,
  anonymousAccess, defaultServiceAccountUsed, roleSeparation, cloudIdentityWithRbac, longLivedTokenSecret,
  // @@list-e (rbac)
  // @@list-d (control plane, kubelet)
];

const byId = new Map(CONTROLS.map((c) => [c.id, c]));
const byAlias = new Map<string, Control[]>();
for (const c of CONTROLS) {
  for (const a of c.aliases) {
    const list = byAlias.get(a.toUpperCase()) ?? [];
    list.push(c);
    byAlias.set(a.toUpperCase(), list);
  }
}

export function getControl(id: string): Control | undefined {
  return byId.get(id);
}

/** Controls a name refers to: a Palisade id, or a Kubescape alias (which may name several). */
export function resolveControlName(name: string): Control[] {
  const own = byId.get(name) ?? byId.get(name.toLowerCase());
  if (own) return [own];
  return byAlias.get(name.toUpperCase()) ?? [];
}
