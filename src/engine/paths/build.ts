// Attack paths (issue 14): per workload, the steps that hold through failed findings and
// vulnerabilities of the report; scored, with what fixing each link does. See explain.ts for the rules.
import type { ScanReport, Severity } from '../../model/types.js';
import { SEVERITIES } from '../../model/types.js';
import type { AttackLink, AttackPath, AttackStep, LinkEffect } from '../../model/attack-path.js';
import type { Inventory, Workload } from '../../inventory/index.js';
import { isObj } from '../../model/guards.js';
import { candidateSteps, indexFindings, linkWeight, vulnerabilitiesByResource, type LinkContext, type StepCandidate } from './links.js';

/** Score at or above which a path has this severity (below the last: low). */
export const PATH_SEVERITY_SCORES: ReadonlyArray<[Severity, number]> = [['critical', 30], ['high', 20], ['medium', 10]];

const keys = new WeakMap<AttackLink, string>();

/** What tells links apart (computed once per link object: sorting and rebuilding compare it often). */
export function linkKey(l: AttackLink): string {
  let key = keys.get(l);
  if (key === undefined) keys.set(l, (key = computeKey(l)));
  return key;
}

function computeKey(l: AttackLink): string {
  return l.type === 'vulnerability'
    ? `v\u0000${l.vulnerabilityId}\u0000${l.image}\u0000${l.package}`
    : `f\u0000${l.controlId}\u0000${l.resourceId}\u0000${l.path ?? ''}`;
}

/** The replicas a workload runs: spec.replicas (default 1) for controllers that have it, parallelism for Jobs, 1 otherwise. */
export function replicasOf(w: Workload): number {
  const spec = isObj(w.resource.object.spec) ? w.resource.object.spec : {};
  const n = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(w.resource.kind) ? spec.replicas
    : w.resource.kind === 'Job' ? spec.parallelism : 1;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 1;
}

/** More replicas, more targets: ×(1 + log2(replicas)/10), at most ×2 (1024 replicas). */
export function replicaFactor(replicas: number): number {
  return 1 + Math.min(1, Math.log2(Math.max(1, replicas)) / 10);
}

export function pathSeverity(score: number): Severity {
  for (const [severity, min] of PATH_SEVERITY_SCORES) if (score >= min) return severity;
  return 'low';
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const round1 = (n: number): number => Math.round(n * 10) / 10;
const bySeverity = (a: AttackLink, b: AttackLink): number => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
/** The steps that hold when only the links `usable` accepts count; undefined when no path holds (no entry, or nothing after it). */
function assemble(candidates: StepCandidate[], usable: (l: AttackLink) => boolean, fixable: Set<string>): AttackStep[] | undefined {
  const steps: AttackStep[] = [];
  for (const c of candidates) {
    const via = c.via.filter(usable); // in the order pathFor sorted them
    if (via.length === 0 || !c.requires.every(usable)) continue;
    const step: AttackStep = { tactic: c.tactic, title: c.title, via, weight: Math.max(...via.map((l) => linkWeight(l, fixable.has(linkKey(l))))) };
    if (c.requires.length) step.requires = c.requires;
    if (c.reaches) { step.reaches = c.reaches; step.reachCount = c.reachCount; }
    steps.push(step);
  }
  if (steps[0]?.tactic !== 'initial-access' || steps.length < 2) return undefined;
  return steps;
}

const byLink = (a: AttackLink, b: AttackLink): number => bySeverity(a, b) || cmp(linkKey(a), linkKey(b));
const EFFECT_ORDER: LinkEffect[] = ['removes', 'shortens', 'weakens'];

function pathFor(w: Workload, candidates: StepCandidate[], fixable: Set<string>): AttackPath | undefined {
  for (const c of candidates) c.via.sort(byLink);
  const failed = (l: AttackLink) => l.status === 'failed';
  const open = assemble(candidates, failed, fixable);
  const all = open ?? assemble(candidates, () => true, fixable);
  if (!all) return undefined;
  const replicas = replicasOf(w);
  const score = round1(all.reduce((s, step) => s + step.weight, 0) * replicaFactor(replicas));
  const links = new Map<string, AttackLink>();
  if (open) {
    for (const step of open) for (const l of [...step.via, ...step.requires ?? []]) links.set(linkKey(l), l);
    for (const [key, l] of links) {
      const without = assemble(candidates, (x) => failed(x) && linkKey(x) !== key, fixable);
      const effect: LinkEffect = !without ? 'removes' : without.length < open.length ? 'shortens' : 'weakens';
      links.set(key, { ...l, effect });
    }
  }
  const brokenBy = new Map<string, AttackLink>();
  for (const c of candidates) for (const l of [...c.via, ...c.requires]) if (l.status === 'excepted') brokenBy.set(linkKey(l), l);
  const r = w.resource;
  return {
    id: r.id,
    workload: { resourceId: r.id, kind: r.kind, ...(r.effectiveNamespace !== undefined ? { namespace: r.effectiveNamespace } : {}), name: r.name, replicas },
    status: open ? 'open' : 'excepted',
    severity: pathSeverity(score),
    score,
    steps: all,
    links: [...links.values()].sort((a, b) => EFFECT_ORDER.indexOf(a.effect!) - EFFECT_ORDER.indexOf(b.effect!) || bySeverity(a, b)
      || cmp(linkKey(a), linkKey(b))),
    brokenBy: [...brokenBy.values()].sort((a, b) => cmp(linkKey(a), linkKey(b))),
  };
}

/**
 * Every workload's path, open ones first, then by score (highest first), then by workload id:
 * the same input gives the same order.
 */
export function buildAttackPaths(inventory: Inventory, report: Pick<ScanReport, 'findings' | 'vulnerabilities'>): AttackPath[] {
  const findings = indexFindings(report.findings);
  const net = inventory.network();
  const ctx: LinkContext = {
    inventory, findings,
    vulnerabilities: vulnerabilitiesByResource(report.vulnerabilities),
    openToIngress: inventory.workloads.filter((w) => findings.get(w.resource.id)?.get('workload-not-isolated')?.status === 'failed'
      && net.selecting(w, 'Ingress').length === 0).map((w) => w.resource.id).sort(cmp),
    exposuresOf: new Map(),
  };
  for (const e of inventory.exposures()) {
    for (const w of e.workloads) {
      const list = ctx.exposuresOf.get(w.resource);
      if (list) list.push(e); else ctx.exposuresOf.set(w.resource, [e]);
    }
  }
  const fixable = new Set(report.vulnerabilities.filter((v) => v.fixedVersion).map((v) => linkKey({
    type: 'vulnerability', vulnerabilityId: v.id, image: v.image, package: `${v.package.name}@${v.package.version}`,
  } as AttackLink)));
  const paths: AttackPath[] = [];
  for (const w of inventory.workloads) {
    const candidates = candidateSteps(ctx, w);
    if (candidates[0]?.tactic !== 'initial-access') continue;
    const path = pathFor(w, candidates, fixable);
    if (path) paths.push(path);
  }
  return paths.sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1) || b.score - a.score || cmp(a.id, b.id));
}

