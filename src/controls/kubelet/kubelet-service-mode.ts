import { defineControl } from '../define.js';
import { PICK, fileMode } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 4.1.1, as kube-bench's cfg/cis-1.10 tests it (bitmask 600).
export default defineControl({
  id: 'kubelet-service-mode',
  aliases: ['C-0162'],
  title: 'The kubelet\'s systemd unit and drop-ins are more open than 600',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) the kubelet\'s systemd unit and drop-ins: a permission bit beyond 600 (group or other access, or execute).',
  rationale: 'The kubelet\'s systemd unit and drop-ins decides how a component runs; any access beyond the owner\'s lets another user of the node read or change it.',
  remediation: 'chmod 600 /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf',
  example: {
    failing: nodeComponent('kubelet', [{ path: '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf', role: 'config', reason: 'kubeadm default location', mode: '0644', uid: 0, gid: 0 }]),
    passing: nodeComponent('kubelet', [{ path: '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf', role: 'config', reason: 'kubeadm default location', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileMode('kubelet', PICK.kubeletService, 0o600),
});
