// RBAC relations: every RoleBinding and ClusterRoleBinding resolved to its role (aggregated
// ClusterRoles through their aggregationRule when the parts are in the input), to each subject,
// and to the effective rules. Matching follows the Kubernetes authorizer (rbac/v1 helpers):
// `*` matches any verb, group or resource (subresources included); `*/scale` matches a
// subresource of any resource; `pods/*` is NOT a wildcard there, and is not one here.
import type { PathSegments, Resource } from '../model/types.js';
import { BUILT_IN_CLUSTER_ROLES } from './rbac-builtin.js';
import { compileSelector } from './selectors.js';
import { isObj } from '../model/guards.js';

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

export interface RbacSubject {
  kind: SubjectKind;
  name: string;
  /** ServiceAccounts only. */
  namespace?: string;
}

export interface RbacRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
  /** The role that holds the rule: the bound role itself, or an aggregated part of it. */
  roleKind: 'Role' | 'ClusterRole';
  roleName: string;
  /** The role resource when it is in the input (undefined for built-in roles). */
  role?: Resource;
  /** Path of the rule inside its role (`rules[2]`). */
  path: PathSegments;
  builtIn?: boolean;
}

export interface RbacBinding {
  binding: Resource;
  roleRef: { kind: string; name: string };
  /** The bound role when it is in the input or is a built-in Palisade knows. */
  role?: Resource;
  /** True when the role is neither in the input nor built in: its rules are unknown, not guessed. */
  roleMissing: boolean;
  builtInRole: boolean;
  /** Namespace the permissions apply in; undefined for a ClusterRoleBinding (everywhere). */
  namespace?: string;
  subjects: Array<RbacSubject & { path: PathSegments }>;
  rules: RbacRule[];
}

export interface Request {
  verb: string;
  /** API group; undefined matches any group (a resource name without a known group). */
  group?: string;
  resource: string;
  subresource?: string;
  /** Namespace asked about; undefined = any namespace (cluster-wide bindings and every RoleBinding qualify). */
  namespace?: string;
  name?: string;
}

export interface Grant {
  subject: RbacSubject;
  binding: RbacBinding;
  rule: RbacRule;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function subjectKey(s: RbacSubject): string {
  return `${s.kind}:${s.kind === 'ServiceAccount' ? `${s.namespace ?? ''}/` : ''}${s.name}`;
}

export function describeSubject(s: RbacSubject): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace}/${s.name}` : `${s.kind} ${s.name}`;
}

export class Rbac {
  readonly bindings: RbacBinding[] = [];
  private readonly roles = new Map<string, Resource>();
  private readonly clusterRoles: Resource[];
  private readonly ruleMemo = new Map<Resource, RbacRule[]>();
  private readonly bySubject = new Map<string, RbacBinding[]>();
  private readonly byResource = new Map<Resource, RbacBinding>();

  constructor(roles: readonly Resource[], clusterRoles: readonly Resource[], bindings: readonly Resource[]) {
    for (const r of roles) this.roles.set(`${r.effectiveNamespace}/${r.name}`, r);
    for (const r of clusterRoles) this.roles.set(`/${r.name}`, r);
    this.clusterRoles = [...clusterRoles];
    for (const b of bindings) this.addBinding(b);
  }

  private addBinding(b: Resource): void {
    const spec = b.object as Record<string, any>;
    const ref = isObj(spec.roleRef) ? spec.roleRef : {};
    const roleRef = { kind: String(ref.kind ?? ''), name: String(ref.name ?? '') };
    const namespace = b.kind === 'RoleBinding' ? b.effectiveNamespace : undefined;
    const role = roleRef.kind === 'Role'
      ? (b.kind === 'RoleBinding' ? this.roles.get(`${namespace}/${roleRef.name}`) : undefined)
      : roleRef.kind === 'ClusterRole' ? this.roles.get(`/${roleRef.name}`) : undefined;
    // an own key only: a roleRef named `constructor` or `toString` is no built-in role (it crashed the scan)
    const builtIn = !role && roleRef.kind === 'ClusterRole' && Object.hasOwn(BUILT_IN_CLUSTER_ROLES, roleRef.name)
      ? BUILT_IN_CLUSTER_ROLES[roleRef.name] : undefined;
    const rules = role ? this.rulesOf(role)
      : builtIn ? builtIn.map((r, i) => ({ ...r, roleKind: 'ClusterRole' as const, roleName: roleRef.name, path: ['rules', i], builtIn: true }))
        : [];
    const subjects: RbacBinding['subjects'] = [];
    (Array.isArray(spec.subjects) ? spec.subjects : []).forEach((s: unknown, i: number) => {
      if (!isObj(s) || typeof s.name !== 'string') return;
      const kind = s.kind === 'ServiceAccount' || s.kind === 'User' || s.kind === 'Group' ? s.kind : undefined;
      if (!kind) return;
      const subject: RbacSubject & { path: PathSegments } = { kind, name: s.name, path: ['subjects', i] };
      if (kind === 'ServiceAccount') subject.namespace = typeof s.namespace === 'string' && s.namespace ? s.namespace : b.effectiveNamespace ?? 'default';
      subjects.push(subject);
    });
    const binding: RbacBinding = { binding: b, roleRef, role, roleMissing: !role && !builtIn, builtInRole: !!builtIn, namespace, subjects, rules };
    this.bindings.push(binding);
    this.byResource.set(b, binding);
    for (const s of subjects) {
      const key = subjectKey(s);
      const list = this.bySubject.get(key) ?? [];
      list.push(binding);
      this.bySubject.set(key, list);
    }
  }

  /** The resolved binding of a RoleBinding or ClusterRoleBinding resource. */
  bindingFor(resource: Resource): RbacBinding | undefined {
    return this.byResource.get(resource);
  }

  /** The effective rules of a Role or ClusterRole, with aggregated ClusterRoles resolved. */
  rulesOf(role: Resource): RbacRule[] {
    const known = this.ruleMemo.get(role);
    if (known) return known;
    this.ruleMemo.set(role, []); // cycles in aggregation resolve to nothing more
    const obj = role.object as Record<string, any>;
    const roleKind = role.kind === 'Role' ? 'Role' : 'ClusterRole';
    const own: RbacRule[] = (Array.isArray(obj.rules) ? obj.rules : []).flatMap((r: unknown, i: number) => (isObj(r)
      ? [{
        verbs: strings(r.verbs), apiGroups: strings(r.apiGroups), resources: strings(r.resources),
        resourceNames: strings(r.resourceNames), nonResourceURLs: strings(r.nonResourceURLs),
        roleKind, roleName: role.name, role, path: ['rules', i],
      } as RbacRule]
      : []));
    const aggregated: RbacRule[] = [];
    const selectors = role.kind === 'ClusterRole' && isObj(obj.aggregationRule) && Array.isArray(obj.aggregationRule.clusterRoleSelectors)
      ? obj.aggregationRule.clusterRoleSelectors.map(compileSelector) : [];
    if (selectors.length) {
      for (const part of this.clusterRoles) {
        if (part === role) continue;
        const labels = part.object.metadata.labels;
        if (selectors.some((s: ReturnType<typeof compileSelector>) => !s.empty && s.matches(labels))) {
          for (const rule of this.rulesOf(part)) aggregated.push(rule); // not push(...): a role's rules are unbounded
        }
      }
    }
    const rules = [...own, ...aggregated];
    this.ruleMemo.set(role, rules);
    return rules;
  }

  /** Bindings that name a subject. */
  bindingsOf(subject: RbacSubject): RbacBinding[] {
    return this.bySubject.get(subjectKey(subject)) ?? [];
  }

  /** Every subject named by some binding. */
  subjects(): RbacSubject[] {
    const out = new Map<string, RbacSubject>();
    for (const b of this.bindings) for (const s of b.subjects) {
      const { path: _path, ...subject } = s;
      out.set(subjectKey(s), subject);
    }
    return [...out.values()];
  }

  /** Every (subject, binding, rule) that allows the request. */
  whoCan(request: Request): Grant[] {
    const out: Grant[] = [];
    for (const binding of this.bindings) {
      if (request.namespace !== undefined && binding.namespace !== undefined && binding.namespace !== request.namespace) continue;
      for (const rule of binding.rules) {
        if (!ruleAllows(rule, request)) continue;
        for (const s of binding.subjects) {
          const { path: _path, ...subject } = s;
          out.push({ subject, binding, rule });
        }
      }
    }
    return out;
  }
}

/** Whether one rule allows a resource request, as the Kubernetes RBAC authorizer decides. */
export function ruleAllows(rule: Pick<RbacRule, 'verbs' | 'apiGroups' | 'resources' | 'resourceNames'>, req: Request): boolean {
  if (!hasOrStar(rule.verbs, req.verb)) return false;
  if (req.group !== undefined && !hasOrStar(rule.apiGroups, req.group)) return false;
  if (req.group === undefined && rule.apiGroups.length === 0) return false;
  const sub = req.subresource;
  const combined = sub ? `${req.resource}/${sub}` : req.resource;
  let resourceOk = false;
  for (let i = 0; i < rule.resources.length; i++) {
    const r = rule.resources[i];
    if (r === '*' || r === combined) { resourceOk = true; break; }
    // `*/<subresource>`, compared without building that string for every entry of every rule
    if (sub && r.length === sub.length + 2 && r.startsWith('*/') && r.endsWith(sub)) { resourceOk = true; break; }
  }
  if (!resourceOk) return false;
  if (rule.resourceNames.length) {
    // Names cannot limit create or deletecollection (the authorizer sees no name): such a rule never allows them.
    if (req.verb === 'create' || req.verb === 'deletecollection') return false;
    // Asked about "any object", a rule limited to named objects still grants the verb on those:
    // callers read rule.resourceNames to say so.
    return req.name === undefined || rule.resourceNames.includes(req.name);
  }
  return true;
}

/**
 * Whether a rule's list holds `*` or the value: one pass, where two `includes` calls cost about
 * 20 M instructions on the 10k input (every RBAC control asks each binding's rules several requests).
 */
function hasOrStar(list: readonly string[], value: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === '*' || list[i] === value) return true;
  return false;
}

/** Parses `secrets`, `deployments.apps`, `pods/exec` into a request's group/resource/subresource. */
export function parseResource(text: string): Pick<Request, 'group' | 'resource' | 'subresource'> {
  const [main, subresource] = text.split('/', 2);
  const dot = main.indexOf('.');
  const resource = dot < 0 ? main : main.slice(0, dot);
  const group = dot < 0 ? WELL_KNOWN_GROUPS[resource] : main.slice(dot + 1);
  return { resource, group, ...(subresource ? { subresource } : {}) };
}

/** API groups of the resources people ask about; others match any group unless written `resource.group`. */
export const WELL_KNOWN_GROUPS: Readonly<Record<string, string>> = {
  pods: '', services: '', secrets: '', configmaps: '', serviceaccounts: '', namespaces: '', nodes: '',
  persistentvolumes: '', persistentvolumeclaims: '', endpoints: '', events: '', replicationcontrollers: '',
  deployments: 'apps', daemonsets: 'apps', statefulsets: 'apps', replicasets: 'apps',
  jobs: 'batch', cronjobs: 'batch',
  roles: 'rbac.authorization.k8s.io', rolebindings: 'rbac.authorization.k8s.io',
  clusterroles: 'rbac.authorization.k8s.io', clusterrolebindings: 'rbac.authorization.k8s.io',
  networkpolicies: 'networking.k8s.io', ingresses: 'networking.k8s.io',
  certificatesigningrequests: 'certificates.k8s.io',
  validatingwebhookconfigurations: 'admissionregistration.k8s.io', mutatingwebhookconfigurations: 'admissionregistration.k8s.io',
  customresourcedefinitions: 'apiextensions.k8s.io',
};
