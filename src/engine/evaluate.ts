// Runs selected controls over the inventory and turns their failures into findings.
import type { Finding, FindingPath, Fix, Locator, PathSegments, Resource } from '../model/types.js';
import { formatPath } from '../model/paths.js';
import { flatten } from '../model/strings.js';
import { CONTAINER_TYPES, type ContainerType, type Inventory } from '../inventory/index.js';
import type {
  CheckContext, ContainerControl, Control, FailOptions, InventoryControl, JoinedResource, KindControl, PodControl,
} from '../controls/define.js';
import type { ControlInputs } from '../controls/inputs.js';

export interface ControlEvaluation {
  control: Control;
  /** Set when the control could not be evaluated at all. */
  skipped?: string;
  evaluated: number;
  passed: number;
  failed: number;
  excepted: number;
  /** Failed and excepted results, one per resource. */
  findings: Finding[];
  /** Resources that passed (ids), kept only when asked (for --verbose). */
  passedResources: string[];
}

interface Pending {
  resource: Resource;
  paths: FindingPath[];
  /** The first fail()'s exceptedBy, cleared by any fail() without one: the resource is excepted only when all its failures are. */
  exceptedBy?: string;
}

export function evaluateControl(
  control: Control, inventory: Inventory, inputs: ControlInputs, options: { keepPassed?: boolean } = {},
): ControlEvaluation {
  const result: ControlEvaluation = { control, evaluated: 0, passed: 0, failed: 0, excepted: 0, findings: [], passedResources: [] };
  const skip = control.skipIf?.(inputs);
  if (skip) return { ...result, skipped: skip };

  const run = new Evaluation(control, inventory, inputs);
  try {
    // Each loop gets the control's check function, not the control: controls are objects of many
    // shapes, and a loop that read them deoptimized at each new shape and was compiled again (under
    // --trace-deopt: checkContainers 4 times, checkPods twice). A check is called as a function: no
    // control reads `this`.
    switch (control.appliesTo) {
      case 'containers': checkContainers(control.containerTypes ?? CONTAINER_TYPES, control.check, run); break;
      case 'pods': checkPods(control.check, run); break;
      case 'inventory': checkTargets(control.targets(inventory, inputs), control.check, run); break;
      default: checkKinds(control.appliesTo.kinds, control.check, run);
    }
  } finally {
    run.current = undefined;
  }

  const { order, pending } = run;
  if (pending.size === 0) {
    // nothing failed (most controls on most inputs): every resource checked passed
    result.evaluated = result.passed = order.length;
    if (options.keepPassed) for (const resource of order) result.passedResources.push(resource.id);
  } else for (let i = 0; i < order.length; i++) {
    const resource = order[i];
    result.evaluated++;
    const entry = pending.get(resource);
    if (!entry) {
      result.passed++;
      if (options.keepPassed) result.passedResources.push(resource.id);
      continue;
    }
    const { exceptedBy } = entry;
    if (exceptedBy) result.excepted++; else result.failed++;
    const finding: Finding = {
      controlId: control.id,
      resourceId: resource.id,
      status: exceptedBy ? 'excepted' : 'failed',
      severity: control.severity,
      message: summarise(entry.paths),
      paths: entry.paths,
    };
    const fix = mergeFixes(entry.paths);
    if (fix) finding.fix = fix;
    if (exceptedBy) finding.exception = { source: 'palisade', reason: exceptedBy };
    result.findings.push(finding);
  }
  if (result.evaluated === 0) {
    result.skipped = control.nothingToEvaluate ?? defaultNothingReason(control);
  }
  return result;
}

// One plain loop per kind of target, each a function of its own (this runs for every control and
// every workload). Indexed loops: until V8 optimizes it, a for-of loop over an array allocates an
// object per step (6 MB for the controls of the 10k input).

function checkContainers(types: readonly ContainerType[], check: ContainerControl['check'], run: Evaluation): void {
  const workloads = run.inventory.workloads;
  for (let i = 0; i < workloads.length; i++) {
    const w = workloads[i];
    const resource = run.begin(w.resource);
    const containers = w.pod.containers;
    for (let j = 0; j < containers.length; j++) {
      const c = containers[j];
      // every control tests the types (all of them by default): a test that only some controls reach
      // had no feedback when V8 first optimized this loop, and deoptimized it
      if (types.includes(c.type)) check({ resource, pod: w.pod, container: c }, run);
    }
  }
}

function checkPods(check: PodControl['check'], run: Evaluation): void {
  const workloads = run.inventory.workloads;
  for (let i = 0; i < workloads.length; i++) {
    const w = workloads[i];
    check({ resource: run.begin(w.resource), pod: w.pod }, run);
  }
}

function checkTargets(targets: Iterable<Resource>, check: InventoryControl['check'], run: Evaluation): void {
  const seen = new Set<Resource>(); // a target may come more than once: it is one result
  for (const r of targets) {
    if (!seen.has(r)) { seen.add(r); run.order.push(r); }
    run.current = r;
    check({ resource: r }, run);
  }
}

function checkKinds(kinds: readonly string[], check: KindControl['check'], run: Evaluation): void {
  for (const kind of kinds) {
    const resources = run.inventory.ofKind(kind);
    for (let i = 0; i < resources.length; i++) check({ resource: run.begin(resources[i]) }, run);
  }
}

/**
 * One control's run over its targets: the context its checks report to. A class, not closures made
 * per run: V8 optimizes a closure's code for that closure alone, so closures made for each of the
 * 68 controls were compiled again and again on the optimizing compiler's thread (fail and record:
 * 6 times, about 95 ms of compile time for the 10k input), while the scan waited in slower code.
 */
class Evaluation implements CheckContext {
  /** Resources in the order they were first checked; failing ones get an entry in `pending`. */
  readonly order: Resource[] = [];
  readonly pending = new Map<Resource, Pending>();
  current: Resource | undefined = undefined;
  /** The entry record() last used: a check fails a resource on several paths in a row. */
  private lastEntry: Pending | undefined = undefined;

  constructor(readonly control: Control, readonly inventory: Inventory, readonly inputs: ControlInputs) {}

  /** The next target: checked in this order, and the one fail() reports for. */
  begin(resource: Resource): Resource {
    this.order.push(resource);
    this.current = resource;
    return resource;
  }

  fail(path: PathSegments, message: string, options?: FailOptions): void {
    const r = this.current;
    this.record(path, r?.locate, path, message, options);
  }

  failIn(joined: JoinedResource, path: PathSegments, message: string, options?: FailOptions): void {
    const full = [joined.name, ...path];
    // located in the joined file; a target with no locator of its own is still named (as its file, or its id)
    const r = this.current;
    const inFile = joined.resource.locate;
    if (inFile) this.record(full, inFile, path, message, options);
    else if (r?.locate) this.record(full, r.locate, full, message, options);
    else this.record(full, r && (() => ({ file: r.source.file ?? r.id, exact: false })), full, message, options);
  }

  /**
   * Records a failing path of the current target: `path` for the report, `locate(at)` for its
   * location (resolved now, while the segments are at hand; only failing paths pay for it).
   */
  private record(path: PathSegments, locate: Locator | undefined, at: PathSegments, message: string, options?: FailOptions): void {
    const current = this.current;
    if (!current) throw new Error(`${this.control.id}: fail() called outside check()`);
    let entry = this.lastEntry?.resource === current ? this.lastEntry : this.pending.get(current);
    // Flat strings: these are kept until the report is written (see model/strings.ts).
    const text = flatten(formatPath(path));
    // a pod-level setting seen from each container is one failing path, not one per container
    if (entry !== undefined && hasPath(entry.paths, text, message)) return;
    const p: FindingPath = { path: text, message: flatten(message) };
    if (options?.fix) p.fix = flattenFix(options.fix);
    if (locate) {
      p.location = locate(at);
      if (p.location.yaml11) p.message = flatten(p.message + YAML11_NOTE[p.location.yaml11]);
    }
    // the first path makes the entry, its list of paths exactly one long (most have one)
    const exceptedBy = options?.exceptedBy || undefined;
    if (entry) {
      entry.paths.push(p);
      if (!exceptedBy) entry.exceptedBy = undefined;
    } else this.pending.set(current, (entry = { resource: current, paths: [p], exceptedBy }));
    this.lastEntry = entry;
  }
}

/** Whether the list has this path with this message (a loop: no closure made for every failing path). */
function hasPath(paths: FindingPath[], text: string, message: string): boolean {
  for (let i = 0; i < paths.length; i++) if (paths[i].path === text && paths[i].message === message) return true;
  return false;
}

/**
 * Said where a failing value is written in a YAML 1.1 form: other YAML 1.2 tools (and reviewers)
 * may read it as a string or another number, but kubectl, Helm and the API server read it as this.
 * The written text itself is not repeated: the note names the form only.
 */
const YAML11_NOTE = {
  boolean: ' (written in a YAML 1.1 form such as yes/on/y, which Kubernetes reads as a boolean)',
  number: ' (written in a YAML 1.1 number form such as octal 012, binary 0b1 or 1_000, which Kubernetes reads as that number)',
} as const;

function summarise(paths: FindingPath[]): string {
  if (paths.length === 1) return paths[0].message;
  const shown = paths.slice(0, 3).map((p) => p.message).join('; ');
  return paths.length > 3 ? flatten(`${shown}; and ${paths.length - 3} more`) : shown;
}

/** The fix's strings made flat (in place: a flat string is the same string). */
function flattenFix(fix: Fix): Fix {
  flatten(fix.description);
  if (fix.edits) for (let i = 0; i < fix.edits.length; i++) flatten(fix.edits[i].path);
  return fix;
}

function mergeFixes(paths: FindingPath[]): Fix | undefined {
  if (paths.length === 1) {
    // what the general case below gives for one path: the path's own fix when that is the same
    // (shared: nothing changes a fix after this, and addPatchCommands copies before it adds)
    const f = paths[0].fix;
    if (f === undefined) return undefined;
    if (f.edits) return f.command === undefined ? f : withSafety({ description: f.description, edits: f.edits }, f);
    return f.safety === undefined && f.reviewReason === undefined && f.command === undefined ? f : { description: f.description };
  }
  const fixes = paths.map((p) => p.fix).filter((f): f is Fix => f !== undefined);
  if (fixes.length === 0) return undefined;
  const edits = fixes.every((f) => f.edits) && fixes.length === paths.length ? fixes.flatMap((f) => f.edits!) : undefined;
  // the merged fix is a review one when any path's is, with the first such path's reason
  return edits ? withSafety({ description: fixes[0].description, edits }, fixes.find((f) => f.safety === 'review') ?? fixes[0]) : { description: fixes[0].description };
}

function withSafety(fix: Fix, from: Fix): Fix {
  if (from.safety) fix.safety = from.safety;
  if (from.reviewReason) fix.reviewReason = from.reviewReason;
  return fix;
}

function defaultNothingReason(control: Control): string {
  switch (control.appliesTo) {
    case 'containers':
    case 'pods':
      return 'no workloads in the input (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet, ReplicationController, PodTemplate)';
    case 'inventory':
      return 'nothing in the input that this control applies to';
    default:
      return `no ${control.appliesTo.kinds.join(', ')} objects in the input`;
  }
}
