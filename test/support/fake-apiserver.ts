// A local HTTPS server that answers like the Kubernetes API server for what a cluster scan asks:
// bearer-token authentication (401 with a Status body), discovery (/api, /apis, /apis/G/V),
// lists with pagination (`limit`, `continue`, items without kind and apiVersion), field selectors,
// metadata-only lists and gets (PartialObjectMetadataList), /version, and the node proxy's
// configz. Faults on demand: 403 for some resources, one 429 (Retry-After: 1) or 500, a slow
// resource, an expired continue token. A Secret read without the metadata-only Accept header is
// a violation: the test that made it fails (assertNoViolations).
import assert from 'node:assert/strict';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterStore } from './cluster-store.js';
import type { Tls } from './cluster-tls.js';

export interface FakeOptions {
  token: string;
  /** Resources (`clusterroles`) answered with 403. */
  forbidden?: string[];
  /** Resources discovery lists but whose list answers 404 (a CRD deleted between discovery and the list). */
  gone?: string[];
  /** Resources whose first request gets 429 with Retry-After: 1. */
  throttleOnce?: string[];
  /** Resources whose first request gets 500. */
  failOnce?: string[];
  /** Resources answered after a delay (ms). */
  slow?: Record<string, number>;
  /** Resources whose first request with a continue token gets 410 Expired. */
  expireOnce?: string[];
  /** Answers every list whole, whatever the Accept header asks (as a server without metadata-only lists would). */
  ignoreMetadataAccept?: boolean;
  /** The kubelet configuration of a node (its /configz); 'forbidden' answers 403 for every node. */
  configz?: 'forbidden' | ((node: string) => Record<string, unknown> | undefined);
}

export interface Request { path: string; query: URLSearchParams; accept: string }

export interface FakeApiserver {
  url: string;
  requests: Request[];
  violations: string[];
  assertNoViolations(): void;
  close(): Promise<void>;
}

type Obj = Record<string, any>;
const METADATA_LIST = 'as=PartialObjectMetadataList';

export async function startFakeApiserver(tls: Tls, store: ClusterStore, options: FakeOptions): Promise<FakeApiserver> {
  const requests: Request[] = [];
  const violations: string[] = [];
  const once = new Set<string>();
  const first = (what: string, resource: string, list?: string[]) => {
    if (!list?.includes(resource) || once.has(`${what}/${resource}`)) return false;
    once.add(`${what}/${resource}`);
    return true;
  };

  // client certificates signed by the CA authenticate too, as with the API server's --client-ca-file
  const server = https.createServer({ key: tls.keyPem, cert: tls.certPem, ca: tls.caPem, requestCert: true, rejectUnauthorized: false }, async (req, res) => {
    res.on('error', () => {}); // a client that timed out and went away
    const url = new URL(req.url ?? '/', 'https://fake');
    const accept = String(req.headers.accept ?? '');
    requests.push({ path: url.pathname, query: url.searchParams, accept });
    const send = (code: number, body: unknown, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      res.writeHead(code, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const status = (code: number, reason: string, message: string, headers?: Record<string, string>) =>
      send(code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }, headers);

    const byCertificate = (req.socket as TLSSocket).authorized === true;
    if (req.headers.authorization !== `Bearer ${options.token}` && !byCertificate) return status(401, 'Unauthorized', 'Unauthorized');
    const p = url.pathname;
    if (p === '/version') return send(200, { major: '1', minor: '33', gitVersion: 'v1.33.1', platform: 'linux/amd64' });
    if (p === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
    if (p === '/apis') return send(200, groupList(store));
    const gv = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(\/.*)?$/.exec(p);
    if (!gv) return status(404, 'NotFound', 'the server could not find the requested resource');
    const [group, version, rest] = gv[1] ? ['', 'v1', gv[4] ?? ''] : [gv[2], gv[3], gv[4] ?? ''];
    const served = store.resources.filter((x) => x.group === group && x.version === version);
    if (!served.length) return status(404, 'NotFound', 'the server could not find the requested resource');
    if (rest === '') return send(200, resourceList(group, version, served));

    const proxy = group === '' && /^\/nodes\/([^/]+)\/proxy\/configz$/.exec(rest);
    if (proxy) {
      const node = decodeURIComponent(proxy[1]);
      if (options.configz === 'forbidden') return status(403, 'Forbidden', `nodes "${node}" is forbidden: User "system:serviceaccount:palisade:scanner" cannot get resource "nodes/proxy" in API group "" at the cluster scope`);
      const config = options.configz?.(node);
      return config ? send(200, { kubeletconfig: config }) : status(503, 'ServiceUnavailable', `error trying to reach service: dial tcp: connect: connection refused`);
    }
    const m = /^(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(rest);
    if (!m) return status(404, 'NotFound', 'the server could not find the requested resource');
    const [, namespace, resource, name] = m;
    const api = served.find((x) => x.resource === resource);
    if (!api) return status(404, 'NotFound', 'the server could not find the requested resource');
    const metadataOnly = accept.includes('as=PartialObjectMetadata') && !options.ignoreMetadataAccept;
    if (resource === 'secrets' && !accept.includes('as=PartialObjectMetadata')) violations.push(`a Secret was read whole: GET ${p}${url.search} (Accept: ${accept || 'none'})`);
    if (options.forbidden?.includes(resource)) {
      const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
      return status(403, 'Forbidden', `${resource}${group ? `.${group}` : ''} is forbidden: User "system:serviceaccount:palisade:scanner" cannot list resource "${resource}" in API group "${group}" ${scope}`);
    }
    if (options.gone?.includes(resource)) return status(404, 'NotFound', 'the server could not find the requested resource');
    if (options.slow?.[resource]) await sleep(options.slow[resource]);
    if (first('429', resource, options.throttleOnce)) return status(429, 'TooManyRequests', 'too many requests, please try again later', { 'retry-after': '1' });
    if (first('500', resource, options.failOnce)) return status(500, 'InternalError', 'Internal error occurred: etcdserver: request timed out');

    const kindOf = (o: Obj) => ({ apiVersion: group ? `${group}/${version}` : 'v1', kind: api.kind, ...o });
    if (name !== undefined) {
      const found = store.list(group, resource).find((o) => o.metadata.name === name && (o.metadata.namespace ?? undefined) === namespace);
      if (!found) return status(404, 'NotFound', `${resource} "${name}" not found`);
      return send(200, metadataOnly ? partial(found) : kindOf(found));
    }
    let items = store.list(group, resource).filter((o) => !namespace || o.metadata.namespace === namespace);
    const selector = url.searchParams.get('fieldSelector');
    if (selector) {
      const filter = fieldFilter(selector, resource);
      if (typeof filter === 'string') return status(400, 'BadRequest', filter);
      items = items.filter(filter);
    }
    const limit = Number(url.searchParams.get('limit') ?? 0);
    const token = url.searchParams.get('continue');
    if (token && first('410', resource, options.expireOnce)) {
      return status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
    }
    const start = token ? JSON.parse(Buffer.from(token, 'base64url').toString()).start as number : 0;
    const end = limit > 0 ? Math.min(items.length, start + limit) : items.length;
    const metadata: Obj = { resourceVersion: store.resourceVersion };
    if (end < items.length) {
      metadata.continue = Buffer.from(JSON.stringify({ start: end, rv: store.resourceVersion })).toString('base64url');
      metadata.remainingItemCount = items.length - end;
    }
    const page = items.slice(start, end);
    if (metadataOnly && accept.includes(METADATA_LIST)) {
      return send(200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: page.map(partial) });
    }
    send(200, { kind: `${api.kind}List`, apiVersion: group ? `${group}/${version}` : 'v1', metadata, items: page });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`, requests, violations,
    assertNoViolations: () => assert.deepEqual(violations, [], 'Secrets must only be read as metadata'),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function partial(o: Obj): Obj {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

function groupList(store: ClusterStore): Obj {
  const groups = new Map<string, string[]>();
  for (const x of store.resources) if (x.group && !groups.get(x.group)?.includes(x.version)) groups.set(x.group, [...(groups.get(x.group) ?? []), x.version]);
  return {
    kind: 'APIGroupList', apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name, versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
    })),
  };
}

function resourceList(group: string, version: string, served: ReadonlyArray<{ resource: string; kind: string; namespaced: boolean }>): Obj {
  const resources: Obj[] = [];
  for (const x of served) {
    resources.push({ name: x.resource, singularName: x.kind.toLowerCase(), namespaced: x.namespaced, kind: x.kind,
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] });
    resources.push({ name: `${x.resource}/status`, singularName: '', namespaced: x.namespaced, kind: x.kind, verbs: ['get', 'patch', 'update'] });
  }
  if (group === '') resources.push({ name: 'nodes/proxy', singularName: '', namespaced: false, kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get'] });
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

/** `metadata.namespace!=a,type=b`: the fields every resource supports, and a Secret's type. */
function fieldFilter(selector: string, resource: string): ((o: Obj) => boolean) | string {
  const tests: Array<(o: Obj) => boolean> = [];
  for (const term of selector.split(',')) {
    const m = /^([\w.]+)(!=|==|=)(.*)$/.exec(term);
    if (!m) return `invalid field selector: ${term}`;
    const [, field, op, value] = m;
    const get = field === 'metadata.name' ? (o: Obj) => o.metadata.name
      : field === 'metadata.namespace' ? (o: Obj) => o.metadata.namespace ?? ''
        : field === 'type' && resource === 'secrets' ? (o: Obj) => o.type ?? 'Opaque' : undefined;
    if (!get) return `field label not supported: ${field}`;
    tests.push(op === '!=' ? (o) => get(o) !== value : (o) => get(o) === value);
  }
  return (o) => tests.every((t) => t(o));
}
