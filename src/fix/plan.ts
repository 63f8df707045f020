// From a scan's failed findings to what `palisade fix` can do: edits to apply, per file; review
// fixes left for a person to approve (applied only with --all); the namespace labels of Pod
// Security Admission, whose level is decided once the other fixes are made; findings that need a
// person (no edits: a CPU limit, a registry); and fixes it refuses to apply, with why.
import fs from 'node:fs';
import path from 'node:path';
import type { Finding, Fix, Resource, ScanReport } from '../model/types.js';
import type { PlannedFix } from './file.js';

export interface Unfixed {
  controlId: string;
  resourceId: string;
  /** `file:line` when known. */
  where?: string;
  /** What a person has to do, or why Palisade would not do it. */
  reason: string;
}

export interface FixPlan {
  /** Real path of each file to edit → the name the user knows it by and the fixes. */
  files: Map<string, { file: string; fixes: PlannedFix[] }>;
  /**
   * The pod-security-admission fixes (namespace labels), by the real path of their file: which
   * level to enforce depends on the workloads as the other fixes leave them (namespace-labels.ts).
   */
  namespaces: Array<{ real: string; fix: PlannedFix }>;
  /** Review fixes not applied (no --all): what each would do and what it may break. */
  review: Unfixed[];
  manual: Unfixed[];
  refused: Unfixed[];
}

export interface PlanOptions {
  /** --all: review fixes are applied too. */
  all?: boolean;
}

/** The control whose fix labels namespaces; its value is decided after the other fixes. */
export const NAMESPACE_LABEL_CONTROL = 'pod-security-admission';

/**
 * `roots` are the real paths writes must stay under: each directory given, and the directory
 * holding each file given.
 */
export function planFixes(report: ScanReport, resources: Resource[], roots: string[], options: PlanOptions = {}): FixPlan {
  const plan: FixPlan = { files: new Map(), namespaces: [], review: [], manual: [], refused: [] };
  const byId = new Map<string, Resource[]>();
  for (const r of resources) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  for (const finding of report.findings) {
    if (finding.status !== 'failed') continue;
    const where = whereOf(finding);
    const note = (list: Unfixed[], reason: string) => list.push({ controlId: finding.controlId, resourceId: finding.resourceId, where, reason });
    const fixes = fixesOf(finding);
    const automatic = fixes.filter((f) => f.edits?.length);
    for (const f of fixes.filter((x) => !x.edits?.length)) note(plan.manual, f.description);
    if (fixes.length === 0) note(plan.manual, `no automatic fix: ${finding.message}`);
    if (automatic.length === 0) continue;

    const resource = pickResource(byId.get(finding.resourceId) ?? [], finding);
    const refusal = resource ? refusalFor(resource, roots) : 'the resource is not in the input any more';
    const labels = finding.controlId === NAMESPACE_LABEL_CONTROL;
    // Without --all a review fix is listed, not applied, whether or not it could be applied here.
    // (A namespace label's safety depends on the level chosen for it: decided later.)
    const now = options.all || labels ? automatic : automatic.filter((f) => f.safety === 'safe');
    const listed = new Set<string>(); // paths of one finding can share a fix (every dangerous capability: one list)
    for (const f of automatic) {
      if (now.includes(f)) continue;
      const also = refusal ? `; it could not be applied here either: ${refusal}` : '';
      const reason = `${f.description} (${f.reviewReason ?? 'its safety is not known'})${also}`;
      if (!listed.has(reason)) note(plan.review, reason);
      listed.add(reason);
    }
    if (now.length === 0) continue;
    if (refusal || !resource) {
      for (const f of now) note(plan.refused, `${f.description}: ${refusal}`);
      continue;
    }
    const real = fs.realpathSync(resource.source.file!);
    const planned = now.map((f): PlannedFix => ({
      controlId: finding.controlId, resourceId: finding.resourceId, findingPath: f.path,
      description: f.description, edits: f.edits!, resource,
      safety: f.safety ?? 'review', ...(f.reviewReason ? { reviewReason: f.reviewReason } : {}),
    }));
    if (labels) {
      for (const fix of planned) plan.namespaces.push({ real, fix });
      continue;
    }
    const entry = plan.files.get(real) ?? { file: resource.source.file!, fixes: [] };
    plan.files.set(real, entry);
    for (const fix of planned) entry.fixes.push(fix);
  }
  return plan;
}

interface PathFix extends Fix { path: string }

/** One fix per failing path when the paths carry them; else the finding's own. */
function fixesOf(finding: Finding): PathFix[] {
  const own = finding.paths.filter((p) => p.fix).map((p) => ({ ...p.fix!, path: p.path }));
  if (own.length) return own;
  return finding.fix ? [{ ...finding.fix, path: finding.paths[0]?.path ?? '' }] : [];
}

function whereOf(finding: Finding): string | undefined {
  const loc = finding.paths.find((p) => p.location?.line)?.location;
  return loc ? `${loc.file}:${loc.line}` : finding.paths[0]?.location?.file;
}

/** Resource ids repeat across files: the one whose file holds the finding's location, nearest above it. */
function pickResource(candidates: Resource[], finding: Finding): Resource | undefined {
  if (candidates.length <= 1) return candidates[0];
  const loc = finding.paths.find((p) => p.location?.file)?.location;
  const inFile = candidates.filter((r) => !loc || r.source.file === loc.file);
  const above = inFile.filter((r) => loc?.line === undefined || (r.source.line ?? 0) <= loc.line);
  return above.sort((a, b) => (b.source.line ?? 0) - (a.source.line ?? 0))[0] ?? inFile[0];
}

function refusalFor(resource: Resource, roots: string[]): string | undefined {
  const src = resource.source;
  if (src.renderedBy) {
    const from = src.origin ? ` from ${src.origin}` : '';
    return `rendered by ${src.renderedBy}${from}; change the ${src.renderedBy === 'helm' ? 'chart\'s templates or values' : 'base or patches'} instead of the output`;
  }
  if (src.type === 'stdin') return 'read from standard input; there is no file to write back';
  if (src.type !== 'file' || !src.file) return 'not written in any file (implied by other resources); add a manifest for it';
  let real: string;
  try {
    real = fs.realpathSync(src.file);
  } catch {
    return `${src.file} cannot be resolved any more`;
  }
  if (!roots.some((root) => real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep))) {
    return `${src.file} resolves to ${real}, outside the paths given to fix (a symlink or ..); not written`;
  }
  return undefined;
}

/** The real directories writes must stay under, from the paths the user gave. */
export function writeRoots(paths: string[]): string[] {
  const roots: string[] = [];
  for (const p of paths) {
    if (p === '-') continue;
    try {
      roots.push(fs.statSync(p).isDirectory() ? fs.realpathSync(p) : fs.realpathSync(path.dirname(p)));
    } catch {
      // an unreadable path is reported by the files source
    }
  }
  return roots;
}
