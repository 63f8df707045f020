// Runs selected controls over the inventory and turns their failures into findings.
import type { Finding, FindingPath, Fix, PathSegments, Resource, SourceLocation } from '../model/types.js';
import { formatPath } from '../model/paths.js';
import { flatten } from '../model/strings.js';
import type { Inventory } from '../inventory/index.js';
import type { CheckContext, Control, FailOptions } from '../controls/define.js';
import type { ControlInputs } from '../controls/inputs.js';

/** Where a failing path is: called only for failing paths. */
type Locate = () => SourceLocation;

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

  // Resources in the order they were first checked; failing ones get an entry in `pending`.
  const order: Resource[] = [];
  const pending = new Map<Resource, Pending>();
  let current: Resource | undefined;
  let lastEntry: Pending | undefined; // the entry fail() last used: a check fails a resource on several paths in a row
  /** Records a failing path of the current target: `path` for the report, `locate` for its location. */
  const record = (path: PathSegments, locate: Locate | undefined, message: string, options?: FailOptions): void => {
    if (!current) throw new Error(`${control.id}: fail() called outside check()`);
    let entry = lastEntry?.resource === current ? lastEntry : pending.get(current);
    // Flat strings: these are kept until the report is written (see model/strings.ts).
    const text = flatten(formatPath(path));
    // a pod-level setting seen from each container is one failing path, not one per container
    if (entry?.paths.some((q) => q.path === text && q.message === message)) return;
    const p: FindingPath = { path: text, message: flatten(message) };
    if (options?.fix) p.fix = flattenFix(options.fix);
    // resolve the location now, while we know the segments; only failing paths pay for this
    if (locate) {
      p.location = locate();
      if (p.location.yaml11) p.message = flatten(p.message + YAML11_NOTE[p.location.yaml11]);
    }
    // the first path makes the entry, its list of paths exactly one long (most have one)
    const exceptedBy = options?.exceptedBy || undefined;
    if (entry) {
      entry.paths.push(p);
      if (!exceptedBy) entry.exceptedBy = undefined;
    } else pending.set(current, (entry = { resource: current, paths: [p], exceptedBy }));
    lastEntry = entry;
  };
  const ctx: CheckContext = {
    inventory,
    inputs,
    fail(path, message, options?: FailOptions) {
      const own = current?.locate;
      record(path, own && (() => own(path)), message, options);
    },
    failIn(joined, path, message, options?: FailOptions) {
      const inFile = joined.resource.locate, full = [joined.name, ...path];
      // located in the joined file; a target with no locator of its own is still named (as its file, or its id)
      const r = current;
      const locate = inFile ? () => inFile(path) : r?.locate ? () => r.locate!(full)
        : r ? () => ({ file: r.source.file ?? r.id, exact: false }) : undefined;
      record(full, locate, message, options);
    },
  };

  // One plain loop per kind of target (this runs for every control and every workload). Indexed
  // loops: until V8 optimizes it, a for-of loop over an array allocates an object per step (6 MB
  // for the controls of the 10k input).
  try {
    switch (control.appliesTo) {
      case 'containers': {
        const types = control.containerTypes;
        const workloads = inventory.workloads;
        for (let i = 0; i < workloads.length; i++) {
          const w = workloads[i];
          current = w.resource;
          order.push(current);
          const containers = w.pod.containers;
          for (let j = 0; j < containers.length; j++) {
            const c = containers[j];
            if (!types || types.includes(c.type)) control.check({ resource: current, pod: w.pod, container: c }, ctx);
          }
        }
        break;
      }
      case 'pods': {
        const workloads = inventory.workloads;
        for (let i = 0; i < workloads.length; i++) {
          const w = workloads[i];
          current = w.resource;
          order.push(current);
          control.check({ resource: current, pod: w.pod }, ctx);
        }
        break;
      }
      case 'inventory': {
        const seen = new Set<Resource>(); // a target may come more than once: it is one result
        for (const r of control.targets(inventory, inputs)) {
          if (!seen.has(r)) { seen.add(r); order.push(r); }
          current = r;
          control.check({ resource: r }, ctx);
        }
        break;
      }
      default:
        for (const kind of control.appliesTo.kinds) {
          const resources = inventory.ofKind(kind);
          for (let i = 0; i < resources.length; i++) {
            const r = resources[i];
            current = r;
            order.push(r);
            control.check({ resource: r }, ctx);
          }
        }
    }
  } finally {
    current = undefined;
  }

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
    // what the general case below gives for one path, without its intermediate arrays
    const f = paths[0].fix;
    if (f === undefined) return undefined;
    return f.edits ? withSafety({ description: f.description, edits: f.edits.slice() }, f) : { description: f.description };
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
