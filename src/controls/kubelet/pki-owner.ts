import { defineControl } from '../define.js';
import { PICK, fileOwner } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.1.19, as kube-bench's cfg/cis-1.10 tests it (stat -c %U:%G is root:root).
export default defineControl({
  id: 'pki-owner',
  aliases: ['C-0110'],
  title: 'The Kubernetes PKI files are not owned by root:root',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) the Kubernetes PKI files (/etc/kubernetes/pki): the owner is not user root and group root.',
  rationale: 'Whoever owns the Kubernetes PKI files (/etc/kubernetes/pki) can change them, and with them what the node or the cluster runs or trusts: it must belong to root.',
  remediation: 'chown -R root:root /etc/kubernetes/pki',
  example: {
    failing: nodeComponent('kube-apiserver', [{ path: '/etc/kubernetes/pki/ca.crt', role: 'cert', reason: 'kubeadm default location', mode: '0600', uid: 1000, gid: 1000 }]),
    passing: nodeComponent('kube-apiserver', [{ path: '/etc/kubernetes/pki/ca.crt', role: 'cert', reason: 'kubeadm default location', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileOwner('kube-apiserver', PICK.pki),
});
