import { defineControl } from '../define.js';
import { PICK, fileMode } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 4.1.9, as kube-bench's cfg/cis-1.10 tests it (bitmask 600).
export default defineControl({
  id: 'kubelet-config-mode',
  aliases: ['C-0170'],
  title: 'The kubelet\'s --config file is more open than 600',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) the kubelet\'s --config file (config.yaml): a permission bit beyond 600 (group or other access, or execute).',
  rationale: 'The kubelet\'s --config file (config.yaml) decides how a component runs; any access beyond the owner\'s lets another user of the node read or change it.',
  remediation: 'chmod 600 /var/lib/kubelet/config.yaml',
  example: {
    failing: nodeComponent('kubelet', [{ path: '/var/lib/kubelet/config.yaml', role: 'config', reason: '--config', mode: '0644', uid: 0, gid: 0 }]),
    passing: nodeComponent('kubelet', [{ path: '/var/lib/kubelet/config.yaml', role: 'config', reason: '--config', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileMode('kubelet', PICK.configFlag, 0o600),
});
