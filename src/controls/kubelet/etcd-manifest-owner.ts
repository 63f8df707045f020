import { defineControl } from '../define.js';
import { PICK, fileOwner } from '../templates/node-file-rule.js';
import { nodeComponent } from '../templates/node-component-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.1.8, as kube-bench's cfg/cis-1.10 tests it (stat -c %U:%G is root:root).
export default defineControl({
  id: 'etcd-manifest-owner',
  aliases: ['C-0099'],
  title: 'etcd\'s static pod manifest is not owned by root:root',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: '(node scan) etcd\'s static pod manifest: the owner is not user root and group root.',
  rationale: 'Whoever owns etcd\'s static pod manifest can change it, and with it what the node or the cluster runs or trusts: it must belong to root.',
  remediation: 'chown root:root /etc/kubernetes/manifests/etcd.yaml',
  example: {
    failing: nodeComponent('etcd', [{ path: '/etc/kubernetes/manifests/etcd.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0600', uid: 1000, gid: 1000 }]),
    passing: nodeComponent('etcd', [{ path: '/etc/kubernetes/manifests/etcd.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0600', uid: 0, gid: 0 }]),
  },
  ...fileOwner('etcd', PICK.manifest),
});
