// Facts about Kubernetes' own components: executable names and the type of the flags we read.
// Flag types are from each component's `--help` (pflag Bool / StringSlice); see flags.ts for why they matter.
import type { FlagSpec } from './flags.js';

export const COMPONENT_NAMES = [
  'kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy',
] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export function isComponentName(s: string): s is ComponentName {
  return (COMPONENT_NAMES as readonly string[]).includes(s);
}

/** `hyperkube <sub>` subcommands. */
export const HYPERKUBE_SUBCOMMANDS: Readonly<Record<string, ComponentName>> = {
  'kube-apiserver': 'kube-apiserver', apiserver: 'kube-apiserver',
  'kube-controller-manager': 'kube-controller-manager', 'controller-manager': 'kube-controller-manager',
  'kube-scheduler': 'kube-scheduler', scheduler: 'kube-scheduler',
  kubelet: 'kubelet', 'kube-proxy': 'kube-proxy', proxy: 'kube-proxy',
};

const set = (...names: string[]): ReadonlySet<string> => new Set(names);

export const FLAG_SPECS: Readonly<Record<ComponentName, FlagSpec>> = {
  'kube-apiserver': {
    booleans: set(
      'anonymous-auth', 'profiling', 'contention-profiling', 'service-account-lookup',
      'service-account-extend-token-expiration', 'allow-privileged', 'enable-bootstrap-token-auth',
      'enable-aggregator-routing', 'encryption-provider-config-automatic-reload', 'enable-priority-and-fairness',
      'enable-garbage-collector', 'enable-logs-handler', 'audit-log-compress', 'logtostderr', 'alsologtostderr',
    ),
    lists: set(
      'authorization-mode', 'enable-admission-plugins', 'disable-admission-plugins', 'admission-control',
      'etcd-servers', 'tls-cipher-suites', 'api-audiences',
    ),
  },
  etcd: {
    booleans: set(
      'client-cert-auth', 'peer-client-cert-auth', 'auto-tls', 'peer-auto-tls', 'enable-v2', 'enable-pprof',
      'strict-reconfig-check', 'force-new-cluster', 'experimental-initial-corrupt-check', 'debug',
      'experimental-peer-skip-client-san-verification', 'peer-skip-client-san-verification',
    ),
  },
  'kube-controller-manager': {
    booleans: set(
      'use-service-account-credentials', 'profiling', 'contention-profiling', 'leader-elect', 'allocate-node-cidrs',
      'configure-cloud-routes', 'enable-hostpath-provisioner', 'enable-garbage-collector', 'logtostderr',
    ),
    lists: set('controllers', 'tls-cipher-suites'),
  },
  'kube-scheduler': {
    booleans: set(
      'profiling', 'contention-profiling', 'leader-elect', 'authentication-skip-lookup',
      'authentication-tolerate-lookup-failure', 'logtostderr',
    ),
    lists: set('tls-cipher-suites'),
  },
  kubelet: {
    booleans: set(
      'anonymous-auth', 'authentication-token-webhook', 'protect-kernel-defaults', 'make-iptables-util-chains',
      'rotate-certificates', 'rotate-server-certificates', 'seccomp-default', 'fail-swap-on', 'register-node',
      'enable-server', 'enable-debugging-handlers', 'cgroups-per-qos', 'serialize-image-pulls', 'logtostderr',
      'enable-controller-attach-detach', 'kernel-memcg-notification', 'exit-on-lock-contention',
    ),
    lists: set('tls-cipher-suites'),
  },
  'kube-proxy': {
    booleans: set('masquerade-all', 'profiling', 'cleanup', 'logtostderr'),
  },
};

/**
 * Non-boolean flags the controls read: `--flag value` always takes the next argument for these,
 * as pflag does, even when it starts with a dash.
 */
export const VALUED_FLAGS: ReadonlySet<string> = set(
  'authorization-mode', 'token-auth-file', 'basic-auth-file', 'tls-cert-file', 'tls-private-key-file', 'client-ca-file',
  'kubelet-client-certificate', 'kubelet-client-key', 'kubelet-certificate-authority', 'secure-port', 'insecure-port',
  'insecure-bind-address', 'etcd-cafile', 'etcd-certfile', 'etcd-keyfile', 'etcd-servers', 'encryption-provider-config',
  'audit-policy-file', 'audit-log-path', 'audit-webhook-config-file', 'audit-log-maxage', 'audit-log-maxbackup',
  'audit-log-maxsize', 'enable-admission-plugins', 'disable-admission-plugins', 'admission-control',
  'service-account-key-file', 'oidc-issuer-url', 'authentication-config', 'authentication-token-webhook-config-file',
  'authorization-config', 'feature-gates', 'bind-address', 'root-ca-file', 'service-account-private-key-file',
  'cert-file', 'key-file', 'peer-cert-file', 'peer-key-file', 'trusted-ca-file', 'peer-trusted-ca-file',
  'listen-client-urls', 'listen-peer-urls', 'data-dir', 'config', 'config-dir', 'config-file', 'kubeconfig', 'read-only-port',
  'streaming-connection-idle-timeout', 'tls-cipher-suites', 'pod-max-pids', 'metrics-bind-address',
);
