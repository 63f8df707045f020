// Which of the kinds this server serves, and at which version: GET /api and /apis (the group
// list), then the resource list of only the group versions our kinds can be at (kubectl's legacy
// discovery, minus the groups nobody here reads). A group that is not installed is not an error.
import { ClusterError } from './errors.js';
import type { ApiClient } from './http.js';
import { CLUSTER_KINDS, groupVersionPath, type KindSpec, type ServedKind } from './kinds.js';

export interface Discovery {
  served: ServedKind[];
  /** Kinds that are not optional and could not be found, with why. */
  missing: Array<{ kind: KindSpec; reason: string }>;
}

interface APIVersions { versions?: string[] }
interface APIGroupList { groups?: Array<{ name: string; versions?: Array<{ version: string }> }> }
interface APIResourceList { resources?: Array<{ name: string; kind?: string; namespaced?: boolean; verbs?: string[] }> }

export async function discover(client: ApiClient, kinds: readonly KindSpec[] = CLUSTER_KINDS): Promise<Discovery> {
  const [core, groups] = await Promise.all([
    client.getJson<APIVersions>('/api'), client.getJson<APIGroupList>('/apis'),
  ]);
  if (!core.ok) throw new ClusterError(`API discovery failed: GET /api: ${core.reason}`);
  if (!groups.ok) throw new ClusterError(`API discovery failed: GET /apis: ${groups.reason}`);

  const versionsOf = new Map<string, Set<string>>([['', new Set(core.body.versions ?? [])]]);
  for (const g of groups.body.groups ?? []) versionsOf.set(g.name, new Set((g.versions ?? []).map((v) => v.version)));

  // the group versions worth a request: those a kind can be at and the server serves
  const wanted = new Set<string>();
  for (const k of kinds) for (const v of k.versions) if (versionsOf.get(k.group)?.has(v)) wanted.add(groupVersionPath(k.group, v));
  const lists = new Map<string, { resources: Map<string, { namespaced: boolean; list: boolean }> } | { reason: string }>();
  await Promise.all([...wanted].map(async (p) => {
    const got = await client.getJson<APIResourceList>(p);
    if (!got.ok) {
      lists.set(p, { reason: `GET ${p}: ${got.reason}` });
      return;
    }
    const resources = new Map<string, { namespaced: boolean; list: boolean }>();
    for (const r of got.body.resources ?? []) {
      if (r.name.includes('/')) continue; // subresources: pods/log, nodes/proxy
      resources.set(r.name, { namespaced: r.namespaced === true, list: !r.verbs || r.verbs.includes('list') });
    }
    lists.set(p, { resources });
  }));

  const served: ServedKind[] = [];
  const missing: Discovery['missing'] = [];
  for (const k of kinds) {
    let found: ServedKind | undefined;
    const failures: string[] = [];
    for (const v of k.versions) {
      const list = lists.get(groupVersionPath(k.group, v));
      if (!list) continue;
      if ('reason' in list) failures.push(list.reason);
      const r = 'resources' in list ? list.resources.get(k.resource) : undefined;
      if (r?.list) {
        found = { ...k, version: v, namespaced: r.namespaced };
        break;
      }
    }
    if (found) served.push(found);
    else if (failures.length) missing.push({ kind: k, reason: failures.join('; ') });
    else if (!k.optional) {
      const where = versionsOf.has(k.group) ? `${k.group || 'the core group'} ${k.versions.join(', ')}` : `API group ${k.group}`;
      missing.push({ kind: k, reason: `not served by this API server (looked in ${where})` });
    }
  }
  // a kind with a preferred twin in another group (Calico's CRDs behind its API server) only when the twin is not served
  const twin = (k: KindSpec) => k.unlessServed && served.some((s) => s.group === k.unlessServed!.group && s.resource === k.unlessServed!.resource);
  return { served: served.filter((k) => !twin(k)), missing };
}
