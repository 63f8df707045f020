import { defineControl } from '../define.js';
import { PICK, fileOwner } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.1.14, as kube-bench's cfg/cis-1.10 tests it (stat -c %U:%G is root:root).
export default defineControl({
  id: 'admin-kubeconfig-owner',
  aliases: ['C-0105'],
  title: 'The default administrative credentials are not owned by root:root',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) the default administrative credentials (admin.conf, super-admin.conf): the owner is not user root and group root.',
  rationale: 'Whoever owns the default administrative credentials (admin.conf, super-admin.conf) can change it, and with it what the node or the cluster runs or trusts: it must belong to root.',
  remediation: 'chown root:root /etc/kubernetes/admin.conf',
  example: {
    failing: nodeComponent('kube-apiserver', [{ path: '/etc/kubernetes/admin.conf', role: 'kubeconfig', reason: 'kubeadm default location', mode: '0600', uid: 1000, gid: 1000 }]),
    passing: nodeComponent('kube-apiserver', [{ path: '/etc/kubernetes/admin.conf', role: 'kubeconfig', reason: 'kubeadm default location', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileOwner('kube-apiserver', PICK.adminConf),
});
