import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_CONTROLLER_MANAGER } from '../../testing/control-plane-fixtures.js';
import { flagAt } from '../../testing/flag-cases.js';
import control from './controller-manager-rotate-server-cert.js';
import { staticPod } from '../templates/static-pod-example.js';

const OFF = [...KUBEADM_CONTROLLER_MANAGER, '--feature-gates=RotateKubeletServerCertificate=false'];
const LATER = [...KUBEADM_CONTROLLER_MANAGER, '--feature-gates=RotateKubeletServerCertificate=true', '--feature-gates=RotateKubeletServerCertificate=false'];

testControl(control, {
  valid: [
    { name: 'kubeadm: the gate is on by default', yaml: staticPod('kube-controller-manager', KUBEADM_CONTROLLER_MANAGER) },
    { name: 'explicitly on', yaml: staticPod('kube-controller-manager', [...KUBEADM_CONTROLLER_MANAGER, '--feature-gates=RotateKubeletServerCertificate=true']) },
    { name: 'other gates only', yaml: staticPod('kube-controller-manager', [...KUBEADM_CONTROLLER_MANAGER, '--feature-gates=SomeOtherGate=false']) },
  ],
  invalid: [
    { name: 'gate off', yaml: staticPod('kube-controller-manager', OFF), paths: [flagAt(OFF, 'feature-gates')], messages: [/not rotated/] },
    { name: 'a later occurrence turns it off', yaml: staticPod('kube-controller-manager', LATER), paths: [flagAt(LATER, 'feature-gates')] },
  ],
});
