// An item of a list page made into the object the scan keeps: kind and apiVersion set (the API
// leaves them out of list items), and what no control reads dropped at once, so a page's worth
// of bulk never outlives the page.
import type { KubeObject } from '../../model/types.js';
import { apiVersionOf, type ServedKind } from './kinds.js';
import { isObj } from '../../model/guards.js';

/**
 * A copy of the whole object as last applied by `kubectl apply`: stale, often the largest field,
 * and on a Secret it holds the Secret's data (base64) — so it is dropped from every object.
 */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Obj = Record<string, unknown>;
export function reduceItem(item: unknown, kind: ServedKind): KubeObject {
  const source: Obj = isObj(item) ? item : {};
  const metadata: Obj = isObj(source.metadata) ? source.metadata : {};
  delete metadata.managedFields; // server-side apply bookkeeping: who set which field
  if (isObj(metadata.annotations)) delete metadata.annotations[LAST_APPLIED];
  const head = { apiVersion: apiVersionOf(kind), kind: kind.kind };
  // metadata-only lists (Secrets): nothing but the metadata is ever copied
  if (kind.metadataOnly) return { ...head, metadata } as KubeObject;
  const { status, apiVersion: _v, kind: _k, metadata: _m, ...rest } = source;
  const out: Obj = { ...head, metadata, ...rest };
  if (kind.kind === 'Node' && isObj(status)) {
    // the kubelet version and node addresses; conditions, images and volumes are not judged
    const kept: Obj = {};
    if (status.nodeInfo !== undefined) kept.nodeInfo = status.nodeInfo;
    if (status.addresses !== undefined) kept.addresses = status.addresses;
    out.status = kept;
  }
  return out as KubeObject;
}
