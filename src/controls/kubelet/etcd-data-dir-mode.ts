import { defineControl } from '../define.js';
import { PICK, fileMode } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.1.11, as kube-bench's cfg/cis-1.10 tests it (bitmask 700).
export default defineControl({
  id: 'etcd-data-dir-mode',
  aliases: ['C-0102'],
  title: 'etcd\'s data directory is more open than 700',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) etcd\'s data directory: a permission bit beyond 700 (group or other access).',
  rationale: 'etcd\'s data directory holds every object of the cluster, Secrets included; any access beyond the owner\'s lets another user of the node read or change it.',
  remediation: 'chmod 700 /var/lib/etcd',
  example: {
    failing: nodeComponent('etcd', [{ path: '/var/lib/etcd', role: 'data-dir', reason: '--data-dir', mode: '0755', uid: 0, gid: 0, directory: true }]),
    passing: nodeComponent('etcd', [{ path: '/var/lib/etcd', role: 'data-dir', reason: '--data-dir', mode: '0700', uid: 0, gid: 0, directory: true }]),
  },
  ...fileMode('etcd', PICK.dataDir, 0o700),
});
