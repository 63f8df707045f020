import { defineControl } from '../define.js';
import { PICK, fileOwnerNamed } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.1.12, as kube-bench's cfg/cis-1.10 tests it (stat -c %U:%G is etcd:etcd):
// etcd should run as its own user, owning its data. kubeadm runs etcd as root, so a kubeadm node fails it.
export default defineControl({
  id: 'etcd-data-dir-owner',
  aliases: ['C-0103'],
  title: 'etcd\'s data directory is not owned by etcd:etcd',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) etcd\'s data directory (--data-dir) is not owned by user etcd and group etcd, by the names in the node\'s /etc/passwd and /etc/group.',
  rationale: 'etcd\'s data directory holds every object of the cluster, Secrets included; owned by a dedicated etcd user, '
    + 'it is readable by etcd alone, and etcd need not run as root.',
  remediation: 'Run etcd as a dedicated etcd user and chown -R etcd:etcd its data directory (/var/lib/etcd).',
  example: {
    failing: nodeComponent('etcd', [{ path: '/var/lib/etcd', role: 'data-dir', reason: '--data-dir', mode: '0700', uid: 0, gid: 0, user: 'root', group: 'root', directory: true }]),
    passing: nodeComponent('etcd', [{ path: '/var/lib/etcd', role: 'data-dir', reason: '--data-dir', mode: '0700', uid: 998, gid: 998, user: 'etcd', group: 'etcd', directory: true }]),
  },
  ...fileOwnerNamed('etcd', PICK.dataDir, 'etcd', 'etcd'),
});
