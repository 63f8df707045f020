// Small builders for RBAC test cases: a role and a binding of it, as YAML text.

export interface RoleCase {
  /** ClusterRole + ClusterRoleBinding when true; Role + RoleBinding in `namespace` otherwise. */
  cluster?: boolean;
  namespace?: string;
  name?: string;
  /** Flow-style rule lines, e.g. `{apiGroups: [""], resources: [secrets], verbs: [get]}`. */
  rules: string[];
  /** Flow-style subject lines, e.g. `{kind: ServiceAccount, name: app, namespace: shop}`. */
  subjects: string[];
}

/** A Role (or ClusterRole) and one binding of it. The binding's first subject is on line `bindingSubjectLine(c)`. */
export function roleAndBinding(c: RoleCase): string {
  const ns = c.namespace ?? 'shop';
  const name = c.name ?? 'app';
  const roleKind = c.cluster ? 'ClusterRole' : 'Role';
  const meta = c.cluster ? `{name: ${name}}` : `{name: ${name}, namespace: ${ns}}`;
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: ${roleKind}
metadata: ${meta}
rules:
${c.rules.map((r) => `- ${r}`).join('\n')}
---
${binding({ ...c, roleKind, roleName: name })}`;
}

/** A binding of a role that may or may not be in the input. */
export function binding(c: { cluster?: boolean; namespace?: string; name?: string; roleKind: string; roleName: string; subjects: string[] }): string {
  const ns = c.namespace ?? 'shop';
  const name = c.name ?? 'app';
  const kind = c.cluster ? 'ClusterRoleBinding' : 'RoleBinding';
  const meta = c.cluster ? `{name: ${name}}` : `{name: ${name}, namespace: ${ns}}`;
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: ${meta}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${c.roleKind}, name: ${c.roleName}}
subjects:
${c.subjects.map((s) => `- ${s}`).join('\n')}
`;
}

/** 1-based line of the binding's first subject in `roleAndBinding(c)`. */
export function bindingSubjectLine(c: RoleCase): number {
  return 4 + c.rules.length + 1 + 5 + 1;
}
