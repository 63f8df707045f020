import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_APISERVER } from '../../testing/control-plane-fixtures.js';
import control from './admission-plugins.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';

testControl(control, {
  valid: [
    staticPod('kube-apiserver', KUBEADM_APISERVER),
    { name: 'repeated slice flag appends', yaml: staticPod('kube-apiserver', ['--enable-admission-plugins=EventRateLimit', '--enable-admission-plugins=NodeRestriction']) },
    { name: 'legacy --admission-control with everything', yaml: staticPod('kube-apiserver', ['--admission-control=NamespaceLifecycle,ServiceAccount,PodSecurity,NodeRestriction']) },
  ],
  invalid: [
    { name: 'defaults only: no NodeRestriction', yaml: staticPod('kube-apiserver', ['--secure-port=6443']), paths: [CMD], messages: [/NodeRestriction is not enabled/] },
    { name: 'PodSecurity disabled, AlwaysAdmit enabled', yaml: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,AlwaysAdmit', '--disable-admission-plugins=PodSecurity']),
      paths: [`${CMD}[2]`, `${CMD}[1]`], messages: [/turns off PodSecurity/, /AlwaysAdmit is enabled/] },
    { name: 'legacy --admission-control replaces the defaults', yaml: staticPod('kube-apiserver', ['--admission-control=NodeRestriction']),
      paths: [`${CMD}[1]`, `${CMD}[1]`, `${CMD}[1]`], messages: [/does not include PodSecurity/, /does not include ServiceAccount/] },
  ],
});
