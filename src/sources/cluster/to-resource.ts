// A cluster object as a Resource. Its location is the object in the API — `Pod/shop/web-1`,
// `ClusterRole/admin` — in the place a file source puts a path: there is no line to point at.
import { resourceId } from '../../model/kinds.js';
import type { KubeObject, Resource } from '../../model/types.js';

export function clusterResource(object: KubeObject, namespaced: boolean): Resource {
  const name = String(object.metadata.name ?? '');
  const namespace = namespaced && typeof object.metadata.namespace === 'string' && object.metadata.namespace !== ''
    ? object.metadata.namespace : undefined;
  const file = objectRef(object.kind, namespace, name);
  return {
    id: resourceId(object.apiVersion, namespace, object.kind, name),
    apiVersion: object.apiVersion, kind: object.kind, name, namespace,
    effectiveNamespace: namespaced ? namespace ?? 'default' : undefined,
    clusterScoped: !namespaced,
    object,
    source: { type: 'cluster' },
    locate: () => ({ file }),
  };
}

/** `kind/namespace/name`, or `kind/name` for cluster-scoped objects. */
export function objectRef(kind: string, namespace: string | undefined, name: string): string {
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}
