import { defineControl } from '../define.js';
import { describeSubject } from '../../inventory/rbac.js';
import { bindingOf, bindingTargets, scopeOf } from '../templates/grants.js';

const ANONYMOUS = new Set(['system:anonymous', 'system:unauthenticated']);
/** Roles that only allow discovery and self-review: what every authenticated user has by default. */
const DISCOVERY_ROLES = new Set(['system:discovery', 'system:basic-user', 'system:public-info-viewer']);

export default defineControl({
  id: 'anonymous-access',
  aliases: ['C-0262', 'C-0265'],
  title: 'Anonymous or all-authenticated users granted access',
  severity: 'critical',
  section: 'rbac',
  reads: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  appliesTo: 'inventory',
  failsWhen: 'a binding names system:anonymous or system:unauthenticated (other than to the built-in system:public-info-viewer), or grants system:authenticated more than discovery.',
  rationale:
    'A binding to system:anonymous or system:unauthenticated gives its permissions to anyone who can reach the API '
    + 'server; one to system:authenticated gives them to every account, every service account token included. The '
    + 'guidance asks that anonymous requests be refused and that permissions go to named subjects.',
  remediation: 'Delete the binding, or bind the role to the specific users, groups or service accounts that need it.',
  nothingToEvaluate: 'no RoleBindings or ClusterRoleBindings in the input',
  example: {
    failing: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: public-read}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: Group, name: system:unauthenticated, apiGroup: rbac.authorization.k8s.io}
`,
    passing: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: public-read}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: Group, name: readers, apiGroup: rbac.authorization.k8s.io}
`,
  },
  targets: bindingTargets,
  check({ resource }, ctx) {
    const b = bindingOf(ctx, resource);
    if (!b) return;
    for (const s of b.subjects) {
      if (s.kind === 'ServiceAccount') continue;
      if (ANONYMOUS.has(s.name) && b.roleRef.name !== 'system:public-info-viewer') {
        ctx.fail(s.path, `${describeSubject(s)} (anyone who can reach the API server) is bound to ${b.roleRef.kind} ${b.roleRef.name} ${scopeOf(b)}`, {
          fix: { description: 'remove this subject from the binding' },
        });
      } else if (s.name === 'system:authenticated' && !DISCOVERY_ROLES.has(b.roleRef.name)) {
        ctx.fail(s.path, `${describeSubject(s)} (every account and service account) is bound to ${b.roleRef.kind} ${b.roleRef.name} ${scopeOf(b)}, more than discovery`, {
          fix: { description: 'bind the role to named groups instead of system:authenticated' },
        });
      }
    }
  },
});
