import { defineControl } from '../define.js';
import { failSetting, kubeletControl } from '../templates/kubelet-control.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';

// CIS Kubernetes Benchmark v1.10.0 4.2.6. The default is true both as a flag and in the config file
// (kubelet's options and KubeletConfiguration v1beta1 SetDefaults_KubeletConfiguration).
export default defineControl({
  id: 'kubelet-iptables-util-chains',
  aliases: ['C-0178'],
  title: 'Kubelet does not manage its iptables chains',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: 'makeIPTablesUtilChains is false (--make-iptables-util-chains=false; the default is true).',
  rationale:
    'The kubelet keeps the iptables chains the node\'s networking relies on; left to hand-made rules they drift, '
    + 'and traffic the cluster means to block may pass.',
  remediation: 'Remove makeIPTablesUtilChains: false from the KubeletConfiguration (or --make-iptables-util-chains=false).',
  example: {
    failing: kubeletConfig('makeIPTablesUtilChains: false\n'),
    passing: kubeletConfig('makeIPTablesUtilChains: true\n'),
  },
  ...kubeletControl((view, ctx) => {
    const s = view.setting('makeIPTablesUtilChains');
    if (s.value !== false) return;
    failSetting(view, ctx, s, 'the kubelet does not manage its iptables chains', 'set makeIPTablesUtilChains: true (--make-iptables-util-chains=true)');
  }),
});
