import { testControl } from '../../testing/control-tester.js';
import { INSECURE_KUBELET, KUBEADM_KUBELET_CONFIG } from '../../testing/control-plane-fixtures.js';
import control from './kubelet-authorization.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';
import { FLAGS_AT, WITH_CONFIG, flagPath, kubeletPod } from '../../testing/kubelet-cases.js';

testControl(control, {
  valid: [
    KUBEADM_KUBELET_CONFIG,
    { name: 'config default is Webhook', yaml: kubeletConfig('cgroupDriver: systemd\n') },
    { name: 'missing config file: file defaults', yaml: kubeletPod(['--config=/var/lib/kubelet/config.yaml']) },
    { name: 'flag Webhook', yaml: kubeletPod(['--authorization-mode', 'Webhook']) },
  ],
  invalid: [
    { name: 'flags only: AlwaysAllow', yaml: kubeletPod(INSECURE_KUBELET), paths: [FLAGS_AT], messages: [/the default is AlwaysAllow/] },
    { name: 'in the file', yaml: kubeletConfig('authorization: {mode: AlwaysAllow} # fails\n'), paths: ['authorization.mode'] },
    { name: 'flag over file', yaml: `${kubeletPod(['--config=/var/lib/kubelet/case.yaml', '--authorization-mode=AlwaysAllow'])}---\n${kubeletConfig('authorization: {mode: Webhook}\n')}`, paths: [flagPath(1)] },
    { name: 'joined file', yaml: `${WITH_CONFIG}---\n${kubeletConfig('authorization: {mode: AlwaysAllow}\n')}`, paths: ['kubeletConfig.authorization.mode'] },
  ],
});
