import { testControl } from '../../testing/control-tester.js';
import control from './etcd-data-dir-mode.js';
import { nodeComponent } from '../templates/node-component-example.js';

testControl(control, {
  valid: [
    { name: '700', yaml: nodeComponent('etcd', [{ path: '/var/lib/etcd', role: 'data-dir', reason: '--data-dir', mode: '0700', uid: 0, gid: 0, directory: true }]) },
    { name: 'stricter: 500', yaml: nodeComponent('etcd', [{ path: '/var/lib/etcd', role: 'data-dir', reason: '--data-dir', mode: '0500', uid: 0, gid: 0, directory: true }]) },
    { name: 'another file of the component is not this one', yaml: nodeComponent('etcd', [{ path: '/etc/kubernetes/other', role: 'cert', reason: 'some other file', mode: '0666', uid: 1000, gid: 1000 }, { path: '/var/lib/etcd', role: 'data-dir', reason: '--data-dir', mode: '0700', uid: 0, gid: 0, directory: true }]) },
  ],
  invalid: [
    { name: 'readable by group and others', yaml: nodeComponent('etcd', [{ path: '/var/lib/etcd', role: 'data-dir', reason: '--data-dir', mode: '0755', uid: 0, gid: 0, directory: true }]), paths: ['spec.files[0].mode'], messages: [/want 700 or more restrictive/], noWorkloadVariants: true },
    { name: 'one bit too many: group read', yaml: nodeComponent('etcd', [{ path: '/etc/kubernetes/other', role: 'cert', reason: 'some other file', mode: '0666', uid: 1000, gid: 1000 }, { path: '/var/lib/etcd', role: 'data-dir', reason: '--data-dir', mode: '0740', uid: 0, gid: 0, directory: true }]), paths: ['spec.files[1].mode'], noWorkloadVariants: true },
  ],
});
