// One scan: resources → inventory → controls → the JSON report every format is derived from.
import type {
  ControlResult, Finding, FrameworkItemResult, FrameworkResult, FrameworkSectionResult, IgnoredDocument, InputError, Resource, ScanReport, ScanSummary, ScanTarget, Severity,
  UnreadableKind,
} from '../model/types.js';
import { SEVERITIES } from '../model/types.js';
import { Inventory } from '../inventory/index.js';
import { DEFAULT_INPUTS, type ControlInputs } from '../controls/inputs.js';
import { frameworkControlIds, type Framework, type FrameworkItem } from '../frameworks/index.js';
import { getControl } from '../controls/index.js';
import { evaluateControl, type ControlEvaluation } from './evaluate.js';
import { lackingKinds, lackingReason } from './unreadable.js';
import { kubectlPatch } from './kubectl-patch.js';
import { controlCompliance, meanCompliance, riskScore, round } from './scores.js';
import { selectControls, type Selection, type SelectOptions } from './select.js';
import { applyExceptions, type ExceptionRule } from './exceptions.js';
import { VERSION } from '../version.js';
import { stripUndefined } from '../model/objects.js';
import type { ImageError, ImageScan } from '../model/vulnerability.js';
import { imageInputErrors, judgeImages } from './images.js';
import { podSecurityNamespaces } from './pss-namespaces.js';
import { pssVersionText } from '../controls/templates/pss.js';
import { buildAttackPaths } from './paths/build.js';

/**
 * 1.1: vulnerabilities are described, and `images`, `imagesNotJudged` and `summary.vulnerabilities` added (issue 13).
 * 1.2: `attackPaths` described and filled (issue 14); frameworks carry their items, `notCovered`, `manual` and, for the Pod Security Standards, `namespaces` (issue 16).
 */
export const SCHEMA_VERSION = '1.2';

export interface ScanInput {
  resources: Resource[];
  documents: number;
  ignored: IgnoredDocument[];
  errors: InputError[];
  targets: ScanTarget[];
  /** Kinds a source could not read: controls that need one are skipped with its reason. */
  unreadable?: UnreadableKind[];
  /** Images read, with the vulnerabilities the database matched (status failed: the scan applies exceptions). */
  images?: ImageScan[];
  /** Images that could not be read: input errors naming the image (exit 3). */
  imageErrors?: ImageError[];
  /**
   * Set when images were read but could not be judged (no vulnerability database): why, with what
   * to run. A warning and the report's `imagesNotJudged`; the exit code is not changed by it.
   */
  imagesNotJudged?: string;
}

export interface ScanOptions extends SelectOptions {
  inputs?: Partial<ControlInputs>;
  /** From an exceptions file or the config's `exceptions:` list; annotations are read from resources. */
  exceptions?: ExceptionRule[];
  /** false: palisade.dev/ignore annotations on resources are not honoured (a warning counts them). */
  annotationExceptions?: boolean;
  includeNamespaces?: string[];
  excludeNamespaces?: string[];
  /** Adds passed results to `findings`, the ignored documents and each image's packages to the report. */
  verbose?: boolean;
  /** Drop vulnerabilities that have no fixed version (--ignore-unfixed), as Trivy's flag does. */
  ignoreUnfixed?: boolean;
  /** Each image's packages in the report's `images` (a format that lists them: cyclonedx); --verbose implies it. */
  includePackages?: boolean;
  /** For reproducible output in tests. */
  now?: Date;
  startedAt?: number;
}

export function scan(input: ScanInput, options: ScanOptions = {}): ScanReport {
  const started = options.startedAt ?? performance.now();
  const selection = selectControls(options);
  const inputs: ControlInputs = { ...DEFAULT_INPUTS, ...stripUndefined(options.inputs ?? {}) };
  // the version a cluster's API server reported, unless the config says which one the manifests run on
  inputs.kubernetesVersion ??= input.targets.find((t) => t.type === 'cluster' && t.version)?.version;
  // the Pod Security Standards are judged at that version too unless inputs.pssVersion / --pss-version names one
  // (a namespace's enforce-version names a policy version the same way; a version newer than the newest
  // implemented is judged with the newest checks, as PSA does)
  inputs.pssVersion ??= inputs.kubernetesVersion;
  const resources = filterNamespaces(input.resources, options.includeNamespaces, options.excludeNamespaces);
  const inventory = new Inventory(resources);
  const now = options.now ?? new Date();
  const warnings: string[] = [];

  const { evaluations, skippedFor } = evaluateAll(selection, inventory, inputs, input.unreadable, options.verbose);
  if (selection.controls.some((c) => c.section === 'rbac')) {
    for (const w of missingRoles(inventory)) warnings.push(w); // not push(...): one per binding, unbounded
  }
  const byId = new Map(resources.map((r) => [r.id, r]));
  const audit = applyExceptions(
    evaluations.flatMap((ev) => ev.findings), options.exceptions ?? [],
    byId, new Map(selection.controls.map((c) => [c.id, c])), now, warnings, { annotations: options.annotationExceptions },
  );
  addPatchCommands(evaluations, byId, input.targets);
  const { controls, findings } = collectResults(evaluations, options.verbose);
  const frameworks = scoreFrameworks(selection, controls);
  for (const fw of frameworks) {
    const data = selection.frameworks.find((f) => f.id === fw.id);
    const namespaces = data && podSecurityNamespaces(data, inventory, findings, pssVersionText(inputs));
    if (namespaces) fw.namespaces = namespaces;
  }
  const framework = frameworks[0]!;
  const images = judgeImages(input, inventory.images(), {
    ignoreUnfixed: options.ignoreUnfixed, includePackages: options.includePackages || options.verbose, exceptions: options.exceptions ?? [], now,
  }, warnings, audit);

  const report: ScanReport = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'palisade', version: VERSION },
    generatedAt: now.toISOString(),
    targets: input.targets,
    frameworks,
    summary: summarise(input, framework, controls, findings),
    controls,
    resources: [...resources, ...inventory.namespaceResources().filter((r) => r.source.type === 'derived')].map((r) => ({
      id: r.id, apiVersion: r.apiVersion, kind: r.kind, namespace: r.namespace, name: r.name, source: r.source,
    })),
    findings,
    attackPaths: [],
    vulnerabilities: images?.vulnerabilities ?? [],
    exceptions: audit,
    errors: input.imageErrors?.length ? [...input.errors, ...imageInputErrors(input.imageErrors)] : input.errors,
    warnings,
  };
  if (images) {
    report.images = images.summaries;
    report.summary.vulnerabilities = images.summary;
    if (input.imagesNotJudged !== undefined) report.imagesNotJudged = { reason: input.imagesNotJudged, images: images.summaries.map((s) => s.ref) };
  }
  report.attackPaths = buildAttackPaths(inventory, report);
  report.ignored = input.ignored;
  if (input.unreadable?.length) report.unreadable = input.unreadable.map((u) => ({ ...u, controls: skippedFor.get(u) ?? [] }));
  report.summary.durationMs = Math.round(performance.now() - started);
  return report;
}

/**
 * Every selected control over the inventory. A control that needs a kind a source could not read is
 * skipped with that reason; `skippedFor` lists, per unreadable kind, the controls it skipped.
 */
function evaluateAll(
  selection: Selection, inventory: Inventory, inputs: ControlInputs, unreadableKinds: UnreadableKind[] | undefined, verbose: boolean | undefined,
): { evaluations: ControlEvaluation[]; skippedFor: Map<UnreadableKind, string[]> } {
  // a kind as a whole; one object that could not be read (a node's kubelet) leaves the kind's controls their input
  const unreadable = new Map((unreadableKinds ?? []).filter((u) => u.name === undefined).map((u) => [u.kind, u]));
  const skippedFor = new Map<UnreadableKind, string[]>();
  const evaluations = selection.controls.map((control): ControlEvaluation => {
    const lacking = lackingKinds(control, unreadable);
    if (lacking.length === 0) return evaluateControl(control, inventory, inputs, { keepPassed: verbose });
    for (const u of lacking) skippedFor.set(u, [...skippedFor.get(u) ?? [], control.id]);
    return {
      control, skipped: lackingReason(lacking), evaluated: 0, passed: 0, failed: 0, excepted: 0, findings: [], passedResources: [],
    };
  });
  return { evaluations, skippedFor };
}

/** One result per control, counted after exceptions, and the findings in control order (passed ones too when verbose). */
function collectResults(evaluations: ControlEvaluation[], verbose: boolean | undefined): { controls: ControlResult[]; findings: Finding[] } {
  const controls: ControlResult[] = [];
  const findings: Finding[] = [];
  for (const ev of evaluations) {
    const control = ev.control;
    const failed = ev.findings.filter((f) => f.status === 'failed').length;
    const counts = { evaluated: ev.evaluated, passed: ev.passed, failed, excepted: ev.findings.length - failed };
    const result: ControlResult = {
      id: control.id, aliases: control.aliases, title: control.title, severity: control.severity, section: control.section,
      rationale: control.rationale, remediation: control.remediation,
      status: ev.skipped ? 'skipped' : failed > 0 ? 'failed' : 'passed',
      counts,
      compliance: ev.skipped ? null : controlCompliance(counts),
    };
    if (ev.skipped) result.reason = ev.skipped;
    controls.push(result);
    // a loop, not push(...): spread arguments go on the stack, and one control can fail on 100k+ resources
    for (const f of ev.findings) findings.push(f);
    if (verbose) {
      for (const id of ev.passedResources) {
        findings.push({ controlId: control.id, resourceId: id, status: 'passed', severity: control.severity, message: 'passed', paths: [] });
      }
    }
  }
  return { controls, findings };
}

/**
 * Each framework's compliance, coverage and per-section (and per-item) compliance, over the one
 * evaluation. A scan narrowed to some control sections (node-only) is scored on their controls.
 */
function scoreFrameworks(selection: Selection, controls: ControlResult[]): FrameworkResult[] {
  const byId = new Map(controls.map((c) => [c.id, c]));
  return selection.frameworks.map((fw) => scoreFramework(fw, selection.sections, byId));
}

function scoreFramework(fw: Framework, narrowedTo: string[] | undefined, results: ReadonlyMap<string, ControlResult>): FrameworkResult {
  const inScope = (id: string): boolean => !narrowedTo || narrowedTo.includes(getControl(id)?.section ?? '');
  const inFramework = new Set(frameworkControlIds(fw).filter(inScope));
  const fwControls = [...inFramework].map((id) => results.get(id)).filter((c): c is ControlResult => c !== undefined);
  const evaluatedCount = fwControls.filter((c) => c.status !== 'skipped').length;
  const coverage = round((100 * evaluatedCount) / Math.max(1, inFramework.size));
  const compliance = meanCompliance(fwControls);
  const resultsOf = (ids: readonly string[]): ControlResult[] => ids.map((id) => results.get(id)).filter((c): c is ControlResult => c !== undefined);
  const sections = fw.sections.filter((s) => !narrowedTo || s.controls.some((id) => inFramework.has(id)));
  const out: FrameworkResult = {
    id: fw.id, title: fw.title, version: fw.version, compliance, coverage,
    controls: inFramework.size, evaluatedControls: evaluatedCount,
    sections: sections.map((s) => {
      const section: FrameworkSectionResult = { id: s.id, title: s.title, controls: s.controls, compliance: meanCompliance(resultsOf(s.controls)) };
      if (s.items) section.items = s.items.map((item) => itemResult(item, resultsOf(item.controls.filter((id) => inFramework.has(id)))));
      return section;
    }),
  };
  if (fw.sections.some((s) => s.items)) {
    const items = new Map(out.sections.flatMap((s) => s.items ?? []).map((i) => [i.id, i]));
    out.notCovered = [...items.values()].filter((i) => i.status === 'not-covered').length;
    out.manual = [...items.values()].filter((i) => i.status === 'manual').length;
  }
  return out;
}

function itemResult(item: FrameworkItem, controls: ControlResult[]): FrameworkItemResult {
  const base = { id: item.id, ...(item.aliases?.length ? { aliases: item.aliases } : {}), title: item.title, controls: item.controls };
  if (item.manual !== undefined && item.controls.length === 0) return { ...base, status: 'manual', compliance: null };
  if (item.controls.length === 0) return { ...base, status: 'not-covered', compliance: null };
  const status = controls.some((c) => c.status === 'failed') ? 'failed'
    : controls.some((c) => c.status === 'passed') ? 'passed' : 'skipped';
  return { ...base, status, compliance: meanCompliance(controls) };
}

/** The report's summary: scores, what was read, and controls and findings counted by status and severity. */
function summarise(input: ScanInput, framework: FrameworkResult, controls: ControlResult[], findings: Finding[]): ScanSummary {
  const failedBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) if (f.status === 'failed') failedBySeverity[f.severity]++;
  return {
    compliance: framework.compliance,
    coverage: framework.coverage,
    risk: riskScore(controls),
    documents: input.documents,
    resources: input.resources.length,
    ignoredDocuments: input.ignored.length,
    errors: input.errors.length,
    controls: {
      passed: controls.filter((c) => c.status === 'passed').length,
      failed: controls.filter((c) => c.status === 'failed').length,
      skipped: controls.filter((c) => c.status === 'skipped').length,
    },
    findings: {
      passed: controls.reduce((s, c) => s + c.counts.passed, 0),
      failed: controls.reduce((s, c) => s + c.counts.failed, 0),
      excepted: controls.reduce((s, c) => s + c.counts.excepted, 0),
    },
    failedBySeverity,
    durationMs: 0,
  };
}

/** Fixes of objects read from a cluster, as `kubectl patch` commands against that cluster's context. */
function addPatchCommands(evaluations: ControlEvaluation[], byId: ReadonlyMap<string, Resource>, targets: ScanTarget[]): void {
  const clusters = targets.filter((t) => t.type === 'cluster');
  if (clusters.length === 0) return; // only objects read from a cluster get a command
  const context = clusters.length === 1 ? clusters[0].context : undefined;
  for (const ev of evaluations) {
    for (const f of ev.findings) {
      const resource = byId.get(f.resourceId);
      if (resource?.source.type !== 'cluster' || !f.fix?.edits?.length) continue;
      const command = kubectlPatch(resource, f.fix.edits, context);
      if (command) f.fix = { ...f.fix, command }; // a copy: the fix object may be a path's, or a control's constant
    }
  }
}

function filterNamespaces(resources: Resource[], include?: string[], exclude?: string[]): Resource[] {
  if (!include?.length && !exclude?.length) return resources;
  const inc = include?.length ? new Set(include) : undefined;
  const exc = new Set(exclude ?? []);
  return resources.filter((r) => {
    const ns = r.kind === 'Namespace' ? r.name : r.effectiveNamespace;
    if (ns === undefined) return true; // cluster-scoped objects are not in any namespace: always kept
    return (!inc || inc.has(ns)) && !exc.has(ns);
  });
}

/** Bindings whose role is neither in the input nor built in: said once, not guessed. */
function missingRoles(inventory: Inventory): string[] {
  const missing = inventory.rbac().bindings.filter((b) => b.roleMissing);
  if (missing.length === 0) return [];
  const shown = missing.slice(0, 5).map((b) => {
    const where = b.binding.namespace ? `${b.binding.namespace}/` : '';
    return `${b.binding.kind} ${where}${b.binding.name} → ${b.roleRef.kind} ${b.roleRef.name}`;
  });
  const more = missing.length > 5 ? `, and ${missing.length - 5} more` : '';
  return [`${missing.length} binding(s) refer to a role that is not in the input, so the RBAC controls cannot know what they grant (nothing is assumed): ${shown.join(', ')}${more}`];
}
