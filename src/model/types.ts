// The shared vocabulary of every stage. Types only, plus tiny helpers in sibling files.
import type { AttackPath } from './attack-path.js';
import type { ImageSummary, Vulnerability, VulnerabilitySeverity } from './vulnerability.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, high: 7, medium: 4, low: 1 };

/** A JSON path into a resource, as segments: ['spec', 'containers', 0, 'image']. */
export type PathSegments = ReadonlyArray<string | number>;

/** Where something sits in a file. Lines and columns are 1-based; end is exclusive. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** false when the path itself is absent and the location is that of its nearest existing parent. */
  exact?: boolean;
  /**
   * Set when the location is the directory that `kustomize build` or `helm template` rendered: the
   * file the object came from is not known (or is not a file here: a remote base, a packed subchart).
   */
  renderedBy?: 'kustomize' | 'helm';
  /** For a rendered resource: the directory rendered and, for Helm, the place in `helm template`'s output. */
  rendered?: RenderedPlace;
  /**
   * Set when the value at this path is a plain scalar written in a YAML 1.1 form (`yes`, `on`,
   * `y`, octal `012`, binary `0b1`, `1_000`): Kubernetes reads it as a boolean or number, where
   * YAML 1.2 tools read a string or another number.
   */
  yaml11?: 'boolean' | 'number';
}

/**
 * Where a rendered resource sits in what the renderer wrote: `from` is the chart or kustomization
 * directory rendered (as the user named it); `line` and `column`, in `helm template`'s output.
 */
export interface RenderedPlace {
  from: string;
  line?: number;
  column?: number;
}

/** Resolves a path inside one resource to its place in the source; given by file sources. */
export type Locator = (path: PathSegments) => SourceLocation;

export interface ResourceSource {
  /** Which source produced it: files, stdin, cluster, node; `derived` for objects the input implies (a namespace its resources use). */
  type: 'file' | 'stdin' | 'cluster' | 'node' | 'derived';
  file?: string;
  line?: number;
  column?: number;
  /** 0-based document index within the file. */
  document?: number;
  renderedBy?: 'kustomize' | 'helm';
  /**
   * For rendered resources: the template or file the renderer says it came from (helm's `# Source:`
   * name, `chart/templates/x.yaml`; for kustomize the file, or a remote base as repo//path?ref).
   * `file` is then that file when it is one here, else the rendered directory.
   */
  origin?: string;
  /** For rendered resources: the directory rendered, and where the object sits in the output. */
  rendered?: RenderedPlace;
}

/** One Kubernetes object as read by a source. `object` is the parsed manifest; never mutated. */
export interface Resource {
  /** `<group>/<version>/<namespace>/<kind>/<name>`, the format Kubescape uses; group is empty for core. */
  id: string;
  apiVersion: string;
  kind: string;
  name: string;
  /** The namespace as written; undefined for cluster-scoped kinds and for namespaced ones without one. */
  namespace?: string;
  /** The namespace it would land in: `namespace`, or `default` for a namespaced kind without one. */
  effectiveNamespace?: string;
  clusterScoped: boolean;
  object: KubeObject;
  source: ResourceSource;
  locate?: Locator;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/** An input problem: something could not be read. Never contains document content. */
export interface InputError {
  /** The file; for an image that could not be read, the image reference. */
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** Set when the error is an image that could not be read: its reference (then also `file`). */
  image?: string;
}

/** A document that was read but is not a Kubernetes object. */
export interface IgnoredDocument {
  file: string;
  line?: number;
  reason: string;
}

/**
 * Whether applying an automatic fix can change how the workload runs: `safe` ones (a hardening
 * default ordinary workloads do not notice) are applied by `palisade fix`; `review` ones (they undo
 * something the manifest asked for, or may stop the application: a read-only root filesystem, a
 * non-root user, labels that make admission reject pods) only with `--all`.
 */
export type FixSafety = 'safe' | 'review';

/** A change that `palisade fix` can apply, or a manual step when `edits` is absent. */
export interface Fix {
  description: string;
  edits?: FixEdit[];
  /** Set on every fix with edits. */
  safety?: FixSafety;
  /** For a `review` fix: one line on what it may break. */
  reviewReason?: string;
  /** For an object read from a cluster: the edits as a `kubectl patch` command (JSON patch, containers pinned by name). */
  command?: string;
}
export interface FixEdit {
  op: 'set' | 'remove';
  /** Path in report form, e.g. `spec.containers[0].securityContext.privileged`. */
  path: string;
  value?: unknown;
}

export interface FindingPath {
  path: string;
  message: string;
  location?: SourceLocation;
  fix?: Fix;
}

export type FindingStatus = 'passed' | 'failed' | 'excepted';

export interface ExceptionRef {
  source: string;
  reason: string;
  expires?: string;
}

export interface Finding {
  controlId: string;
  resourceId: string;
  status: FindingStatus;
  severity: Severity;
  message: string;
  paths: FindingPath[];
  fix?: Fix;
  exception?: ExceptionRef;
}

export type ControlStatus = 'passed' | 'failed' | 'skipped';

export interface ControlResult {
  id: string;
  aliases: string[];
  title: string;
  severity: Severity;
  section: string;
  rationale: string;
  remediation: string;
  status: ControlStatus;
  reason?: string;
  counts: { evaluated: number; passed: number; failed: number; excepted: number };
  compliance: number | null;
}

export interface FrameworkResult {
  id: string;
  title: string;
  version: string;
  compliance: number | null;
  coverage: number;
  controls: number;
  evaluatedControls: number;
  sections: FrameworkSectionResult[];
  /** For a framework with items: those no control judges (counted, listed per section), and the manual ones. */
  notCovered?: number;
  manual?: number;
  /**
   * For a Pod Security Standards framework: each namespace with workloads, the level its own
   * pod-security.kubernetes.io/enforce label enforces, and how many of its workloads this level would reject.
   */
  namespaces?: PodSecurityNamespace[];
}

export interface PodSecurityNamespace {
  namespace: string;
  /** The namespace's pod-security.kubernetes.io/enforce label, as written; absent when it has none. */
  enforce?: string;
  /** Its pod-security.kubernetes.io/enforce-version label, as written. */
  enforceVersion?: string;
  /** false when the input holds no Namespace object for it: its labels are unknown. */
  declared: boolean;
  /** Workloads of the namespace judged by the framework. */
  workloads: number;
  /** Of those, the ones with a failed or excepted finding of the framework's controls: Pod Security Admission would reject them at this level. */
  rejected: number;
  /** One sentence: "namespace shop enforces baseline; 3 of 5 workloads would be rejected at restricted (v1.34)". */
  note: string;
}

export interface FrameworkSectionResult {
  id: string;
  title: string;
  compliance: number | null;
  controls: string[];
  /** The standard's own entries of the section (MITRE techniques), each judged by its controls. */
  items?: FrameworkItemResult[];
}

/**
 * One entry of a standard: `failed` when one of its controls failed, `passed` when all that were
 * evaluated passed, `skipped` when none was evaluated, `not-covered` when no control judges it,
 * `manual` when it needs a person to check it.
 */
export interface FrameworkItemResult {
  id: string;
  aliases?: string[];
  title: string;
  controls: string[];
  status: 'passed' | 'failed' | 'skipped' | 'not-covered' | 'manual';
  compliance: number | null;
}

export interface ScanTarget {
  type: 'files' | 'stdin' | 'cluster' | 'node' | 'image';
  paths?: string[];
  /** For a cluster: the kubeconfig context, the API server (scheme, host, path; never credentials) and its version. */
  context?: string;
  server?: string;
  version?: string;
}

export interface ReportResource {
  id: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  source: ResourceSource;
}

export interface ScanSummary {
  compliance: number | null;
  coverage: number;
  risk: number;
  documents: number;
  resources: number;
  ignoredDocuments: number;
  errors: number;
  controls: Record<ControlStatus, number>;
  findings: Record<FindingStatus, number>;
  failedBySeverity: Record<Severity, number>;
  /** Only when images were scanned: vulnerabilities counted over every image (before --severity). */
  vulnerabilities?: {
    images: number;
    total: number;
    failed: Record<VulnerabilitySeverity, number>;
    excepted: number;
    fixable: number;
    /** Images that could not be read (they are in `errors`, not in `summary.errors`, which counts documents). */
    imageErrors: number;
  };
  durationMs: number;
}

export interface ScanReport {
  schemaVersion: string;
  tool: { name: 'palisade'; version: string };
  generatedAt: string;
  targets: ScanTarget[];
  frameworks: FrameworkResult[];
  summary: ScanSummary;
  controls: ControlResult[];
  resources: ReportResource[];
  findings: Finding[];
  ignored?: IgnoredDocument[];
  /** Chains of failed findings and vulnerabilities on one workload, top paths first (src/model/attack-path.ts). */
  attackPaths: AttackPath[];
  /** The vulnerabilities of the scanned images, failed and excepted (see src/model/vulnerability.ts). */
  vulnerabilities: Vulnerability[];
  /** Only when images were scanned (or could not be): one summary per image. */
  images?: ImageSummary[];
  /** Set when the images were read but not matched against advisories (no vulnerability database): why, and which. */
  imagesNotJudged?: { reason: string; images: string[] };
  /** What the exceptions did: how many findings they excepted, which matched nothing, which expired. */
  exceptions: {
    applied: number;
    /** Vulnerability exceptions (`vulnerabilities`, `images`) list what they name; `controls` is then empty. */
    unmatched: Array<{ source: string; controls: string[]; reason: string; vulnerabilities?: string[]; images?: string[] }>;
    expired: Array<{ source: string; expires: string; wouldMatch: number }>;
  };
  errors: InputError[];
  warnings: string[];
  /** Kinds a source could not read (a cluster's 403s), and the controls that were skipped for it. */
  unreadable?: UnreadableKind[];
  /** The config file the scan used, when it used one (given with --config, or found from the scanned paths). */
  config?: { file: string };
  /**
   * With --severity: `controls`, `findings` and `vulnerabilities` hold only these severities (a display filter, as
   * Trivy's); `summary`, `frameworks` and the scores count every selected control.
   */
  filter?: { severities: Severity[] };
}

/**
 * A kind a source could not read — or, with `name`, one object of it (a node's kubelet
 * configuration) while the rest of the kind was read — why, and (in the report) the controls
 * left unevaluated by it.
 */
export interface UnreadableKind {
  kind: string;
  name?: string;
  /** The HTTP status, or what went wrong: `timeout`, `too-large`, `invalid`. */
  status?: number | string;
  reason: string;
  /** The API path that was asked, for a cluster. */
  path?: string;
  /** Set by the scan: controls skipped because they need this kind. */
  controls?: string[];
}
