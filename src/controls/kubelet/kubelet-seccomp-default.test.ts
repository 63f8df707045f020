import { testControl } from '../../testing/control-tester.js';
import { HARDENED_KUBELET_CONFIG, KUBEADM_KUBELET_CONFIG } from '../../testing/control-plane-fixtures.js';
import control from './kubelet-seccomp-default.js';
import { FLAGS_AT, flagPath, kubeletPod } from '../../testing/kubelet-cases.js';

testControl(control, {
  valid: [HARDENED_KUBELET_CONFIG, { name: 'bare flag', yaml: kubeletPod(['--seccomp-default']) }],
  invalid: [
    { name: 'kubeadm default', yaml: KUBEADM_KUBELET_CONFIG, paths: ['seccompDefault'] },
    { name: 'flags only', yaml: kubeletPod(['--kubeconfig=/k']), paths: [FLAGS_AT] },
    { name: 'flag false', yaml: kubeletPod(['--seccomp-default=false']), paths: [flagPath(0)] },
  ],
});
