import { testControl } from '../../testing/control-tester.js';
import { HARDENED_KUBELET_CONFIG, KUBEADM_KUBELET_CONFIG } from '../../testing/control-plane-fixtures.js';
import control from './kubelet-pod-pid-limit.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';
import { FLAGS_AT, flagPath, kubeletPod } from '../../testing/kubelet-cases.js';

testControl(control, {
  valid: [HARDENED_KUBELET_CONFIG, { name: 'flag', yaml: kubeletPod(['--pod-max-pids=1024']) }],
  invalid: [
    { name: 'kubeadm default: unset', yaml: KUBEADM_KUBELET_CONFIG, paths: ['podPidsLimit'], messages: [/the default is -1/] },
    { name: 'flags only', yaml: kubeletPod(['--kubeconfig=/k']), paths: [FLAGS_AT] },
    { name: 'explicit -1', yaml: kubeletConfig('podPidsLimit: -1 # fails\n'), paths: ['podPidsLimit'] },
    { name: 'zero is no limit', yaml: kubeletPod(['--pod-max-pids=0']), paths: [flagPath(0)] },
  ],
});
