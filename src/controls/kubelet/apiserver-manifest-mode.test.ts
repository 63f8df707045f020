import { testControl } from '../../testing/control-tester.js';
import control from './apiserver-manifest-mode.js';
import { nodeComponent } from '../templates/node-component-example.js';

testControl(control, {
  valid: [
    { name: '600', yaml: nodeComponent('kube-apiserver', [{ path: '/etc/kubernetes/manifests/kube-apiserver.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0600', uid: 0, gid: 0 }]) },
    { name: 'stricter: 400', yaml: nodeComponent('kube-apiserver', [{ path: '/etc/kubernetes/manifests/kube-apiserver.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0400', uid: 0, gid: 0 }]) },
    { name: 'another file of the component is not this one', yaml: nodeComponent('kube-apiserver', [{ path: '/etc/kubernetes/other', role: 'cert', reason: 'some other file', mode: '0666', uid: 1000, gid: 1000 }, { path: '/etc/kubernetes/manifests/kube-apiserver.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0600', uid: 0, gid: 0 }]) },
  ],
  invalid: [
    { name: 'readable by group and others', yaml: nodeComponent('kube-apiserver', [{ path: '/etc/kubernetes/manifests/kube-apiserver.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0644', uid: 0, gid: 0 }]), paths: ['spec.files[0].mode'], messages: [/want 600 or more restrictive/], noWorkloadVariants: true },
    { name: 'one bit too many: owner execute', yaml: nodeComponent('kube-apiserver', [{ path: '/etc/kubernetes/other', role: 'cert', reason: 'some other file', mode: '0666', uid: 1000, gid: 1000 }, { path: '/etc/kubernetes/manifests/kube-apiserver.yaml', role: 'manifest', reason: 'static pod manifest', mode: '0700', uid: 0, gid: 0 }]), paths: ['spec.files[1].mode'], noWorkloadVariants: true },
  ],
});
