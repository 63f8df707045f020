import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_KUBELET_CONFIG } from '../../testing/control-plane-fixtures.js';
import control from './kubelet-rotate-certificates.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';
import { FLAGS_AT, WITH_CONFIG, flagPath, kubeletPod } from '../../testing/kubelet-cases.js';

testControl(control, {
  valid: [
    KUBEADM_KUBELET_CONFIG,
    { name: 'flag true', yaml: kubeletPod(['--rotate-certificates=true']) },
    { name: 'bare flag', yaml: kubeletPod(['--rotate-certificates']) },
    { name: 'a flag over a file that turns it off', yaml: `${kubeletPod(['--config=/var/lib/kubelet/case.yaml', '--rotate-certificates=true'])}---\n${kubeletConfig('rotateCertificates: false\n')}` },
  ],
  invalid: [
    { name: 'flags only: the default is false', yaml: kubeletPod(['--kubeconfig=/etc/kubernetes/kubelet.conf']), paths: [FLAGS_AT], messages: [/client certificates are not rotated/] },
    { name: 'flag false', yaml: kubeletPod(['--rotate-certificates=false']), paths: [flagPath(0)] },
    { name: 'in the file', yaml: kubeletConfig('rotateCertificates: false # fails\n'), paths: ['rotateCertificates'] },
    { name: 'unset in a joined file: reported where it would go in the file', yaml: `${WITH_CONFIG}---\n${kubeletConfig('cgroupDriver: systemd\n')}`, noWorkloadVariants: true, paths: ['kubeletConfig.rotateCertificates'] },
  ],
});
