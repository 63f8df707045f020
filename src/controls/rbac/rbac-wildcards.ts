import { defineControl } from '../define.js';
import { BUILT_IN_REASON } from '../templates/grants.js';
import { isObj } from '../../model/guards.js';

export default defineControl({
  id: 'rbac-wildcards',
  aliases: ['C-0187'],
  title: 'Role uses wildcards',
  severity: 'medium',
  section: 'rbac',
  appliesTo: { kinds: ['Role', 'ClusterRole'] },
  failsWhen: 'a Role or ClusterRole rule uses * in verbs, resources or apiGroups.',
  rationale:
    'A wildcard grants today\'s resources and every one added later, custom resources and subresources included, '
    + 'so a role reviewed as safe quietly grows. The guidance asks for roles that list exactly what they allow.',
  remediation: 'Replace * with the explicit verbs, resources and API groups the role needs.',
  example: {
    failing: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app, namespace: shop}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: [get, list]}
`,
    passing: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app, namespace: shop}
rules:
- {apiGroups: [""], resources: [configmaps, pods], verbs: [get, list]}
`,
  },
  check({ resource }, ctx) {
    const rules = Array.isArray(resource.object.rules) ? resource.object.rules : [];
    const exceptedBy = resource.name.startsWith('system:') ? BUILT_IN_REASON : undefined;
    rules.forEach((rule: unknown, i: number) => {
      if (!isObj(rule)) return;
      for (const field of ['verbs', 'resources', 'apiGroups'] as const) {
        const list = Array.isArray(rule[field]) ? rule[field] : [];
        const at = list.indexOf('*');
        if (at < 0) continue;
        ctx.fail(['rules', i, field, at], `${resource.kind} ${resource.name} rule ${i + 1} allows * in ${field}`, {
          fix: { description: `list the ${field} the role needs instead of *` },
          exceptedBy,
        });
      }
    });
  },
});
