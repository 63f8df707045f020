// Listing one kind, page by page as the API conventions describe (`limit` and `continue`: follow
// every page until `metadata.continue` is empty; a continue token expires with etcd compaction,
// and the server answers 410 Gone — then the list starts over, once). Namespace filters go to the
// server: an include list becomes /namespaces/NS/ paths, an exclude list a field selector
// (`metadata.namespace!=x`, which every resource supports). Items are reduced as each page arrives.
import type { KubeObject } from '../../model/types.js';
import type { ApiClient, Failure } from './http.js';
import { groupVersionPath, type ServedKind } from './kinds.js';
import { reduceItem } from './reduce.js';

/**
 * Metadata only: the server turns each object into a PartialObjectMetadata (apimachinery's
 * meta.k8s.io/v1 type, what client-go's metadata client asks for) and leaves everything else out.
 * Unlike client-go, no `,application/json` fallback: a server that cannot do it must refuse (406)
 * rather than send the objects whole.
 */
export const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

export interface ListOptions {
  /** Items per page (default 500, kubectl's --chunk-size). */
  pageSize?: number;
  includeNamespaces?: string[];
  excludeNamespaces?: string[];
  /** Added to the namespace selector (`type=kubernetes.io/service-account-token`). */
  fieldSelector?: string;
  /** Called once per page received, with its number of items. */
  onPage?: (items: number) => void;
}

export type ListResult = { ok: true; items: KubeObject[] } | (Failure & { path: string });

interface ListBody { kind?: string; metadata?: { continue?: string }; items?: unknown[] }

export async function listKind(client: ApiClient, kind: ServedKind, options: ListOptions = {}): Promise<ListResult> {
  const include = options.includeNamespaces?.length ? options.includeNamespaces : undefined;
  const exclude = options.excludeNamespaces ?? [];
  const base = groupVersionPath(kind.group, kind.version);
  if (kind.kind === 'Namespace' && include) return getNamespaces(client, kind, `${base}/${kind.resource}`, include.filter((ns) => !exclude.includes(ns)));
  if (kind.namespaced && include) {
    const namespaces = include.filter((ns) => !exclude.includes(ns));
    const parts = await Promise.all(namespaces.map((ns) =>
      listPages(client, kind, `${base}/namespaces/${encodeURIComponent(ns)}/${kind.resource}`, options.fieldSelector, options)));
    const items: KubeObject[] = [];
    for (const part of parts) {
      if (!part.ok) return part;
      for (const item of part.items) items.push(item);
    }
    return { ok: true, items };
  }
  const selectors = options.fieldSelector ? [options.fieldSelector] : [];
  if (kind.namespaced) for (const ns of exclude) selectors.push(`metadata.namespace!=${ns}`);
  if (kind.kind === 'Namespace') for (const ns of exclude) selectors.push(`metadata.name!=${ns}`);
  return listPages(client, kind, `${base}/${kind.resource}`, selectors.join(',') || undefined, options);
}

/**
 * The included Namespaces, one GET each: a field selector has no "one of", and someone allowed
 * into a few namespaces can usually get them but not list every namespace. One that does not
 * exist is left out, as `kubectl get ns a b` reports it and goes on.
 */
async function getNamespaces(client: ApiClient, kind: ServedKind, path: string, names: string[]): Promise<ListResult> {
  const got = await Promise.all(names.map((ns) => client.getJson<unknown>(`${path}/${encodeURIComponent(ns)}`)));
  const items: KubeObject[] = [];
  for (const [i, g] of got.entries()) {
    if (g.ok) items.push(reduceItem(g.body, kind));
    else if (g.status !== 404) return { ...g, path: `${path}/${names[i]}` };
  }
  return { ok: true, items };
}

async function listPages(client: ApiClient, kind: ServedKind, path: string, fieldSelector: string | undefined,
  options: ListOptions): Promise<ListResult> {
  const accept = kind.metadataOnly ? METADATA_ONLY : 'application/json';
  for (let restarted = false; ; restarted = true) {
    const items: KubeObject[] = [];
    let token: string | undefined;
    let expired = false;
    do {
      const query = new URLSearchParams({ limit: String(options.pageSize ?? 500) });
      if (fieldSelector) query.set('fieldSelector', fieldSelector);
      if (token) query.set('continue', token);
      const got = await client.getJson<ListBody>(`${path}?${query}`, { accept });
      if (!got.ok) {
        if (got.status === 410 && token && !restarted) {
          expired = true;
          break;
        }
        return { ...got, path };
      }
      const page = got.body;
      if (kind.metadataOnly && page.kind !== 'PartialObjectMetadataList') {
        return { ok: false, status: 'invalid', reason: `the server did not answer with metadata only (got ${page.kind ?? 'no kind'}): ${kind.kind} objects are not read`, path };
      }
      const pageItems = Array.isArray(page.items) ? page.items : [];
      for (const item of pageItems) items.push(reduceItem(item, kind));
      options.onPage?.(pageItems.length);
      token = typeof page.metadata?.continue === 'string' && page.metadata.continue !== '' ? page.metadata.continue : undefined;
    } while (token);
    if (!expired) return { ok: true, items };
  }
}
