// Which cluster, and as whom: a kubeconfig read with @kubernetes/client-node, found where kubectl
// looks for it (clientcmd's loading rules): --kubeconfig, else the files of $KUBECONFIG merged,
// else ~/.kube/config, else the pod's service account when running in a cluster. The library
// applies the credentials (client certificates, CA, bearer tokens, exec plugins, auth providers);
// the requests themselves are made by http.ts. No message here quotes the kubeconfig's content.
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeconfigError, safeLine } from './errors.js';
import { importClientNode } from './client-node.js';

export interface ClusterConfigOptions {
  /** A kubeconfig file; default: $KUBECONFIG, then ~/.kube/config, then the in-cluster service account. */
  kubeconfig?: string;
  /** A context of that kubeconfig; default: its current-context. */
  context?: string;
}

export interface ClusterConfig {
  /** The API server, `https://host:port` (and a path prefix when the kubeconfig has one). */
  server: string;
  context: string;
  /** Where the configuration came from, for messages: a file, the KUBECONFIG files, or `in-cluster service account`. */
  from: string;
  /** Sets the request's credentials: the Authorization (or impersonation) headers, or basic auth. The client certificate is the agent's. */
  authenticate(options: https.RequestOptions): Promise<void>;
  /** One agent for every request: keep-alive, this cluster's CA and client certificate (or the kubeconfig's proxy). */
  createAgent(maxSockets: number): Promise<https.Agent>;
}

const CREDENTIALS_TTL_MS = 60_000;

/** Where the service account's token lives in a pod (and what the library reads for in-cluster config). */
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * A directory the in-cluster files are looked up under instead of `/` (the library's
 * loadFromCluster pathPrefix): for the tests, which cannot write /var/run/secrets, and for a
 * debugging session that copied a pod's service-account files. Unset in a pod.
 */
function inClusterRoot(): string {
  return process.env.PALISADE_IN_CLUSTER_ROOT ?? '';
}

export async function loadClusterConfig(options: ClusterConfigOptions = {}): Promise<ClusterConfig> {
  const { KubeConfig } = await importClientNode();
  const { kc, from } = loadKubeConfig(() => new KubeConfig(), options.kubeconfig);
  if (options.context !== undefined) {
    if (!kc.getContextObject(options.context)) {
      throw new KubeconfigError(`no context named "${options.context}" in ${from}${contextList(kc)}`);
    }
    kc.setCurrentContext(options.context);
  }
  const context = kc.getCurrentContext();
  if (!context) throw new KubeconfigError(`${from} has no current-context: choose one with --context${contextList(kc)}`);
  const ctx = kc.getContextObject(context);
  if (!ctx) throw new KubeconfigError(`the current-context "${context}" of ${from} is not one of its contexts${contextList(kc)}`);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeconfigError(`context "${context}" names cluster "${ctx.cluster}", which ${from} does not define`);
  const server = checkServer(cluster.server, context);

  const authenticate = async (opts: https.RequestOptions): Promise<void> => {
    try {
      await kc.applyToHTTPSOptions(opts);
    } catch (e) {
      // an exec plugin's failure is its stderr: shown as one line with anything token-like replaced
      throw new KubeconfigError(`could not get the credentials of context "${context}": ${safeLine((e as Error)?.message ?? String(e)) || 'no reason given'}`);
    }
  };
  // One credential for many requests: the library re-runs an exec plugin whose credential has no
  // expirationTimestamp on every call (kubectl keeps it for the process), so it is kept here for a
  // minute — short enough for rotating tokens (the in-cluster token file, 15-minute cloud tokens).
  let cached: { at: number; value: Promise<https.RequestOptions> } | undefined;
  const credentials = (): Promise<https.RequestOptions> => {
    if (!cached || Date.now() - cached.at > CREDENTIALS_TTL_MS) {
      const value = (async () => {
        const o: https.RequestOptions = { headers: {} };
        await authenticate(o);
        return o;
      })();
      cached = { at: Date.now(), value };
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };
  return {
    server, context, from,
    async authenticate(opts) {
      const c = await credentials();
      opts.headers = { ...opts.headers, ...c.headers };
      if (c.auth) opts.auth = c.auth;
    },
    async createAgent(maxSockets) {
      const o = await credentials();
      // proxy-url: the library's proxy agent (an agent-base Agent: HTTP CONNECT or SOCKS, with this
      // cluster's TLS options) carries every request
      if (cluster.proxyUrl && o.agent) return o.agent as https.Agent;
      return new https.Agent({
        keepAlive: true, maxSockets,
        ca: o.ca, cert: o.cert, key: o.key, pfx: o.pfx, passphrase: o.passphrase,
        rejectUnauthorized: o.rejectUnauthorized, servername: o.servername,
      });
    },
  };
}

function loadKubeConfig(make: () => KubeConfig, explicit: string | undefined): { kc: KubeConfig; from: string } {
  if (explicit !== undefined) return { kc: loadFile(make(), explicit), from: `kubeconfig ${explicit}` };
  const list = process.env.KUBECONFIG;
  if (list) {
    const files = list.split(path.delimiter).filter(Boolean);
    // clientcmd: files of KUBECONFIG that do not exist are skipped
    const existing = files.filter((f) => fs.existsSync(f));
    if (existing.length === 0) throw new KubeconfigError(`none of the KUBECONFIG files exists (${files.join(', ')})`);
    const from = existing.length === 1 ? `kubeconfig ${existing[0]}` : `the KUBECONFIG files (${existing.join(', ')})`;
    return { kc: merge(make, existing.map((f) => loadFile(make(), f))), from };
  }
  const home = path.join(os.homedir(), '.kube', 'config');
  if (fs.existsSync(home)) return { kc: loadFile(make(), home), from: `kubeconfig ${home}` };
  if (process.env.KUBERNETES_SERVICE_HOST && process.env.KUBERNETES_SERVICE_PORT) {
    const prefix = inClusterRoot();
    if (!fs.existsSync(prefix + SERVICE_ACCOUNT_TOKEN)) {
      throw new KubeconfigError(`running in a pod (KUBERNETES_SERVICE_HOST is set) but ${prefix + SERVICE_ACCOUNT_TOKEN} does not exist: is automountServiceAccountToken off?`);
    }
    const kc = make();
    // client-go's rest.InClusterConfig: https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT, the
    // service account's ca.crt, and its token file re-read as it rotates
    kc.loadFromCluster(prefix);
    return { kc, from: 'the in-cluster service account' };
  }
  throw new KubeconfigError(`no kubeconfig: KUBECONFIG is not set, ${home} does not exist and this is not a pod; pass --kubeconfig FILE`);
}

function loadFile(kc: KubeConfig, file: string): KubeConfig {
  if (!fs.existsSync(file)) throw new KubeconfigError(`kubeconfig ${file} not found`);
  try {
    kc.loadFromFile(file);
  } catch (e) {
    throw new KubeconfigError(`kubeconfig ${file} could not be read: ${loadReason(e)}`);
  }
  return kc;
}

/** Why a kubeconfig did not load, without quoting it (js-yaml's messages show the offending lines). */
function loadReason(e: unknown): string {
  const err = e as { name?: string; code?: string; message?: string; mark?: { line?: number }; reason?: string };
  if (err?.code === 'EACCES') return 'permission denied';
  if (err?.code === 'EISDIR') return 'it is a directory';
  if (err?.name === 'YAMLException') {
    const line = typeof err.mark?.line === 'number' ? ` at line ${err.mark.line + 1}` : '';
    return `not valid YAML${line}${err.reason ? ` (${safeLine(err.reason, 80)})` : ''}`;
  }
  // the library's own checks name a field (`clusters[0].cluster.server is missing`, `Duplicate user: x`)
  const m = err?.message ?? '';
  if (/^(clusters|users|contexts)\[\d+\](\.[\w.]+)? is missing$/.test(m) || /^Duplicate (cluster|user|context): /.test(m)) return safeLine(m, 120);
  return 'not a kubeconfig';
}

/**
 * KUBECONFIG with several files, merged as clientcmd merges them: the first file to set a
 * cluster, user or context of a given name wins, and so does the first current-context.
 */
function merge(make: () => KubeConfig, configs: KubeConfig[]): KubeConfig {
  const firstByName = <T extends { name: string }>(lists: T[][]): T[] => {
    const seen = new Map<string, T>();
    for (const list of lists) for (const x of list ?? []) if (!seen.has(x.name)) seen.set(x.name, x);
    return [...seen.values()];
  };
  const kc = make();
  kc.loadFromOptions({
    clusters: firstByName(configs.map((c) => c.clusters)),
    users: firstByName(configs.map((c) => c.users)),
    contexts: firstByName(configs.map((c) => c.contexts)),
    currentContext: configs.map((c) => c.currentContext).find(Boolean) ?? '',
  });
  return kc;
}

function contextList(kc: KubeConfig): string {
  const names = kc.getContexts().map((c) => c.name);
  if (names.length === 0) return ' (it has no contexts)';
  const shown = names.slice(0, 10).join(', ');
  return ` (contexts: ${shown}${names.length > 10 ? `, and ${names.length - 10} more` : ''})`;
}

function checkServer(server: string, context: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new KubeconfigError(`the cluster of context "${context}" has no valid server URL`);
  }
  // the library itself refuses plain http unless TLS verification is off; tokens never travel in clear here
  if (url.protocol !== 'https:') throw new KubeconfigError(`the cluster of context "${context}" is not served over https (${url.protocol}//${url.host})`);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
