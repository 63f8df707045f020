import { defineControl } from '../define.js';
import { PICK, fileMode } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.1.15, as kube-bench's cfg/cis-1.10 tests it (bitmask 600).
export default defineControl({
  id: 'scheduler-kubeconfig-mode',
  aliases: ['C-0106'],
  title: 'The scheduler\'s --kubeconfig is more open than 600',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) the scheduler\'s --kubeconfig (scheduler.conf): a permission bit beyond 600 (group or other access, or execute).',
  rationale: 'The scheduler\'s --kubeconfig (scheduler.conf) holds credentials; any access beyond the owner\'s lets another user of the node read or change it.',
  remediation: 'chmod 600 /etc/kubernetes/scheduler.conf',
  example: {
    failing: nodeComponent('kube-scheduler', [{ path: '/etc/kubernetes/scheduler.conf', role: 'kubeconfig', reason: '--kubeconfig', mode: '0644', uid: 0, gid: 0 }]),
    passing: nodeComponent('kube-scheduler', [{ path: '/etc/kubernetes/scheduler.conf', role: 'kubeconfig', reason: '--kubeconfig', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileMode('kube-scheduler', PICK.kubeconfigFlag, 0o600),
});
