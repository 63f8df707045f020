import { defineControl } from '../define.js';
import { PICK, fileOwner } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.1.18, as kube-bench's cfg/cis-1.10 tests it (stat -c %U:%G is root:root).
export default defineControl({
  id: 'controller-manager-kubeconfig-owner',
  aliases: ['C-0109'],
  title: 'The controller manager\'s --kubeconfig is not owned by root:root',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) the controller manager\'s --kubeconfig (controller-manager.conf): the owner is not user root and group root.',
  rationale: 'Whoever owns the controller manager\'s --kubeconfig (controller-manager.conf) can change it, and with it what the node or the cluster runs or trusts: it must belong to root.',
  remediation: 'chown root:root /etc/kubernetes/controller-manager.conf',
  example: {
    failing: nodeComponent('kube-controller-manager', [{ path: '/etc/kubernetes/controller-manager.conf', role: 'kubeconfig', reason: '--kubeconfig', mode: '0600', uid: 1000, gid: 1000 }]),
    passing: nodeComponent('kube-controller-manager', [{ path: '/etc/kubernetes/controller-manager.conf', role: 'kubeconfig', reason: '--kubeconfig', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileOwner('kube-controller-manager', PICK.kubeconfigFlag),
});
