// What a control is: declarative metadata plus a small `check`, in the style of an ESLint rule.
import type { Fix, FixEdit, PathSegments, Resource, Severity } from '../model/types.js';
import type { ContainerInfo, ContainerType, Inventory, PodInfo } from '../inventory/index.js';
import type { ControlInputs } from './inputs.js';
import { flatten } from '../model/strings.js';
import { formatPath } from '../model/paths.js';

export interface ControlExample {
  /** A manifest that fails the control. */
  failing: string;
  /** The same manifest fixed. */
  passing: string;
  /** Config inputs the example is evaluated with (for controls that are skipped without them). */
  inputs?: Partial<ControlInputs>;
}

export interface ControlMeta {
  /** Stable slug used in configs, exceptions and annotations. */
  id: string;
  /** Kubescape control ids that check the same thing. */
  aliases: string[];
  title: string;
  severity: Severity;
  /** Guidance section id, as in the framework: pod-security, network, rbac, control-plane, kubelet, node, supply-chain. */
  section: string;
  /** One sentence: when the control fails. */
  failsWhen: string;
  /** Why it matters, in one paragraph. */
  rationale: string;
  /** What to change. */
  remediation: string;
  example?: ControlExample;
  /** Config inputs the control reads, for docs. */
  inputs?: Array<keyof ControlInputs>;
  /**
   * Kinds, besides the ones it judges, whose objects decide its verdict (NetworkPolicies for
   * isolation, bindings and roles for RBAC). When a source could not read one of them (a cluster
   * that answers 403), the control is skipped with that reason instead of judging without them.
   */
  reads?: readonly string[];
}

export interface ContainerTarget { resource: Resource; pod: PodInfo; container: ContainerInfo }
export interface PodTarget { resource: Resource; pod: PodInfo }
export interface ResourceTarget { resource: Resource }

export interface FailOptions {
  fix?: Fix;
  /**
   * The reason Palisade itself excepts this failure (for example a built-in system namespace), or
   * undefined. A resource is excepted when every failure reported for it is; the first reason is kept.
   */
  exceptedBy?: string;
}

/**
 * A resource joined to a target, such as a configuration file one of a component's flags names
 * (`Component.configs`): its paths are shown under `name` in the target's findings.
 */
export interface JoinedResource {
  /** `encryption`: a path `resources[0]` of the file is reported as `encryption.resources[0]`. */
  name: string;
  resource: Resource;
}

export interface CheckContext {
  readonly inventory: Inventory;
  readonly inputs: ControlInputs;
  /** Reports one failing path of the current target's resource. */
  fail(path: PathSegments, message: string, options?: FailOptions): void;
  /**
   * Reports one failing path of a resource joined to the current target (a component's configuration
   * file): the finding is the target's, at `<joined.name>.<path>`, located in the joined resource's file.
   */
  failIn(joined: JoinedResource, path: PathSegments, message: string, options?: FailOptions): void;
}

interface Base extends ControlMeta {
  /**
   * Returns a reason when the control cannot be evaluated at all with this configuration
   * (for example a list it needs is not configured). The control is then `skipped` with it.
   */
  skipIf?(inputs: ControlInputs): string | undefined;
  /** Reason shown when the input holds nothing this control applies to. */
  nothingToEvaluate?: string;
}

export interface ContainerControl extends Base {
  appliesTo: 'containers';
  /** Which container lists it looks at; all three by default. */
  containerTypes?: ContainerType[];
  check(target: ContainerTarget, ctx: CheckContext): void;
}

export interface PodControl extends Base {
  appliesTo: 'pods';
  check(target: PodTarget, ctx: CheckContext): void;
}

export interface KindControl extends Base {
  appliesTo: { kinds: string[] };
  check(target: ResourceTarget, ctx: CheckContext): void;
}

/** A control that chooses its own targets from the inventory (relations, namespaces, RBAC subjects). */
export interface InventoryControl extends Base {
  appliesTo: 'inventory';
  targets(inventory: Inventory, inputs: ControlInputs): Iterable<Resource>;
  check(target: ResourceTarget, ctx: CheckContext): void;
}

export type Control = ContainerControl | PodControl | KindControl | InventoryControl;

// One overload per kind of control, so that `check` gets its target type from `appliesTo`.
export function defineControl(control: ContainerControl): ContainerControl;
export function defineControl(control: PodControl): PodControl;
export function defineControl(control: KindControl): KindControl;
export function defineControl(control: InventoryControl): InventoryControl;
export function defineControl(control: Control): Control {
  return control;
}

/**
 * How safe an automatic fix is: `'safe'`, or the one-line reason a person should review it (what it
 * may break), which makes it a `review` fix that `palisade fix` applies only with `--all`.
 */
export type Safety = 'safe' | { review: string };

/** One edit of a fix, its path in segments (the fix holds it in report form). */
export interface Edit {
  op: FixEdit['op'];
  path: PathSegments;
  value?: unknown;
}

/** A fix with edits and its safety; each edit's path is formatted once, here. */
export function editFix(description: string, edits: Edit[], safety: Safety): Fix {
  return withEdits(description, edits.map((e): FixEdit => ({ ...e, path: flatten(formatPath(e.path)) })), safety);
}

/**
 * A fix that sets the field at `path` (segments; the fix holds it in report form): what editFix
 * gives for one `set` edit, built without the Edit, its list and the copy (a fix is made for every
 * failing path of most container controls).
 */
export function setFix(description: string, path: PathSegments, value: unknown, safety: Safety): Fix {
  return withEdits(description, [{ op: 'set', path: flatten(formatPath(path)), value }], safety);
}

function withEdits(description: string, edits: FixEdit[], safety: Safety): Fix {
  const fix: Fix = { description, edits, safety: safety === 'safe' ? 'safe' : 'review' };
  if (safety !== 'safe') fix.reviewReason = safety.review;
  return fix;
}
