import { testControl } from '../../testing/control-tester.js';
import control from './etcd-manifest-owner.js';
import { nodeComponent } from '../templates/node-component-example.js';

testControl(control, {
  valid: [
    { name: 'root:root', yaml: nodeComponent('etcd', [{ path: '/etc/kubernetes/manifests/etcd.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0600', uid: 0, gid: 0 }]) },
    { name: 'another file of the component is not this one', yaml: nodeComponent('etcd', [{ path: '/etc/kubernetes/other', role: 'cert', reason: 'some other file', mode: '0666', uid: 1000, gid: 1000 }, { path: '/etc/kubernetes/manifests/etcd.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0600', uid: 0, gid: 0 }]) },
  ],
  invalid: [
    { name: 'owned by another user and group', yaml: nodeComponent('etcd', [{ path: '/etc/kubernetes/manifests/etcd.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0600', uid: 1000, gid: 1000 }]), paths: ['spec.files[0].uid', 'spec.files[0].gid'], messages: [/owned by uid 1000, not root/, /gid 1000, not root/], noWorkloadVariants: true },
    { name: 'root user, another group', yaml: nodeComponent('etcd', [{ path: '/etc/kubernetes/other', role: 'cert', reason: 'some other file', mode: '0666', uid: 1000, gid: 1000 }, { path: '/etc/kubernetes/manifests/etcd.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0600', uid: 0, gid: 5 }]), paths: ['spec.files[1].gid'], noWorkloadVariants: true },
  ],
});
