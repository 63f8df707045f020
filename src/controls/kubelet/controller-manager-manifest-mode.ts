import { defineControl } from '../define.js';
import { PICK, fileMode } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.1.3, as kube-bench's cfg/cis-1.10 tests it (bitmask 600).
export default defineControl({
  id: 'controller-manager-manifest-mode',
  aliases: ['C-0094'],
  title: 'The controller manager\'s static pod manifest is more open than 600',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) the controller manager\'s static pod manifest: a permission bit beyond 600 (group or other access, or execute).',
  rationale: 'The controller manager\'s static pod manifest decides how a component runs; any access beyond the owner\'s lets another user of the node read or change it.',
  remediation: 'chmod 600 /etc/kubernetes/manifests/kube-controller-manager.yaml',
  example: {
    failing: nodeComponent('kube-controller-manager', [{ path: '/etc/kubernetes/manifests/kube-controller-manager.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0644', uid: 0, gid: 0 }]),
    passing: nodeComponent('kube-controller-manager', [{ path: '/etc/kubernetes/manifests/kube-controller-manager.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileMode('kube-controller-manager', PICK.manifest, 0o600),
});
