import { defineControl } from '../define.js';
import { PICK, fileMode } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 4.1.5, as kube-bench's cfg/cis-1.10 tests it (bitmask 600).
export default defineControl({
  id: 'kubelet-kubeconfig-mode',
  aliases: ['C-0166'],
  title: 'The kubelet\'s --kubeconfig is more open than 600',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) the kubelet\'s --kubeconfig (kubelet.conf): a permission bit beyond 600 (group or other access, or execute).',
  rationale: 'The kubelet\'s --kubeconfig (kubelet.conf) holds credentials; any access beyond the owner\'s lets another user of the node read or change it.',
  remediation: 'chmod 600 /etc/kubernetes/kubelet.conf',
  example: {
    failing: nodeComponent('kubelet', [{ path: '/etc/kubernetes/kubelet.conf', role: 'kubeconfig', reason: '--kubeconfig', mode: '0644', uid: 0, gid: 0 }]),
    passing: nodeComponent('kubelet', [{ path: '/etc/kubernetes/kubelet.conf', role: 'kubeconfig', reason: '--kubeconfig', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileMode('kubelet', PICK.kubeconfigFlag, 0o600),
});
