import { testControl } from '../../testing/control-tester.js';
import control from './etcd-data-dir-owner.js';
import { nodeComponent } from '../templates/node-component-example.js';

const dir = (user: string | undefined, group: string | undefined, uid = 998, gid = 998) => ({
  path: '/var/lib/etcd', role: 'data-dir' as const, reason: '--data-dir', mode: '0700', uid, gid, directory: true,
  ...(user ? { user } : {}), ...(group ? { group } : {}),
});

testControl(control, {
  valid: [
    { name: 'etcd:etcd', yaml: nodeComponent('etcd', [dir('etcd', 'etcd')]) },
    { name: 'by name, whatever the ids', yaml: nodeComponent('etcd', [dir('etcd', 'etcd', 1234, 4321)]) },
  ],
  invalid: [
    { name: 'kubeadm: root:root', yaml: nodeComponent('etcd', [dir('root', 'root', 0, 0)]), paths: ['spec.files[0].uid'], messages: [/owned by root:root, not etcd:etcd/], noWorkloadVariants: true },
    { name: 'etcd user, another group', yaml: nodeComponent('etcd', [dir('etcd', 'wheel', 998, 10)]), paths: ['spec.files[0].gid'], noWorkloadVariants: true },
  ],
});
