import { testControl } from '../../testing/control-tester.js';
import { flagAt } from '../../testing/flag-cases.js';
import control from './kube-proxy-metrics-address.js';
import { staticPod } from '../templates/static-pod-example.js';

const WITH_CONFIG = staticPod('kube-proxy', ['--config=/var/lib/kube-proxy/case.yaml', '--metrics-bind-address=127.0.0.1:10249']);
const proxyConfig = (body: string) => `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
${body}`;
const ALL = ['--metrics-bind-address=0.0.0.0:10249'];
const V6 = ['--metrics-bind-address=[::]:10249'];

testControl(control, {
  valid: [
    { name: 'flags: the default is 127.0.0.1:10249', yaml: staticPod('kube-proxy', ['--kubeconfig=/var/lib/kube-proxy/kubeconfig']) },
    { name: 'loopback', yaml: staticPod('kube-proxy', ['--metrics-bind-address=127.0.0.1:10249']) },
    { name: 'IPv6 loopback', yaml: staticPod('kube-proxy', ['--metrics-bind-address=[::1]:10249']) },
    { name: 'empty: no metrics server', yaml: staticPod('kube-proxy', ['--metrics-bind-address=']) },
    { name: 'config file: empty is defaulted to loopback', yaml: `${WITH_CONFIG}---\n${proxyConfig('metricsBindAddress: ""\nmode: iptables\n')}` },
    { name: 'config file: loopback', yaml: `${WITH_CONFIG}---\n${proxyConfig('metricsBindAddress: 127.0.0.1:10249\n')}` },
  ],
  invalid: [
    { name: 'every interface', yaml: staticPod('kube-proxy', ALL), paths: [flagAt(ALL, 'metrics-bind-address')], messages: [/beyond localhost/] },
    { name: 'every IPv6 interface', yaml: staticPod('kube-proxy', V6), paths: [flagAt(V6, 'metrics-bind-address')] },
    {
      name: 'the config file wins over a loopback flag (kube-proxy ignores flags with --config)',
      yaml: `${WITH_CONFIG}---\n${proxyConfig('metricsBindAddress: 0.0.0.0:10249 # fails\n')}`,
      noWorkloadVariants: true, paths: ['kubeProxyConfig.metricsBindAddress'],
    },
  ],
});
