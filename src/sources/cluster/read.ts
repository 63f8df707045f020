// The cluster source: a live cluster's objects as Resources, in the shape the other sources
// return (resources, ignored, errors, documents, targets, warnings). What could not be read is
// in `unreadable` (every kind and kubelet, with its status); the scan skips the controls that need
// an unreadable kind instead of passing them. A kind refused (403) or not served (404) is a warning;
// one that failed (5xx, timeout, too large) is also in `errors` (exit 3).
// Thrown, and ending the scan: KubeconfigError, Unauthorized (401), Unreachable.
import type { InputError, Resource, ScanTarget, UnreadableKind } from '../../model/types.js';
import type { DocumentSink } from '../files/to-resources.js';
import { discover } from './discovery.js';
import { ApiClient, type FailureStatus, type HttpOptions } from './http.js';
import { KUBELET_KIND, readKubelets } from './kubelet.js';
import { CLUSTER_KINDS, pluralOf, type ServedKind } from './kinds.js';
import { loadClusterConfig, type ClusterConfig, type ClusterConfigOptions } from './kubeconfig.js';
import { listKind, type ListOptions, type ListResult } from './list.js';
import { foldOwned } from './owners.js';
import { showServer } from './errors.js';
import { listSecrets } from './secrets.js';
import { clusterResource } from './to-resource.js';

export interface ReadClusterOptions extends ClusterConfigOptions, HttpOptions {
  /** Only these namespaces (namespaced kinds are listed per namespace). */
  includeNamespaces?: string[];
  /** Not these namespaces (a field selector on every list). */
  excludeNamespaces?: string[];
  /** Items per page (default 500). */
  pageSize?: number;
  /** Read each node's kubelet configuration through the node proxy (default true). */
  kubelets?: boolean;
  /** Called as the read goes on: after each page, each kind and each kubelet. */
  onProgress?: (progress: ClusterProgress) => void;
  /** An already loaded configuration (the CLI loads it first to fail fast on a bad --context). */
  config?: ClusterConfig;
  /** Only these kinds (`who-can --cluster` reads the RBAC kinds); default: every kind the controls use. */
  kinds?: readonly string[];
}

export interface ClusterProgress {
  /** Kinds to list, and how many are done. */
  kinds: number;
  kindsListed: number;
  /** Objects received so far (before owners are folded), and pages. */
  objects: number;
  pages: number;
  /** Nodes whose kubelet configuration is to be read, and how many were. */
  kubelets: number;
  kubeletsRead: number;
}

/** Something the scan could not read: a kind (with the API path) or a node's kubelet configuration. */
export interface Unreadable extends UnreadableKind {
  /** For a kubelet: the node; absent when it applies to every node (a 403 on the node proxy). */
  name?: string;
  status: FailureStatus;
}

export interface ClusterSourceResult extends DocumentSink {
  targets: ScanTarget[];
  warnings: string[];
  unreadable: Unreadable[];
  /** Workloads left out because their owner is judged instead (Pods, ReplicaSets, Jobs), by kind. */
  folded: Record<string, number>;
  cluster: { server: string; context: string; version?: string };
}

export async function readCluster(options: ReadClusterOptions = {}): Promise<ClusterSourceResult> {
  const config = options.config ?? await loadClusterConfig(options);
  const client = await ApiClient.connect(config, options);
  try {
    return await readWith(client, config, options);
  } finally {
    client.close();
  }
}

async function readWith(client: ApiClient, config: ClusterConfig, options: ReadClusterOptions): Promise<ClusterSourceResult> {
  const warnings: string[] = [];
  const unreadable: Unreadable[] = [];
  const errors: InputError[] = [];
  const progress: ClusterProgress = { kinds: 0, kindsListed: 0, objects: 0, pages: 0, kubelets: 0, kubeletsRead: 0 };
  const report = () => options.onProgress?.({ ...progress });

  const kinds = options.kinds ? CLUSTER_KINDS.filter((k) => options.kinds!.includes(k.kind)) : CLUSTER_KINDS;
  const [version, discovery] = await Promise.all([client.getJson<{ gitVersion?: string }>('/version'), discover(client, kinds)]);
  if (!version.ok) warnings.push(`the API server's version could not be read (GET /version: ${version.reason})`);
  for (const m of discovery.missing) {
    unreadable.push({ kind: m.kind.kind, status: 404, reason: m.reason });
    warnings.push(`${pluralOf(m.kind.kind)} are not read: ${m.reason}`);
  }
  progress.kinds = discovery.served.length;
  report();

  const listOptions: ListOptions = {
    pageSize: options.pageSize, includeNamespaces: options.includeNamespaces, excludeNamespaces: options.excludeNamespaces,
    onPage: (items) => {
      progress.pages++;
      progress.objects += items;
      report();
    },
  };
  const listed = await Promise.all(discovery.served.map(async (kind): Promise<[ServedKind, ListResult]> => {
    const result = kind.metadataOnly ? await listSecrets(client, kind, listOptions) : await listKind(client, kind, listOptions);
    progress.kindsListed++;
    report();
    return [kind, result];
  }));

  const all: Resource[] = [];
  const nodes: string[] = [];
  for (const [kind, result] of listed) {
    // an add-on's CRD removed between discovery and the list: absent, as discovery would have said
    if (!result.ok && kind.optional && result.status === 404) continue;
    if (!result.ok) {
      unreadable.push({ kind: kind.kind, path: result.path, status: result.status, reason: result.reason });
      const message = `${pluralOf(kind.kind)} could not be listed: ${result.reason}`;
      // Refused (403) or not served (404): the identity's permissions, a choice the scan respects —
      // a warning, and the controls that need the kind are skipped (coverage shows it). A fault
      // (5xx after retries, a timeout, an oversized or broken answer) is an input error: exit 3.
      if (result.status === 403 || result.status === 404) warnings.push(message);
      else errors.push({ file: result.path, message });
      continue;
    }
    for (const object of result.items) {
      all.push(clusterResource(object, kind.namespaced));
      if (kind.kind === 'Node') nodes.push(String(object.metadata.name));
    }
  }
  const { resources, folded } = foldOwned(all);

  if (options.kubelets !== false && nodes.length) {
    progress.kubelets = nodes.length;
    report();
    const kubelets = await readKubelets(client, nodes, () => {
      progress.kubeletsRead++;
      report();
    });
    for (const r of kubelets.resources) resources.push(r);
    for (const f of kubelets.failures) unreadable.push({ kind: KUBELET_KIND, ...(f.node ? { name: f.node } : {}), status: f.status, reason: f.reason });
    if (kubelets.failures.length) warnings.push(kubeletWarning(kubelets.failures, nodes.length));
  }

  return {
    resources, ignored: [], errors, documents: resources.length + errors.length,
    targets: [{
      type: 'cluster', context: config.context, server: showServer(config.server),
      ...(version.ok && version.body?.gitVersion ? { version: String(version.body.gitVersion) } : {}),
    }],
    warnings, unreadable, folded,
    cluster: { server: config.server, context: config.context, ...(version.ok && version.body?.gitVersion ? { version: String(version.body.gitVersion) } : {}) },
  };
}

function kubeletWarning(failures: ReadonlyArray<{ node?: string; status: FailureStatus; reason: string }>, nodes: number): string {
  if (failures.length === 1 && !failures[0].node) {
    return `the kubelet configuration of the ${nodes} node(s) could not be read (${failures[0].reason}): the kubelet controls are skipped; `
      + 'they need get on nodes/proxy';
  }
  const shown = failures.slice(0, 5).map((f) => `${f.node} (${f.reason})`).join(', ');
  const more = failures.length > 5 ? `, and ${failures.length - 5} more` : '';
  return `the kubelet configuration of ${failures.length} of ${nodes} node(s) could not be read, so those kubelets are not judged: ${shown}${more}`;
}
