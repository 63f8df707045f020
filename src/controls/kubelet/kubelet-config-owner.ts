import { defineControl } from '../define.js';
import { PICK, fileOwner } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 4.1.10, as kube-bench's cfg/cis-1.10 tests it (stat -c %U:%G is root:root).
export default defineControl({
  id: 'kubelet-config-owner',
  aliases: ['C-0171'],
  title: 'The kubelet\'s --config file is not owned by root:root',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) the kubelet\'s --config file (config.yaml): the owner is not user root and group root.',
  rationale: 'Whoever owns the kubelet\'s --config file (config.yaml) can change it, and with it what the node or the cluster runs or trusts: it must belong to root.',
  remediation: 'chown root:root /var/lib/kubelet/config.yaml',
  example: {
    failing: nodeComponent('kubelet', [{ path: '/var/lib/kubelet/config.yaml', role: 'config', reason: '--config', mode: '0600', uid: 1000, gid: 1000 }]),
    passing: nodeComponent('kubelet', [{ path: '/var/lib/kubelet/config.yaml', role: 'config', reason: '--config', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileOwner('kubelet', PICK.configFlag),
});
