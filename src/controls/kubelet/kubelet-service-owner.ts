import { defineControl } from '../define.js';
import { PICK, fileOwner } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 4.1.2, as kube-bench's cfg/cis-1.10 tests it (stat -c %U:%G is root:root).
export default defineControl({
  id: 'kubelet-service-owner',
  aliases: ['C-0163'],
  title: 'The kubelet\'s systemd unit and drop-ins are not owned by root:root',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) the kubelet\'s systemd unit and drop-ins: the owner is not user root and group root.',
  rationale: 'Whoever owns the kubelet\'s systemd unit and drop-ins can change it, and with it what the node or the cluster runs or trusts: it must belong to root.',
  remediation: 'chown root:root /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf',
  example: {
    failing: nodeComponent('kubelet', [{ path: '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf', role: 'config', reason: 'kubeadm default location', mode: '0600', uid: 1000, gid: 1000 }]),
    passing: nodeComponent('kubelet', [{ path: '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf', role: 'config', reason: 'kubeadm default location', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileOwner('kubelet', PICK.kubeletService),
});
