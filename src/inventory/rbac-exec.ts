// Exec and attach through `get`: kubectl exec/attach open a WebSocket (or SPDY) upgrade with an HTTP
// GET, which the API server authorized as the verb `get` on pods/exec and pods/attach. So `get`
// alone allowed exec and attach (kubernetes/kubernetes#78741). KEP-4006 added the feature gate
// AuthorizePodWebsocketUpgradeCreatePermission, enabled by default from Kubernetes 1.35: the upgrade
// then also needs `create`. Until the scan knows the cluster runs 1.35 or newer, `get` is enough.
import type { Request } from './rbac.js';

/** The first Kubernetes version whose API server checks `create` for exec/attach upgrades by default. */
export const CREATE_ENFORCED_FROM = { major: 1, minor: 35 } as const;

/** `v1.33.1`, `1.35`, `v1.35.0-gke.1200` → major and minor; undefined for anything else. */
export function parseKubernetesVersion(text: string | undefined): { major: number; minor: number } | undefined {
  const m = /^v?(\d{1,4})\.(\d{1,4})(?:[.+-]|$)/.exec(text?.trim() ?? '');
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** Whether `get` on pods/exec and pods/attach still opens a shell: unless the version is known to be 1.35 or newer. */
export function getAllowsExec(version: string | undefined): boolean {
  const v = parseKubernetesVersion(version);
  if (!v) return true;
  return v.major < CREATE_ENFORCED_FROM.major || (v.major === CREATE_ENFORCED_FROM.major && v.minor < CREATE_ENFORCED_FROM.minor);
}

/** The requests that allow a subresource of pods: `create`, and for exec and attach `get` where it still suffices. */
export function podSubresourceRequests(subresource: string, version: string | undefined, namespace?: string): Request[] {
  const base = { group: '', resource: 'pods', subresource, ...(namespace !== undefined ? { namespace } : {}) };
  const viaGet = (subresource === 'exec' || subresource === 'attach') && getAllowsExec(version);
  return [{ verb: 'create', ...base }, ...(viaGet ? [{ verb: 'get', ...base }] : [])];
}

/** Why `get` counts, for messages. */
export function getNote(version: string | undefined): string {
  const known = parseKubernetesVersion(version);
  const where = known ? `this cluster runs ${version}, before 1.35` : 'the Kubernetes version is not known (set inputs.kubernetesVersion, or scan the cluster)';
  return `get is enough to exec or attach through a WebSocket upgrade on API servers before 1.35 (kubernetes#78741; `
    + `1.35 enforces create by default): ${where}`;
}
