// The candidate steps of one workload's attack path, each backed by findings or vulnerabilities of
// the report (failed or excepted). Which controls back which step is documented in
// `palisade explain path` (src/engine/paths/explain.ts).
import type { Finding, FindingPath, Resource } from '../../model/types.js';
import { SEVERITY_WEIGHT } from '../../model/types.js';
import type { AttackLink, AttackTactic } from '../../model/attack-path.js';
import type { Vulnerability } from '../../model/vulnerability.js';
import type { Inventory, Workload } from '../../inventory/index.js';
import type { Exposure } from '../../inventory/exposure.js';
import { ruleAllows, type RbacBinding, type RbacSubject } from '../../inventory/rbac.js';
import { formatPath } from '../../model/paths.js';

/** A step before it is judged: it holds when one `via` link and every `requires` link hold. */
export interface StepCandidate {
  tactic: AttackTactic;
  title: string;
  via: AttackLink[];
  requires: AttackLink[];
  reaches?: string[];
  reachCount?: number;
}

/** Non-passed findings of the report by resource id, then control id. */
export type FindingIndex = Map<string, Map<string, Finding>>;

export function indexFindings(findings: readonly Finding[]): FindingIndex {
  const out: FindingIndex = new Map();
  for (const f of findings) {
    if (f.status === 'passed') continue;
    let byControl = out.get(f.resourceId);
    if (!byControl) out.set(f.resourceId, (byControl = new Map()));
    byControl.set(f.controlId, f);
  }
  return out;
}

/** At most this many reached workloads are named on a lateral-movement step (the count says how many in all). */
export const MAX_REACHES = 20;

/** Verbs that let a token act as someone else: credential access (rbac-escalation-verbs's impersonate and token requests). */
const IMPERSONATION = [
  { verb: 'impersonate', group: '', resource: 'users' },
  { verb: 'impersonate', group: '', resource: 'groups' },
  { verb: 'impersonate', group: '', resource: 'serviceaccounts' },
  { verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token' },
];

export interface LinkContext {
  inventory: Inventory;
  findings: FindingIndex;
  /** Failed and excepted vulnerabilities by the resource ids that run their image. */
  vulnerabilities: Map<string, Vulnerability[]>;
  /** Ids of the workloads whose pods no policy isolates for ingress and that carry a failed workload-not-isolated finding, sorted. */
  openToIngress: string[];
  /** The exposures that reach each workload. */
  exposuresOf: Map<Resource, Exposure[]>;
}

export function vulnerabilitiesByResource(vulns: readonly Vulnerability[]): Map<string, Vulnerability[]> {
  const out = new Map<string, Vulnerability[]>();
  for (const v of vulns) {
    for (const id of v.resources ?? []) {
      const list = out.get(id);
      if (list) list.push(v); else out.set(id, [v]);
    }
  }
  return out;
}

/** One link per failing path of a finding (each path is a thing to change), optionally only the paths a test keeps. */
function findingLinks(f: Finding | undefined, keep: (p: FindingPath) => boolean = () => true): AttackLink[] {
  if (!f) return [];
  const paths = f.paths.length ? f.paths.filter(keep) : [];
  if (f.paths.length && paths.length === 0) return [];
  const base = (p: FindingPath | undefined): AttackLink => {
    const link: AttackLink = {
      type: 'finding', controlId: f.controlId, resourceId: f.resourceId, severity: f.severity, status: f.status === 'excepted' ? 'excepted' : 'failed',
      message: p?.message ?? f.message, change: p?.fix?.description ?? f.fix?.description ?? `fix ${f.controlId} on ${f.resourceId}`,
    };
    if (p) link.path = p.path;
    if (p?.location) link.location = p.location;
    if (f.exception) link.exception = f.exception;
    return link;
  };
  return paths.length ? paths.map(base) : [base(undefined)];
}

function vulnerabilityLink(v: Vulnerability, workload: Resource): AttackLink {
  const severity = v.severity === 'unknown' ? 'low' : v.severity;
  const link: AttackLink = {
    type: 'vulnerability', vulnerabilityId: v.id, image: v.image, package: `${v.package.name}@${v.package.version}`, resourceId: workload.id,
    severity, status: v.status,
    message: `${v.id} in ${v.package.name} ${v.package.version} of image ${v.image}${v.summary ? `: ${v.summary}` : ''}`,
    change: v.fixedVersion
      ? `upgrade ${v.package.name} to ${v.fixedVersion} (or later) in image ${v.image}`
      : `no fixed version of ${v.package.name} yet: use another image than ${v.image}, or remove the package`,
  };
  if (v.location) link.location = v.location;
  if (v.exception) link.exception = v.exception;
  return link;
}

/** What one link weighs in the score: its severity's weight, more for a fixable vulnerability and a runtime socket. */
export function linkWeight(l: AttackLink, fixable: boolean): number {
  let w = SEVERITY_WEIGHT[l.severity];
  if (l.type === 'vulnerability' && fixable) w += 2;
  if (l.controlId === 'host-path-volume' && /container runtime socket/.test(l.message)) w += 3;
  return w;
}

/** The subjects a workload's token authenticates as: its ServiceAccount and the groups every service account is in. */
function tokenSubjects(w: Workload): RbacSubject[] {
  const ns = w.resource.effectiveNamespace ?? 'default';
  return [
    { kind: 'ServiceAccount', name: w.pod.serviceAccount, namespace: ns },
    { kind: 'Group', name: 'system:serviceaccounts' },
    { kind: 'Group', name: `system:serviceaccounts:${ns}` },
    { kind: 'Group', name: 'system:authenticated' },
  ];
}

/** The findings of the given RBAC controls on each binding of the workload's token subjects, at the subject's path. */
function grantLinks(ctx: LinkContext, w: Workload, controls: string[], filter: (b: RbacBinding, control: string) => boolean = () => true): AttackLink[] {
  const out: AttackLink[] = [];
  const seen = new Set<string>();
  const rbac = ctx.inventory.rbac();
  for (const subject of tokenSubjects(w)) {
    for (const b of rbac.bindingsOf(subject)) {
      for (const s of b.subjects) {
        if (s.kind !== subject.kind || s.name !== subject.name || (s.kind === 'ServiceAccount' && s.namespace !== subject.namespace)) continue;
        const path = formatPath(s.path);
        for (const control of controls) {
          const key = `${control}\u0000${b.binding.id}\u0000${path}`;
          if (seen.has(key) || !filter(b, control)) continue;
          seen.add(key);
          for (const l of findingLinks(ctx.findings.get(b.binding.id)?.get(control), (p) => p.path === path)) out.push(l);
        }
      }
    }
  }
  return out;
}

const BINDING = ['roles', 'clusterroles'].flatMap((resource) => ['escalate', 'bind'].map((verb) => ({ verb, group: 'rbac.authorization.k8s.io', resource })));
/** Whether a binding's rules allow one of the requests, once per binding (many workloads share one). */
function allowsAny(memo: WeakMap<RbacBinding, boolean>, requests: typeof BINDING) {
  return (b: RbacBinding): boolean => {
    let yes = memo.get(b);
    if (yes === undefined) memo.set(b, (yes = b.rules.some((r) => requests.some((req) => ruleAllows(r, req)))));
    return yes;
  };
}
const binds = allowsAny(new WeakMap(), BINDING);
const impersonates = allowsAny(new WeakMap(), IMPERSONATION);

/** Every step the workload could offer an attacker, in tactic order; a step with no link is left out. */
export function candidateSteps(ctx: LinkContext, w: Workload): StepCandidate[] {
  const own = ctx.findings.get(w.resource.id);
  const mine = (control: string, keep?: (p: FindingPath) => boolean) => findingLinks(own?.get(control), keep);
  const steps: StepCandidate[] = [];
  const add = (s: StepCandidate) => { if (s.via.length) steps.push(s); };

  // initial access: an exposure that reaches the workload, or the node's network; without it, no path (nothing more to build)
  const exposed = (ctx.exposuresOf.get(w.resource) ?? []).flatMap((e) => findingLinks(ctx.findings.get(e.via.id)?.get('externally-exposed')));
  add({ tactic: 'initial-access', title: 'reachable from outside the cluster', via: [...exposed, ...mine('host-network'), ...mine('host-port')], requires: [] });
  if (!steps.length) return steps;

  // execution: a critical or high vulnerability of an image it runs
  const vulns = (ctx.vulnerabilities.get(w.resource.id) ?? []).filter((v) => v.severity === 'critical' || v.severity === 'high')
    .map((v) => vulnerabilityLink(v, w.resource));
  add({ tactic: 'execution', title: 'code execution through a vulnerable image', via: vulns, requires: [] });

  // privilege escalation and escape to the node
  const rootUser = (own?.get('non-root-user')?.status ?? 'passed') !== 'passed';
  add({
    tactic: 'privilege-escalation', title: 'escape to the node',
    via: [
      ...mine('privileged-container'), ...mine('host-path-volume'), ...mine('host-namespaces'), ...mine('dangerous-capabilities'),
      ...(rootUser ? mine('allow-privilege-escalation') : []),
    ],
    requires: [],
  });

  // credential access and impact through the API need the token in the pod
  const token = mine('service-account-token-mounted');
  if (token.length) {
    add({
      tactic: 'credential-access', title: 'read credentials with the pod\'s token',
      via: grantLinks(ctx, w, ['cluster-admin-binding', 'rbac-secrets-access', 'rbac-escalation-verbs'], (b, c) => c !== 'rbac-escalation-verbs' || impersonates(b)),
      requires: token,
    });
  }

  // lateral movement: no egress policy, and workloads that accept anything
  const isolation = own?.get('workload-not-isolated');
  if (isolation && ctx.inventory.network().selecting(w, 'Egress').length === 0) {
    // the sorted list less this workload: the first MAX_REACHES named, all counted (no per-workload copy of the list)
    const reaches: string[] = [];
    let self = 0;
    for (const id of ctx.openToIngress) {
      if (id === w.resource.id) { self = 1; continue; }
      if (reaches.length === MAX_REACHES) break;
      reaches.push(id);
    }
    if (!self && ctx.openToIngress.includes(w.resource.id)) self = 1;
    const reachCount = ctx.openToIngress.length - self;
    if (reachCount > 0) {
      add({ tactic: 'lateral-movement', title: 'reach other workloads', via: findingLinks(isolation), requires: [], reaches, reachCount });
    }
  }

  // impact: start workloads, bind roles (or another escalation verb than impersonation), or write to the node
  const writesNode = mine('host-path-volume', (p) => /mounted writable/.test(p.message));
  const apiImpact = token.length ? grantLinks(ctx, w, ['cluster-admin-binding', 'rbac-create-workloads', 'rbac-escalation-verbs'], (b, c) => c !== 'rbac-escalation-verbs' || binds(b) || !impersonates(b)) : [];
  add({ tactic: 'impact', title: 'create workloads or bind roles', via: apiImpact, requires: token });
  add({ tactic: 'impact', title: 'write to the node', via: writesNode, requires: [] });
  return steps;
}
