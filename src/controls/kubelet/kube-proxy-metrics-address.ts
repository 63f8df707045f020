import { defineControl } from '../define.js';
import { isLoopbackHost } from '../../model/flags.js';
import type { Component } from '../../inventory/components.js';
import type { Inventory } from '../../inventory/index.js';
import type { Resource } from '../../model/types.js';
import { componentControl, failFlag, failInConfig, noComponentReason, shown } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

/** The default of --metrics-bind-address and of metricsBindAddress (kube-proxy's options; KubeProxyConfiguration v1alpha1 defaults). */
const DEFAULT_ADDRESS = '127.0.0.1:10249';

/** The host of `IP:port`, `[IPv6]:port` or a bare host. */
function hostOf(address: string): string {
  const v6 = /^\[([^\]]*)\](?::\d*)?$/.exec(address);
  if (v6) return v6[1]!;
  const colon = address.lastIndexOf(':');
  return colon > 0 && address.indexOf(':') === colon ? address.slice(0, colon) : address;
}

/**
 * With --config, kube-proxy takes its settings from that file and ignores the other flags but logging
 * ones (cmd/kube-proxy/app/server.go, Options.Complete); a kube-proxy whose file is not in the input
 * cannot be judged.
 */
const judgeable = (c: Component): boolean => !c.flags.value('config') || c.configs.kubeProxyConfig !== undefined;

const base = componentControl(['kube-proxy'], (c, ctx) => {
  const joined = c.configs.kubeProxyConfig;
  if (c.flags.value('config')) {
    if (!joined) return;
    const raw = joined.resource.object.metricsBindAddress;
    const address = typeof raw === 'string' && raw !== '' ? raw : DEFAULT_ADDRESS;
    if (!isLoopbackHost(hostOf(address))) {
      failInConfig(c, ctx, joined, ['metricsBindAddress'], `metricsBindAddress: ${address} serves kube-proxy's metrics beyond localhost`);
    }
    return;
  }
  const flag = c.flags.value('metrics-bind-address');
  // an empty flag turns the metrics server off (kube-proxy --help)
  if (flag === undefined || flag === '') return;
  if (!isLoopbackHost(hostOf(flag))) failFlag(c, ctx, 'metrics-bind-address', `${shown(c, 'metrics-bind-address')} serves kube-proxy's metrics beyond localhost`);
});

// CIS Kubernetes Benchmark v1.10.0 4.3.1.
export default defineControl({
  id: 'kube-proxy-metrics-address',
  aliases: [],
  title: 'kube-proxy serves its metrics beyond localhost',
  severity: 'low',
  section: 'kubelet',
  failsWhen: 'kube-proxy\'s metrics address (metricsBindAddress in its --config file, else --metrics-bind-address; default 127.0.0.1:10249) is not a loopback address.',
  rationale:
    'kube-proxy\'s metrics endpoint is unauthenticated: bound beyond localhost, anyone on the network reads the node\'s '
    + 'services, endpoints and rule counts, and can load the process.',
  remediation: 'Set metricsBindAddress: 127.0.0.1:10249 in kube-proxy\'s configuration (kubeadm: the kube-proxy ConfigMap), or --metrics-bind-address=127.0.0.1:10249.',
  example: {
    failing: staticPod('kube-proxy', ['--metrics-bind-address=0.0.0.0:10249']),
    passing: staticPod('kube-proxy', ['--metrics-bind-address=127.0.0.1:10249']),
  },
  ...base,
  targets: (inventory: Inventory): Resource[] => {
    const index = inventory.components();
    return index.targets('kube-proxy').filter((r) => index.at(r, 'kube-proxy').some(judgeable));
  },
  nothingToEvaluate: `${noComponentReason(['kube-proxy'])} (with its --config file: kube-proxy ignores its other flags then)`,
});
