import { testControl } from '../../testing/control-tester.js';
import { INSECURE_KUBELET, KUBEADM_KUBELET_CONFIG } from '../../testing/control-plane-fixtures.js';
import control from './kubelet-read-only-port.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';
import { FLAGS_AT, WITH_CONFIG, flagPath, kubeletPod } from '../../testing/kubelet-cases.js';

testControl(control, {
  valid: [
    KUBEADM_KUBELET_CONFIG,
    { name: 'file default is 0', yaml: kubeletConfig('cgroupDriver: systemd\n') },
    { name: 'flag 0', yaml: kubeletPod(['--read-only-port=0']) },
    { name: 'file 0 joined', yaml: `${WITH_CONFIG}---\n${kubeletConfig('readOnlyPort: 0\n')}` },
  ],
  invalid: [
    { name: 'flags only: 10255', yaml: kubeletPod(INSECURE_KUBELET), paths: [FLAGS_AT], messages: [/the default is 10255/] },
    { name: 'in the file', yaml: kubeletConfig('readOnlyPort: 10255 # fails\n'), paths: ['readOnlyPort'] },
    { name: 'flag over a file that closes it', yaml: `${kubeletPod(['--config=/var/lib/kubelet/case.yaml', '--read-only-port', '10255'])}---\n${kubeletConfig('readOnlyPort: 0\n')}`,
      paths: [flagPath(2)] },
  ],
});
