// Kubernetes Policy WG reports (wgpolicyk8s.io/v1alpha2): a PolicyReport per namespace and one
// ClusterPolicyReport for cluster-scoped resources and the node's, as multi-document YAML for `kubectl apply`.
// Findings in the report become results: failed → fail, excepted → skip (with the exception in its
// properties), passed → pass (present only with --verbose, the only time the report lists them).
// Every namespace that has scanned resources gets its report, empty when nothing failed there, so
// that applying the reports again replaces a stale one. A namespace that is not a valid namespace
// name (an unrendered template, say) cannot hold a report: its results go to the cluster report.
// Derived from the JSON report only.
import { dump } from 'js-yaml';
import { isClusterScoped } from '../model/kinds.js';
import type { Finding, ReportResource, ScanReport } from '../model/types.js';
import { whereText } from './shared.js';

export const POLICY_REPORT_API = 'wgpolicyk8s.io/v1alpha2';
const CLUSTER = '';

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

export function formatPolicyReport(report: ScanReport): string {
  const resources = new Map(report.resources.map((r) => [r.id, r]));
  const sections = new Map(report.controls.map((c) => [c.id, c.section]));
  const ms = Date.parse(report.generatedAt);
  const timestamp = { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
  const byNamespace = new Map<string, Result[]>([[CLUSTER, []]]);
  const reportIn = (namespace: string | undefined) => (namespace && isNamespaceName(namespace) ? namespace : CLUSTER);
  for (const r of report.resources) {
    const ns = reportIn(refOf(r.id, r).namespace);
    if (!byNamespace.has(ns)) byNamespace.set(ns, []);
  }
  for (const f of report.findings) {
    const ref = refOf(f.resourceId, resources.get(f.resourceId));
    const ns = reportIn(ref.namespace);
    const list = byNamespace.get(ns) ?? [];
    list.push(resultOf(f, ref, sections.get(f.controlId) ?? '', timestamp));
    byNamespace.set(ns, list);
  }
  const namespaces = [...byNamespace.keys()].filter((n) => n !== CLUSTER).sort();
  const docs = [...namespaces, CLUSTER].map((ns) => reportObject(ns, byNamespace.get(ns) ?? []));
  return docs.map((d) => dump(d, { noRefs: true, lineWidth: -1 })).join('---\n');
}

function reportObject(namespace: string, results: Result[]) {
  const summary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const r of results) summary[r.result]++;
  const metadata = {
    name: namespace === CLUSTER ? 'palisade-cluster' : 'palisade',
    ...(namespace === CLUSTER ? {} : { namespace }),
    labels: { 'app.kubernetes.io/managed-by': 'palisade' },
  };
  return {
    apiVersion: POLICY_REPORT_API,
    kind: namespace === CLUSTER ? 'ClusterPolicyReport' : 'PolicyReport',
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
