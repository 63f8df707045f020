import { defineControl } from '../define.js';
import { PICK, fileOwner } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.1.16, as kube-bench's cfg/cis-1.10 tests it (stat -c %U:%G is root:root).
export default defineControl({
  id: 'scheduler-kubeconfig-owner',
  aliases: ['C-0107'],
  title: 'The scheduler\'s --kubeconfig is not owned by root:root',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) the scheduler\'s --kubeconfig (scheduler.conf): the owner is not user root and group root.',
  rationale: 'Whoever owns the scheduler\'s --kubeconfig (scheduler.conf) can change it, and with it what the node or the cluster runs or trusts: it must belong to root.',
  remediation: 'chown root:root /etc/kubernetes/scheduler.conf',
  example: {
    failing: nodeComponent('kube-scheduler', [{ path: '/etc/kubernetes/scheduler.conf', role: 'kubeconfig', reason: '--kubeconfig', mode: '0600', uid: 1000, gid: 1000 }]),
    passing: nodeComponent('kube-scheduler', [{ path: '/etc/kubernetes/scheduler.conf', role: 'kubeconfig', reason: '--kubeconfig', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileOwner('kube-scheduler', PICK.kubeconfigFlag),
});
