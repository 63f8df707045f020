import { defineControl } from '../define.js';
import { PICK, fileMode } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.1.13, as kube-bench's cfg/cis-1.10 tests it (bitmask 600).
export default defineControl({
  id: 'admin-kubeconfig-mode',
  aliases: ['C-0104'],
  title: 'The default administrative credentials are more open than 600',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) the default administrative credentials (admin.conf, super-admin.conf): a permission bit beyond 600 (group or other access, or execute).',
  rationale: 'The default administrative credentials (admin.conf, super-admin.conf) holds credentials; any access beyond the owner\'s lets another user of the node read or change it.',
  remediation: 'chmod 600 /etc/kubernetes/admin.conf',
  example: {
    failing: nodeComponent('kube-apiserver', [{ path: '/etc/kubernetes/admin.conf', role: 'kubeconfig', reason: 'kubeadm default location', mode: '0644', uid: 0, gid: 0 }]),
    passing: nodeComponent('kube-apiserver', [{ path: '/etc/kubernetes/admin.conf', role: 'kubeconfig', reason: 'kubeadm default location', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileMode('kube-apiserver', PICK.adminConf, 0o600),
});
