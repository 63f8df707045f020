// Kubernetes Policy WG reports (wgpolicyk8s.io/v1alpha2), as multi-document YAML for `kubectl apply`:
// a PolicyReport `palisade` per namespace, a ClusterPolicyReport `palisade-cluster` for
// cluster-scoped resources, and one ClusterPolicyReport `palisade-node-<host>` per node a node scan
// read, so that several nodes' reports do not overwrite each other. A report whose JSON would pass
// MAX_REPORT_BYTES is split into parts (`palisade`, `palisade-2`...).
// Findings in the report become results: failed → fail, excepted → skip (with the exception in its
// properties), passed → pass (present only with --verbose, the only time the report lists them).
// Every namespace that has scanned resources gets its report, empty when nothing failed there, so
// that applying the reports again replaces a stale one. A namespace that is not a valid namespace
// name (an unrendered template, say) cannot hold a report: its results go to the cluster report.
// Image vulnerabilities are results too (policy: the advisory id, source: palisade), in the
// report of each namespace whose resources run the image, naming those resources.
// Derived from the JSON report only.
import { dump } from '../sources/files/js-yaml.js';
import { isClusterScoped } from '../model/kinds.js';
import type { Finding, ReportResource, ScanReport } from '../model/types.js';
import { whereText } from './report-lookups.js';
import type { Vulnerability } from '../model/vulnerability.js';
import { vulnerabilitiesByImage } from './vulnerability-lookups.js';

export const POLICY_REPORT_API = 'wgpolicyk8s.io/v1alpha2';

type Outcome = 'pass' | 'fail' | 'warn' | 'error' | 'skip';
interface ResourceRef { apiVersion: string; kind: string; name: string; namespace?: string }
interface Result {
  policy: string;
  rule: string;
  category: string;
  severity: string;
  result: Outcome;
  scored: boolean;
  source: string;
  timestamp: { seconds: number; nanos: number };
  message: string;
  resources: ResourceRef[];
  properties: Record<string, string>;
}

/**
 * The compact JSON of one report object stays under this many bytes: `kubectl apply` keeps the
 * whole object in its last-applied annotation, and annotations are limited to 256 KiB. A bigger
 * report is split into parts named `palisade`, `palisade-2`, `palisade-3`...
 */
export const MAX_REPORT_BYTES = 200_000;

/** Where a result goes: a namespace's PolicyReport, the cluster report, or a node's cluster report. */
interface Target { namespace?: string; name: string }

export function formatPolicyReport(report: ScanReport): string {
  const resources = new Map(report.resources.map((r) => [r.id, r]));
  const sections = new Map(report.controls.map((c) => [c.id, c.section]));
  const ms = Date.parse(report.generatedAt);
  const timestamp = { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
  const CLUSTER: Target = { name: 'palisade-cluster' };
  const targets = new Map<string, { target: Target; results: Result[] }>([[key(CLUSTER), { target: CLUSTER, results: [] }]]);
  const targetOf = (id: string, r: ReportResource | undefined): Target => {
    const node = nodeOf(id, r);
    if (node !== undefined) return { name: nodeReportName(node) };
    const ns = refOf(id, r).namespace;
    return ns && isNamespaceName(ns) ? { namespace: ns, name: 'palisade' } : CLUSTER;
  };
  const entry = (t: Target) => {
    let e = targets.get(key(t));
    if (!e) targets.set(key(t), (e = { target: t, results: [] }));
    return e;
  };
  for (const r of report.resources) entry(targetOf(r.id, r));
  for (const f of report.findings) {
    const r = resources.get(f.resourceId);
    entry(targetOf(f.resourceId, r)).results.push(resultOf(f, refOf(f.resourceId, r), sections.get(f.controlId) ?? '', timestamp));
  }
  // image vulnerabilities: a result in the report of each namespace whose resources run the image,
  // naming those resources; in the cluster report when no scanned resource runs it
  for (const { image, vulnerabilities } of vulnerabilitiesByImage(report)) {
    const byTarget = new Map<string, { target: Target; refs: ResourceRef[] }>();
    for (const u of image.uses) {
      const r = resources.get(u.resourceId);
      const t = targetOf(u.resourceId, r);
      const e = byTarget.get(key(t)) ?? { target: t, refs: [] };
      const ref = refOf(u.resourceId, r);
      if (!e.refs.some((x) => x.kind === ref.kind && x.name === ref.name && x.namespace === ref.namespace)) e.refs.push(ref);
      byTarget.set(key(t), e);
    }
    if (byTarget.size === 0) byTarget.set(key(CLUSTER), { target: CLUSTER, refs: [] });
    for (const { target, refs } of byTarget.values()) {
      const list = entry(target).results;
      for (const v of vulnerabilities) list.push(vulnerabilityResult(v, refs, timestamp));
    }
  }
  // namespaces in order, then the cluster report, then the nodes' reports
  const order = (e: { target: Target }) => (e.target.namespace !== undefined ? `0${e.target.namespace}` : e.target === CLUSTER ? '1' : `2${e.target.name}`);
  const docs = [...targets.values()].sort((a, b) => (order(a) < order(b) ? -1 : 1))
    .flatMap((e) => parts(e.results).map((results, i) => reportObject(e.target, i, results)));
  return docs.map((d) => dump(d, { noRefs: true, lineWidth: -1 })).join('---\n');
}

function key(t: Target): string {
  return `${t.namespace ?? ''}/${t.name}`;
}

/** The node a resource of a node scan was found on (ids are `node/<host>/...`), or undefined. */
function nodeOf(id: string, r: ReportResource | undefined): string | undefined {
  if (r ? r.source.type !== 'node' : !id.startsWith('node/')) return undefined;
  return id.split('/')[1] ?? '';
}

/** `palisade-node-<host>`, the host name made a valid object name (a DNS subdomain). */
export function nodeReportName(host: string): string {
  const labels = host.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').split('.')
    .map((l) => l.replace(/^-+|-+$/g, '')).filter(Boolean);
  if (labels.length === 0) return 'palisade-node';
  return `palisade-node-${labels.join('.')}`.slice(0, 253).replace(/[-.]+$/, '');
}

/** Results in runs whose report stays under MAX_REPORT_BYTES; always at least one (maybe empty) part. */
function parts(results: Result[]): Result[][] {
  const out: Result[][] = [[]];
  let bytes = 1_000; // the object around the results, generously
  for (const r of results) {
    const size = Buffer.byteLength(JSON.stringify(r)) + 1;
    if (bytes + size > MAX_REPORT_BYTES && out[out.length - 1].length > 0) {
      out.push([]);
      bytes = 1_000;
    }
    out[out.length - 1].push(r);
    bytes += size;
  }
  return out;
}

function reportObject(target: Target, part: number, results: Result[]) {
  const summary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const r of results) summary[r.result]++;
  const metadata = {
    name: part === 0 ? target.name : `${target.name}-${part + 1}`,
    ...(target.namespace === undefined ? {} : { namespace: target.namespace }),
    labels: { 'app.kubernetes.io/managed-by': 'palisade' },
  };
  return {
    apiVersion: POLICY_REPORT_API,
    kind: target.namespace === undefined ? 'ClusterPolicyReport' : 'PolicyReport',
    metadata,
    summary,
    results,
  };
}

function resultOf(f: Finding, ref: ResourceRef, section: string, timestamp: Result['timestamp']): Result {
  const where = f.paths.map((p) => whereText(p)).filter((w): w is string => !!w);
  const properties: Record<string, string> = { resourceId: f.resourceId };
  if (f.paths.length) properties.paths = f.paths.map((p) => p.path).join(', ');
  if (where.length) properties.locations = where.join(', ');
  if (f.fix) properties.fix = f.fix.description;
  if (f.exception) {
    properties.excepted = 'true';
    properties.exceptionReason = f.exception.reason;
    properties.exceptionSource = f.exception.source;
    if (f.exception.expires) properties.exceptionExpires = f.exception.expires;
  }
  return {
    policy: f.controlId,
    rule: f.controlId,
    category: section,
    severity: f.severity,
    result: f.status === 'failed' ? 'fail' : f.status === 'excepted' ? 'skip' : 'pass',
    scored: true,
    source: 'palisade',
    timestamp,
    message: f.message,
    resources: [ref],
    properties,
  };
}

/**
 * A vulnerability as a result: `policy` is the advisory id, `rule` the package, the category
 * `vulnerability`; severity `info` for unknown (the v1alpha2 enum has no unknown).
 */
function vulnerabilityResult(v: Vulnerability, resources: ResourceRef[], timestamp: Result['timestamp']): Result {
  const properties: Record<string, string> = {
    image: v.image,
    package: v.package.name,
    installedVersion: v.package.version,
    packagePath: v.package.path,
    layer: String(v.layer.index),
    layerDigest: v.layer.digest,
  };
  if (v.imageDigest) properties.imageDigest = v.imageDigest;
  if (v.aliases.length) properties.aliases = v.aliases.join(', ');
  if (v.fixedVersion) properties.fixedVersion = v.fixedVersion;
  if (v.score !== undefined) properties.score = String(v.score);
  if (v.cvss) properties.cvss = v.cvss;
  if (v.exception) {
    properties.excepted = 'true';
    properties.exceptionReason = v.exception.reason;
    properties.exceptionSource = v.exception.source;
    if (v.exception.expires) properties.exceptionExpires = v.exception.expires;
  }
  return {
    policy: v.id,
    rule: v.package.name,
    category: 'vulnerability',
    severity: v.severity === 'unknown' ? 'info' : v.severity,
    result: v.status === 'failed' ? 'fail' : 'skip',
    scored: true,
    source: 'palisade',
    timestamp,
    message: `${v.id}${v.aliases.length ? ` (${v.aliases[0]})` : ''} in ${v.package.name} ${v.package.version}${v.fixedVersion ? `, fixed in ${v.fixedVersion}` : ', no fix yet'}${v.summary ? `: ${v.summary}` : ''}`,
    resources,
    properties,
  };
}

/** A namespace name as the API server accepts it: a DNS-1123 label. */
export function isNamespaceName(s: string): boolean {
  return s.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s);
}

/**
 * The object reference of a finding's resource. A namespaced kind written without a namespace
 * lands in `default`; what a node scan found (NodeComponent, the host's files) belongs to no
 * namespace: it goes to the cluster report; a resource missing from the report is read back from its id
 * (`<group>/<version>/<namespace>/<kind>/<name>`).
 */
function refOf(id: string, r: ReportResource | undefined): ResourceRef {
  if (r) {
    const namespace = r.namespace ?? (isClusterScoped(r.apiVersion, r.kind) || r.source.type === 'node' ? undefined : 'default');
    return { apiVersion: r.apiVersion, kind: r.kind, name: r.name, ...(namespace ? { namespace } : {}) };
  }
  const [group = '', version = '', namespace = '', kind = '', ...name] = id.split('/');
  return {
    apiVersion: group ? `${group}/${version}` : version,
    kind,
    name: name.join('/'),
    ...(namespace ? { namespace } : {}),
  };
}
