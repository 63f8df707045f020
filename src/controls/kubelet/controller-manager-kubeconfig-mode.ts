import { defineControl } from '../define.js';
import { PICK, fileMode } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.1.17, as kube-bench's cfg/cis-1.10 tests it (bitmask 600).
export default defineControl({
  id: 'controller-manager-kubeconfig-mode',
  aliases: ['C-0108'],
  title: 'The controller manager\'s --kubeconfig is more open than 600',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) the controller manager\'s --kubeconfig (controller-manager.conf): a permission bit beyond 600 (group or other access, or execute).',
  rationale: 'The controller manager\'s --kubeconfig (controller-manager.conf) holds credentials; any access beyond the owner\'s lets another user of the node read or change it.',
  remediation: 'chmod 600 /etc/kubernetes/controller-manager.conf',
  example: {
    failing: nodeComponent('kube-controller-manager', [{ path: '/etc/kubernetes/controller-manager.conf', role: 'kubeconfig', reason: '--kubeconfig', mode: '0644', uid: 0, gid: 0 }]),
    passing: nodeComponent('kube-controller-manager', [{ path: '/etc/kubernetes/controller-manager.conf', role: 'kubeconfig', reason: '--kubeconfig', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileMode('kube-controller-manager', PICK.kubeconfigFlag, 0o600),
});
