// Each node's live kubelet configuration, from the kubelet's /configz endpoint through the API
// server's node proxy (GET /api/v1/nodes/NAME/proxy/configz, what `kubectl get --raw` reads). The
// kubelet serves the configuration it runs with — command-line flags already merged over its
// config file, every default filled in (cmd/kubelet/app/server.go converts it to v1beta1 before
// serving) — as `{"kubeletconfig": {...}}`. It becomes a KubeletConfiguration resource named after
// the node, the shape a node scan gives a kubelet config file, so the kubelet controls judge it.
// The node proxy needs `nodes/proxy`, which scanning identities often lack: the first 403 stops
// the requests (the permission is cluster-wide) and is recorded once.
import type { KubeObject, Resource } from '../../model/types.js';
import type { ApiClient, FailureStatus } from './http.js';
import { clusterResource } from './to-resource.js';

export const KUBELET_API_VERSION = 'kubelet.config.k8s.io/v1beta1';
export const KUBELET_KIND = 'KubeletConfiguration';

export interface KubeletFailure { node?: string; status: FailureStatus; reason: string }

export interface Kubelets {
  resources: Resource[];
  failures: KubeletFailure[];
}

export async function readKubelets(client: ApiClient, nodes: readonly string[], onNode?: () => void): Promise<Kubelets> {
  const out: Kubelets = { resources: [], failures: [] };
  const byNode = new Map<string, Resource>();
  const readOne = async (node: string): Promise<boolean> => {
    const path = `/api/v1/nodes/${encodeURIComponent(node)}/proxy/configz`;
    const got = await client.getJson<{ kubeletconfig?: unknown }>(path);
    onNode?.();
    if (!got.ok) {
      out.failures.push({ node, status: got.status, reason: `GET ${path}: ${got.reason}` });
      return got.status !== 403;
    }
    const config = got.body?.kubeletconfig;
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      out.failures.push({ node, status: 'invalid', reason: `GET ${path}: no kubeletconfig in the answer` });
      return true;
    }
    byNode.set(node, clusterResource(kubeletObject(node, config as Record<string, unknown>), false));
    return true;
  };
  if (nodes.length === 0) return out;
  if (!(await readOne(nodes[0]))) {
    out.failures[0] = { status: 403, reason: out.failures[0].reason };
    return out;
  }
  await Promise.all(nodes.slice(1).map(readOne));
  for (const node of nodes) {
    const r = byNode.get(node);
    if (r) out.resources.push(r);
  }
  return out;
}

function kubeletObject(node: string, config: Record<string, unknown>): KubeObject {
  const { apiVersion: _v, kind: _k, metadata: _m, ...settings } = config;
  return { apiVersion: KUBELET_API_VERSION, kind: KUBELET_KIND, metadata: { name: node }, ...settings };
}
