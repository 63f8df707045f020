import { defineControl } from '../define.js';
import { PICK, fileMode } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.1.7, as kube-bench's cfg/cis-1.10 tests it (bitmask 600).
export default defineControl({
  id: 'etcd-manifest-mode',
  aliases: ['C-0098'],
  title: 'etcd\'s static pod manifest is more open than 600',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) etcd\'s static pod manifest: a permission bit beyond 600 (group or other access, or execute).',
  rationale: 'etcd\'s static pod manifest decides how a component runs; any access beyond the owner\'s lets another user of the node read or change it.',
  remediation: 'chmod 600 /etc/kubernetes/manifests/etcd.yaml',
  example: {
    failing: nodeComponent('etcd', [{ path: '/etc/kubernetes/manifests/etcd.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0644', uid: 0, gid: 0 }]),
    passing: nodeComponent('etcd', [{ path: '/etc/kubernetes/manifests/etcd.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileMode('etcd', PICK.manifest, 0o600),
});
